/**
 * Client RPC methods (used by the API server): their parameter schemas and dispatch onto the
 * node. Requests are `{"id", "method", "params"}`; answers `{"id", "result"}` or
 * `{"id", "error": {"code", "message"}}`, where `code` is a LedgerError code for rejected
 * transactions, or one of the codes below.
 */
import { Id128Schema, PublicKeySchema, TxIdSchema } from '@chartproof/ledger';
import { z } from 'zod';

export const RpcErrorCode = Object.freeze({
  BAD_REQUEST: 'BAD_REQUEST',
  UNKNOWN_METHOD: 'UNKNOWN_METHOD',
  NOT_FOUND: 'NOT_FOUND',
  NOT_ACKNOWLEDGED: 'NOT_ACKNOWLEDGED',
  TIMEOUT: 'TIMEOUT',
  OVERLOADED: 'OVERLOADED',
  INTERNAL: 'INTERNAL',
  /** The method needs an authenticated connection (rpc-auth.ts); see PublicCalls. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** `auth`: the signature does not prove the key for this connection's challenge. */
  AUTH_BAD_SIGNATURE: 'AUTH_BAD_SIGNATURE',
  /** `auth`: the key is neither a registered `service` account nor the central authority. */
  AUTH_KEY_REFUSED: 'AUTH_KEY_REFUSED',
} as const);

export const RpcRequestSchema = z
  .object({
    id: z.union([z.number().int(), z.string().max(64)]),
    method: z.string().max(64),
    params: z.unknown().optional(),
  })
  .strict();

export const MethodParams = {
  submit: z
    .object({
      tx: z.unknown(),
      /** "ack" waits for a majority of validators; "mempool" returns once accepted. */
      wait: z.enum(['ack', 'mempool']).default('ack'),
      timeout_ms: z.number().int().min(100).max(300_000).default(60_000),
    })
    .strict(),
  receipt: z.union([z.object({ record_id: Id128Schema }).strict(), z.object({ tx_id: TxIdSchema }).strict()]),
  tx: z.object({ tx_id: TxIdSchema }).strict(),
  record: z.object({ record_id: Id128Schema }).strict(),
  anchors: z
    .object({
      patient: PublicKeySchema,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    })
    .strict(),
  account: z.object({ key: PublicKeySchema }).strict(),
  grant: z.object({ request_id: Id128Schema }).strict(),
  /** A service key's audit checkpoints on the best chain that end at or after `from`, in order. */
  checkpoints: z
    .object({
      signer: PublicKeySchema,
      from: z.number().int().min(1).default(1),
      limit: z.number().int().min(1).max(1000).default(500),
    })
    .strict(),
  status: z.object({}).strict().default({}),
} as const;

export type MethodName = keyof typeof MethodParams;
export type Params<M extends MethodName> = z.output<(typeof MethodParams)[M]>;

export class RpcError extends Error {
  override readonly name = 'RpcError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type RpcHandlers = { [M in MethodName]: (params: Params<M>) => Promise<unknown> | unknown };

export async function dispatch(
  handlers: RpcHandlers,
  method: string,
  params: unknown,
  caller: { readonly authenticated: boolean },
): Promise<unknown> {
  if (!Object.hasOwn(MethodParams, method))
    throw new RpcError(RpcErrorCode.UNKNOWN_METHOD, `unknown method ${JSON.stringify(method)}`);
  const name = method as MethodName;
  // A closed method answers a stranger the same whatever the params, so that it learns nothing.
  if (!caller.authenticated && !hasPublicCalls(name)) throw unauthenticated(name);
  const r = MethodParams[name].safeParse(params ?? {});
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new RpcError(
      RpcErrorCode.BAD_REQUEST,
      `params.${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  if (!caller.authenticated && !isPublicCall(name, r.data)) throw unauthenticated(name);
  return (handlers[name] as (p: unknown) => unknown)(r.data);
}

// ---- Which calls need an authenticated connection (rpc-auth.ts) ------------------------------

/**
 * What a connection that has not authenticated may call: no more than the read-only HTTP gives
 * browsers (status, blocks, receipts by record id). Every submission and every query by key,
 * record or transaction needs a key the chain accepts for it. A method missing here is closed.
 */
const PublicCalls: { readonly [M in MethodName]?: (params: Params<M>) => boolean } = {
  status: () => true,
  receipt: (p) => 'record_id' in p,
};

function hasPublicCalls(method: MethodName): boolean {
  return PublicCalls[method] !== undefined;
}

function isPublicCall<M extends MethodName>(method: M, params: Params<M>): boolean {
  const open = PublicCalls[method] as ((p: Params<M>) => boolean) | undefined;
  return open?.(params) ?? false;
}

function unauthenticated(method: MethodName): RpcError {
  return new RpcError(
    RpcErrorCode.UNAUTHENTICATED,
    `${method} needs an authenticated connection: answer the node's challenge with a registered service key (method "auth")`,
  );
}
