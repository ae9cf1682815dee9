/**
 * The body of POST /api/health-records (contract 2.6 Target): a flat JSON object of text fields
 * with `patient_id` a patient's 32-hex-digit id, under the field rules the web form shares
 * (@chartproof/ledger/record-fields); this module words their refusals for the API's 400s.
 */
import {
  type FieldNameProblem,
  fieldNameProblem,
  MAX_FIELDS,
  MAX_KEY,
  MAX_VALUE,
  SERVER_FIELDS,
  type ServerField,
} from '@chartproof/ledger/record-fields';
import { badRequest } from '../errors.js';
import { isId } from '../ids.js';
import { isWellFormed, NOT_WELL_FORMED, textProblem } from './text.js';
import { isPlainObject } from './validation.js';

const KEY_MESSAGES: Readonly<Record<FieldNameProblem, (key: string) => string>> = {
  empty: () => 'field names must not be empty',
  too_long: (key) => `field name "${key.slice(0, 20)}…" is longer than ${MAX_KEY} characters`,
  dollar: (key) => `field "${key}": names must not start with "$"`,
  digits: (key) => `field "${key}": names must not be all digits`,
  proto: () => 'field "__proto__" is not allowed',
};

export function keyProblem(key: string): string | null {
  const problem = fieldNameProblem(key);
  if (problem !== null) return KEY_MESSAGES[problem](key);
  const text = textProblem(key);
  if (text !== null) return `field name ${JSON.stringify(key.slice(0, 20))}: ${text}`;
  return null;
}

export interface RecordFields {
  readonly patientId: string;
  /** Client fields in the order sent. */
  readonly entries: ReadonlyArray<readonly [string, string]>;
}

export function parseRecordBody(body: unknown): RecordFields {
  if (body === undefined || body === null || (isPlainObject(body) && Object.keys(body).length === 0)) {
    throw badRequest('No data provided');
  }
  if (!isPlainObject(body)) throw badRequest('Request body must be a JSON object of text fields');
  const entries = Object.entries(body);
  if (entries.length > MAX_FIELDS)
    throw badRequest(`too many fields: ${entries.length}, at most ${MAX_FIELDS}`);
  if (!Object.hasOwn(body, 'patient_id')) throw badRequest('Missing required field: patient_id');
  if (!isId(body.patient_id))
    throw badRequest('patient_id: expected a patient id of 32 lowercase hex digits');
  for (const [key, value] of entries) {
    const problem = keyProblem(key);
    if (problem !== null) throw badRequest(problem);
    if (typeof value !== 'string') throw badRequest(`${key}: expected a string value`);
    if (value.length > MAX_VALUE) throw badRequest(`${key}: at most ${MAX_VALUE} characters`);
    // A NUL is fine inside an encrypted record; a lone surrogate is not (JCS hashes UTF-8).
    if (!isWellFormed(value)) throw badRequest(`${key}: ${NOT_WELL_FORMED}`);
  }
  return { patientId: body.patient_id, entries: entries as Array<[string, string]> };
}

export type ServerValues = Readonly<Record<ServerField, string>>;

/**
 * The stored record: the client's fields in order, then the server's in the contract's order; a
 * server field the client also sent keeps the client's position and takes the server's value.
 */
export function buildRecord(fields: RecordFields, server: ServerValues): Record<string, string> {
  const out = new Map<string, string>(fields.entries);
  for (const key of SERVER_FIELDS) out.set(key, server[key]);
  return Object.fromEntries(out);
}

/** Responses list a record's keys sorted, as the reference's JSON encoder did (contract 1.2). */
export function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** `DD-MM-YYYY` in UTC (contract 1.7, F29). */
export function recordDate(d: Date): string {
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}-${mm}-${d.getUTCFullYear()}`;
}

/** The on-chain anchor date as the client parses it: UTC, milliseconds, no offset (1.7). */
export function clientTimestamp(iso: string): string {
  return iso.endsWith('Z') ? iso.slice(0, -1) : iso;
}
