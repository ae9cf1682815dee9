/**
 * RFC 8785 JSON Canonicalization Scheme: the one byte form of every JSON value that is hashed or
 * signed. Keys sorted by UTF-16 code units, numbers in ECMAScript shortest form, no whitespace.
 * Values JSON cannot represent (undefined, NaN, lone surrogates, cycles) are refused, never dropped.
 */
import canonicalize from 'canonicalize';
import { utf8ToBytes } from './bytes.js';
import { LedgerError } from './errors.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function canonicalJson(value: unknown): string {
  let out: string | undefined;
  try {
    out = canonicalize(value);
  } catch (e) {
    throw new LedgerError('BAD_ENCODING', `value cannot be canonicalized: ${(e as Error).message}`);
  }
  if (out === undefined) throw new LedgerError('BAD_ENCODING', 'value cannot be canonicalized: undefined');
  return out;
}

export function canonicalBytes(value: unknown): Uint8Array {
  return utf8ToBytes(canonicalJson(value));
}
