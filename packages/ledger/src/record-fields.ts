/**
 * The field rules of a health record (contract 2.6 Target), defined once for the API, which
 * enforces them, and the web form, which checks them before anything is sent. A record is a flat
 * JSON object of text fields: at most 100 of them with `patient_id`, names of 1–64 characters that
 * do not start with `$` and are not all digits (JSON and JS objects move such keys to the front,
 * and the stored order is the order written), values of at most 10,000 characters. The names the
 * server writes are reserved. Browser-safe: pure data and functions.
 */

export const MAX_FIELDS = 100;
export const MAX_KEY = 64;
export const MAX_VALUE = 10_000;

/** The fields the server owns, in the contract's order: a client value under these names is overwritten. */
export const SERVER_FIELDS = [
  '_id',
  'date',
  'doctor_id',
  'doctor_first_name',
  'doctor_last_name',
  'health_authority_id',
  'health_authority_name',
  'patient_first_name',
  'patient_last_name',
] as const;
export type ServerField = (typeof SERVER_FIELDS)[number];

/** Names a client's free-form field may not take: the server's, and `patient_id`, which the body carries apart. */
export const RESERVED_FIELDS: ReadonlySet<string> = new Set(['patient_id', ...SERVER_FIELDS]);

/** Why a field name is refused; each caller words it for its own reader. */
export const FieldNameProblem = Object.freeze({
  EMPTY: 'empty',
  TOO_LONG: 'too_long',
  DOLLAR: 'dollar',
  DIGITS: 'digits',
  PROTO: 'proto',
} as const);
export type FieldNameProblem = (typeof FieldNameProblem)[keyof typeof FieldNameProblem];

export function fieldNameProblem(key: string): FieldNameProblem | null {
  if (key.length === 0) return FieldNameProblem.EMPTY;
  if (key.length > MAX_KEY) return FieldNameProblem.TOO_LONG;
  if (key.startsWith('$')) return FieldNameProblem.DOLLAR;
  if (/^\d+$/.test(key)) return FieldNameProblem.DIGITS;
  // JSON.parse makes "__proto__" an own key, but `obj[key] = value` would set the prototype instead.
  if (key === '__proto__') return FieldNameProblem.PROTO;
  return null;
}
