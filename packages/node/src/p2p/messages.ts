/**
 * Every message of the peer-to-peer protocol, as zod schemas. A frame is one JSON object with a
 * `type`; anything that fails its schema is malformed and costs the sender its connection.
 * Count limits follow Bitcoin Core where it has one (2,000 headers, 101 locator hashes).
 * PROTOCOL.md is the prose version of this file.
 */
import {
  AckSchema,
  BlockHashSchema,
  BlockJsonSchema,
  HeaderHexSchema,
  PublicKeySchema,
  SignatureSchema,
  TxIdSchema,
} from '@chartproof/ledger';
import { z } from 'zod';

export const PROTOCOL_VERSION = 1;

export const Limits = Object.freeze({
  MAX_HEADERS: 2000,
  /** Headers in one tip announcement. */
  MAX_ANNOUNCE: 8,
  MAX_LOCATOR: 101,
  MAX_INV: 5000,
  MAX_GETDATA_BLOCKS: 128,
  MAX_TXS_PER_MESSAGE: 1000,
  MAX_ACKS_PER_MESSAGE: 1000,
  MAX_ADDRS: 100,
});

const hex32 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');
const peerUrl = z
  .string()
  .max(200)
  .regex(/^wss?:\/\/[^\s/]+(:\d{1,5})?\/?$/, 'expected ws://host:port or wss://host:port');

export const TipSchema = z
  .object({
    height: z.number().int().min(0),
    hash: BlockHashSchema,
    /** Cumulative work as lowercase hex. */
    work: z.string().regex(/^[0-9a-f]{1,64}$/, 'expected hex work'),
  })
  .strict();

const msg = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape }).strict();

export const HelloSchema = msg('hello', {
  protocol: z.number().int(),
  genesis: BlockHashSchema,
  node_key: PublicKeySchema,
  /** Fresh random bytes the other side must sign, proving it holds `node_key`. */
  challenge: hex32,
  tip: TipSchema,
  /** Where this node accepts connections, for peer exchange; null if it does not. */
  listen: peerUrl.nullable(),
  validator: z.boolean(),
  agent: z.string().max(64),
});

export const MessageSchema = z.discriminatedUnion('type', [
  HelloSchema,
  msg('hello_ack', { sig: SignatureSchema }),
  msg('ping', { nonce: z.number().int().min(0) }),
  msg('pong', { nonce: z.number().int().min(0) }),
  msg('getaddr', {}),
  msg('addr', { peers: z.array(peerUrl).max(Limits.MAX_ADDRS) }),
  msg('inv', { txs: z.array(TxIdSchema).max(Limits.MAX_INV) }),
  msg('getdata', {
    txs: z.array(TxIdSchema).max(Limits.MAX_INV),
    blocks: z.array(BlockHashSchema).max(Limits.MAX_GETDATA_BLOCKS),
  }),
  msg('txs', { txs: z.array(z.unknown()).max(Limits.MAX_TXS_PER_MESSAGE) }),
  msg('getheaders', { locator: z.array(BlockHashSchema).min(1).max(Limits.MAX_LOCATOR) }),
  /** The answer to a getheaders, and only that. */
  msg('headers', { headers: z.array(HeaderHexSchema).max(Limits.MAX_HEADERS) }),
  /** A new tip (with up to a few of its ancestors), sent unasked when a node adopts it. */
  msg('announce', { headers: z.array(HeaderHexSchema).min(1).max(Limits.MAX_ANNOUNCE) }),
  msg('block', { block: BlockJsonSchema }),
  msg('notfound', {
    txs: z.array(TxIdSchema).max(Limits.MAX_INV),
    blocks: z.array(BlockHashSchema).max(Limits.MAX_GETDATA_BLOCKS),
  }),
  msg('acks', { acks: z.array(AckSchema).max(Limits.MAX_ACKS_PER_MESSAGE) }),
  msg('reject', { code: z.string().max(64), reason: z.string().max(500) }),
]);

export type Message = z.infer<typeof MessageSchema>;
export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;
export type Hello = z.infer<typeof HelloSchema>;
