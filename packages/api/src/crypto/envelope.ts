/**
 * Envelope encryption of health records (contract F12, F13). Each record gets a fresh 256-bit data
 * key; the record is sealed under it with the record and patient ids as associated data (a row
 * moved to another patient no longer opens), and the data key is sealed under the master key.
 * Inside the envelope sits the commitment salt, so neither the database nor the chain holds
 * anything that confirms a guessed diagnosis.
 */
import { randomBytes } from 'node:crypto';
import { SALT_SIZE } from '@chartproof/ledger';
import { DecryptError, KEY_SIZE, open, seal } from './aead.js';

export type HealthRecord = Record<string, string>;

export interface SealedRecord {
  readonly ciphertext: Buffer;
  readonly wrappedKey: Buffer;
}

export interface OpenedRecord {
  readonly record: HealthRecord;
  readonly salt: Uint8Array;
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const recordAad = (recordId: string, patientId: string) =>
  utf8(`chartproof/record/v1:${recordId}:${patientId}`);
const keyAad = (recordId: string) => utf8(`chartproof/record-key/v1:${recordId}`);

export function newSalt(): Uint8Array {
  return randomBytes(SALT_SIZE);
}

export function sealRecord(
  masterKey: Uint8Array,
  recordId: string,
  patientId: string,
  record: HealthRecord,
  salt: Uint8Array,
): SealedRecord {
  const dataKey = randomBytes(KEY_SIZE);
  // JSON keeps the record's key order (no integer-like keys are accepted), the order it was written in.
  const plaintext = utf8(JSON.stringify({ v: 1, salt: Buffer.from(salt).toString('hex'), record }));
  const ciphertext = seal(dataKey, plaintext, recordAad(recordId, patientId));
  const wrappedKey = seal(masterKey, dataKey, keyAad(recordId));
  dataKey.fill(0);
  return { ciphertext, wrappedKey };
}

/** Throws DecryptError when anything about the stored envelope was altered. */
export function openRecord(
  masterKey: Uint8Array,
  recordId: string,
  patientId: string,
  sealed: { ciphertext: Uint8Array; wrappedKey: Uint8Array },
): OpenedRecord {
  const dataKey = open(masterKey, sealed.wrappedKey, keyAad(recordId));
  const plaintext = open(dataKey, sealed.ciphertext, recordAad(recordId, patientId));
  dataKey.fill(0);
  let parsed: unknown;
  try {
    parsed = JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw new DecryptError('record plaintext is not JSON');
  }
  const p = parsed as { v?: unknown; salt?: unknown; record?: unknown };
  if (p.v !== 1 || typeof p.salt !== 'string' || !/^[0-9a-f]{64}$/.test(p.salt)) {
    throw new DecryptError('record envelope has an unknown layout');
  }
  const record = p.record;
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new DecryptError('record envelope holds no record object');
  }
  for (const v of Object.values(record)) {
    if (typeof v !== 'string') throw new DecryptError('record field is not a string');
  }
  return { record: record as HealthRecord, salt: Buffer.from(p.salt, 'hex') };
}

const secretAad = (ownerId: string) => utf8(`chartproof/account-key/v1:${ownerId}`);

/** Private keys of custodial accounts (health authorities, patients, the service key), at rest. */
export function wrapSecret(masterKey: Uint8Array, ownerId: string, secret: Uint8Array): Buffer {
  return seal(masterKey, secret, secretAad(ownerId));
}

export function unwrapSecret(masterKey: Uint8Array, ownerId: string, wrapped: Uint8Array): Uint8Array {
  return open(masterKey, wrapped, secretAad(ownerId));
}

export { DecryptError };
