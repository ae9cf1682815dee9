/**
 * RFC 8785 JSON Canonicalization Scheme: the one byte form of every JSON value that is hashed or
 * signed. Keys sorted by UTF-16 code units, numbers in ECMAScript shortest form, no whitespace.
 * Values JSON cannot represent (undefined, NaN, lone surrogates, cycles) are refused, never dropped.
 */
import canonicalize from 'canonicalize';
import { utf8ToBytes } from './bytes.js';
import { LedgerError } from './errors.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Throws unless `value` is plain JSON data. `canonicalize` follows JSON.stringify here and would
 * drop an undefined property, turn an undefined array item into null, and write a function, a
 * symbol or an array hole as `undefined` or nothing (`{"a":undefined}`, `[1,,3]`: not JSON at all);
 * class instances (Date, Map, typed arrays) would be serialized through toJSON or as their own
 * keys. Each is a value the signer did not see hashed, so it is refused here, naming the path.
 */
function assertJson(value: unknown, path: string, seen: Set<object>): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'number':
      return;
    case 'object': {
      if (value === null) return;
      if (seen.has(value)) return; // cycles are canonicalize's to report
      seen.add(value);
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) throw new LedgerError('BAD_ENCODING', `${path}[${i}] is an array hole`);
          assertJson(value[i], `${path}[${i}]`, seen);
        }
      } else {
        const proto = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) {
          throw new LedgerError(
            'BAD_ENCODING',
            `${path} is a ${proto?.constructor?.name ?? 'non-plain'} object`,
          );
        }
        for (const [k, v] of Object.entries(value)) assertJson(v, `${path}.${k}`, seen);
      }
      seen.delete(value);
      return;
    }
    default:
      throw new LedgerError('BAD_ENCODING', `${path} is ${typeof value}, not JSON`);
  }
}

export function canonicalJson(value: unknown): string {
  let out: string | undefined;
  assertJson(value, '(root)', new Set());
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
