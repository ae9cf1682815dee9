/**
 * The transaction types and their wire shape. Every object is strict: a field this version
 * does not know would be hashed but ignored by every rule, so it is refused instead.
 *
 *   { "type": ..., "signer": <public key>, "body": {...}, "sig": <signature> }
 */
import { z } from 'zod';
import { Hash32Schema, Id128Schema, PublicKeySchema, SignatureSchema } from '../brand.js';

export const AccountRole = Object.freeze({
  CENTRAL_AUTHORITY: 'central_authority',
  HEALTH_AUTHORITY: 'health_authority',
  PATIENT: 'patient',
  SERVICE: 'service',
} as const);
export type AccountRole = (typeof AccountRole)[keyof typeof AccountRole];

/** UTC with milliseconds, e.g. 2025-11-04T12:17:34.969Z; the one form every record date takes. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'expected a UTC timestamp YYYY-MM-DDTHH:MM:SS.sssZ')
  .refine((s) => {
    const t = Date.parse(s);
    return Number.isFinite(t) && new Date(t).toISOString() === s;
  }, 'not a real calendar date and time');

export const AccountRegisterBody = z
  .object({
    account: PublicKeySchema,
    role: z.enum([AccountRole.HEALTH_AUTHORITY, AccountRole.PATIENT, AccountRole.SERVICE]),
    /** The off-chain id of the account holder (an API user id), so anchors can be traced to it. */
    subject: Id128Schema,
  })
  .strict();

export const RecordAnchorBody = z
  .object({
    record_id: Id128Schema,
    patient: PublicKeySchema,
    creator: PublicKeySchema,
    date: IsoDateSchema,
    /** SHA-256("chartproof/record/v1" ‖ salt ‖ JCS(record)): see commitment.ts. */
    commitment: Hash32Schema,
  })
  .strict();

export const AccessGrantBody = z
  .object({ record_id: Id128Schema, grantee: PublicKeySchema, request_id: Id128Schema })
  .strict();

export const AccessRevokeBody = AccessGrantBody;

const seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
export const AuditCheckpointBody = z
  .object({ from: seq, to: seq, root: Hash32Schema })
  .strict()
  .refine((b) => b.to >= b.from, { message: '"to" must not be below "from"', path: ['to'] });

const envelope = <T extends string, B extends z.ZodType>(type: T, body: B) =>
  z.object({ type: z.literal(type), signer: PublicKeySchema, body, sig: SignatureSchema }).strict();

/** The one list of transaction types: a new type is added here, and every rule's switch over
 * `tx.type` stops compiling until it handles it (see never.ts). */
const ENVELOPES = [
  envelope('account.register', AccountRegisterBody),
  envelope('record.anchor', RecordAnchorBody),
  envelope('access.grant', AccessGrantBody),
  envelope('access.revoke', AccessRevokeBody),
  envelope('audit.checkpoint', AuditCheckpointBody),
] as const;

export const TransactionSchema = z.discriminatedUnion('type', ENVELOPES);

export type Transaction = z.infer<typeof TransactionSchema>;
export type TxType = Transaction['type'];
export type TxBody<T extends TxType> = Extract<Transaction, { type: T }>['body'];
export type UnsignedTransaction<T extends TxType = TxType> = {
  type: T;
  signer: Transaction['signer'];
  body: TxBody<T>;
};

/** Every transaction type, in the schema's order, read from the schema itself. */
export const TX_TYPES: readonly TxType[] = Object.freeze(ENVELOPES.map((e) => e.shape.type.value));
