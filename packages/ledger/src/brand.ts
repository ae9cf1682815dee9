/**
 * Branded string types for the values that cross module and process boundaries, with the zod
 * schemas that parse them. Every one is lowercase hex of a fixed length: one spelling per value.
 */
import { z } from 'zod';

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type BlockHash = Brand<string, 'BlockHash'>;
export type TxId = Brand<string, 'TxId'>;
export type PublicKey = Brand<string, 'PublicKey'>;
export type Signature = Brand<string, 'Signature'>;
export type Hash32 = Brand<string, 'Hash32'>;
/** A 128-bit id written as 32 hex digits (a UUID4 without dashes): records, requests, users. */
export type Id128 = Brand<string, 'Id128'>;

const hex = (bytes: number, what: string) =>
  z
    .string()
    .regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), `expected ${what}: ${bytes * 2} lowercase hex digits`);

export const BlockHashSchema = hex(32, 'block hash').transform((s) => s as BlockHash);
export const TxIdSchema = hex(32, 'transaction id').transform((s) => s as TxId);
export const PublicKeySchema = hex(32, 'Ed25519 public key').transform((s) => s as PublicKey);
export const SignatureSchema = hex(64, 'Ed25519 signature').transform((s) => s as Signature);
export const Hash32Schema = hex(32, 'SHA-256 hash').transform((s) => s as Hash32);
export const Id128Schema = hex(16, '128-bit id').transform((s) => s as Id128);

/**
 * A named parser in the manner of noble's `abytes`: `name` is the argument's name at the call
 * site, and the message says what was expected and what arrived. A wrong type is a TypeError, a
 * wrong value a RangeError.
 */
function parser<T>(schema: z.ZodType<T>, defaultName: string) {
  return (value: unknown, name = defaultName): T => {
    if (typeof value !== 'string') {
      const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
      throw new TypeError(`"${name}" expected string, got ${got}`);
    }
    const r = schema.safeParse(value);
    if (!r.success) {
      const shown = JSON.stringify(value.slice(0, 20)) + (value.length > 20 ? '…' : '');
      throw new RangeError(
        `"${name}" ${r.error.issues[0]?.message ?? 'invalid'}, got ${shown} (length=${value.length})`,
      );
    }
    return r.data;
  };
}

export const parseBlockHash = parser(BlockHashSchema, 'blockHash');
export const parseTxId = parser(TxIdSchema, 'txId');
export const parsePublicKey = parser(PublicKeySchema, 'publicKey');
export const parseSignature = parser(SignatureSchema, 'signature');
export const parseHash32 = parser(Hash32Schema, 'hash');
export const parseId128 = parser(Id128Schema, 'id');

/** A block header as hex: 124 bytes (header.ts), 248 lowercase hex digits. */
export const HeaderHexSchema = z
  .string()
  .regex(/^[0-9a-f]{248}$/, 'expected a 124-byte header as 248 lowercase hex digits');
