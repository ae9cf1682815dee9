/**
 * Authentication of node RPC clients (issue 14): on connect the node sends a fresh 32-byte
 * challenge; the client proves a key by signing it (p2p/handshake.ts, tag "chartproof/rpc-auth/v1"
 * over the genesis hash) in an `auth` request. The node accepts the keys the chain names for it:
 * accounts registered with role `service` (the API's service keys) and the genesis central
 * authority, so that an API can register its first service key. A connection that has not
 * authenticated may only make the calls methods.ts lists as public; the server (rpc-server.ts)
 * limits how many such connections there are and how long they may stay.
 */
import {
  AccountRole,
  BlockHashSchema,
  type Genesis,
  type KeyPair,
  type PublicKey,
  PublicKeySchema,
  SignatureSchema,
} from '@chartproof/ledger';
import { z } from 'zod';
import { answerRpcChallenge, checkRpcAnswer } from '../p2p/handshake.js';
import { type NodeQueries, QueryError } from '../queries/node-queries.js';
import { RpcError, RpcErrorCode } from './methods.js';

/** The request a client authenticates with: `{"id", "method": "auth", "params": AuthParams}`. */
export const AUTH_METHOD = 'auth';
/** The frame a node sends first on every RPC connection (no id: it answers no request). */
export const CHALLENGE_METHOD = 'auth.challenge';

export const ChallengeFrameSchema = z
  .object({
    method: z.literal(CHALLENGE_METHOD),
    params: z
      .object({
        challenge: z.string().regex(/^[0-9a-f]{64}$/, 'expected 32 bytes in lowercase hex'),
        genesis: BlockHashSchema,
      })
      .strict(),
  })
  .strict();
export type ChallengeFrame = z.output<typeof ChallengeFrameSchema>;

export const AuthParamsSchema = z.object({ key: PublicKeySchema, signature: SignatureSchema }).strict();
export type AuthParams = z.output<typeof AuthParamsSchema>;

/** The roles whose keys may use the whole RPC. */
const ACCEPTED_ROLES: ReadonlySet<AccountRole> = new Set([
  AccountRole.SERVICE,
  AccountRole.CENTRAL_AUTHORITY,
]);

export interface AuthResult {
  readonly key: PublicKey;
  readonly role: AccountRole;
}

/**
 * WebSocket close codes a node ends an RPC connection with (4000-4999 are the application's). A
 * client that has nothing to send need not reconnect after AUTH_DEADLINE, IDLE or EVICTED.
 */
export const RpcCloseCode = Object.freeze({
  /** The connection did not authenticate within the deadline. */
  AUTH_DEADLINE: 4001,
  /** Nothing was asked for longer than the idle timeout. */
  IDLE: 4002,
  /** Too many refused `auth` attempts on one connection. */
  AUTH_REFUSED: 4003,
  /** A newer unauthenticated connection needed the slot of this one, the oldest. */
  EVICTED: 4004,
} as const);

/** The `auth.challenge` frame of a new connection. */
export function challengeFrame(challenge: string, genesis: Genesis): ChallengeFrame {
  return { method: CHALLENGE_METHOD, params: { challenge, genesis: genesis.hash } };
}

/** The `auth` params proving `key` for a connection's challenge. */
export function authParams(key: KeyPair, challenge: string, genesisHash: Uint8Array): AuthParams {
  return { key: key.publicKey, signature: answerRpcChallenge(key, challenge, genesisHash) };
}

/**
 * The rule: the signature must prove the key for this connection's challenge, and the key must
 * hold an accepted role on the node's best chain. The signature is checked first, so that a
 * refusal never tells a stranger more than the public chain does.
 */
export function authenticate(
  params: AuthParams,
  challenge: string,
  genesis: Genesis,
  roleOf: (key: PublicKey) => AccountRole | null,
): AuthResult {
  if (!checkRpcAnswer(params.key, challenge, params.signature, genesis)) {
    throw new RpcError(
      RpcErrorCode.AUTH_BAD_SIGNATURE,
      `the signature does not prove key ${params.key} for this connection's challenge on network ${genesis.hash}`,
    );
  }
  const role = roleOf(params.key);
  if (role === null || !ACCEPTED_ROLES.has(role)) {
    throw new RpcError(
      RpcErrorCode.AUTH_KEY_REFUSED,
      `key ${params.key} is ${role === null ? 'not registered on chain' : `registered as ${role}`}: only service accounts and the central authority may use the RPC beyond status and receipts by record id`,
    );
  }
  return { key: params.key, role };
}

/** A key's role on the node's best chain, through its queries; null if it is not registered. */
export function roleOnChain(queries: Pick<NodeQueries, 'account'>): (key: PublicKey) => AccountRole | null {
  return (key) => {
    try {
      return queries.account(key).role;
    } catch (e) {
      if (e instanceof QueryError && e.code === 'NOT_FOUND') return null;
      throw e;
    }
  };
}
