/**
 * The integrity check of a stored record (contract 2.8), as pure steps over what the database and
 * a node hold: open the envelope, recompute the commitment, check the node's receipt offline with
 * the same `verifyReceipt` the browser runs, and compare what the receipt proves with the row.
 * Any failure is an answer ("invalid"), never an exception: tampering is what this is for.
 */
import {
  type Genesis,
  isLedgerError,
  type Receipt,
  recordCommitment,
  verifyReceipt,
} from '@chartproof/ledger';
import { checkRecordAnchor } from '@chartproof/ledger/verify';
import { DecryptError, type OpenedRecord, openRecord } from '../crypto/envelope.js';
import { bytes, type HealthRecordRow } from '../db/tables.js';

export const VALID = 'Health record is valid!';
export const INVALID = 'Health record is invalid!';
export const NOT_ANCHORED = 'Health record is invalid! (not anchored on blockchain)';
export const NOT_ACKNOWLEDGED = 'Health record is invalid! (not yet acknowledged on blockchain)';

export function tryOpen(masterKey: Uint8Array, row: HealthRecordRow): OpenedRecord | null {
  try {
    return openRecord(masterKey, row.id, row.patient_id, {
      ciphertext: bytes(row.ciphertext),
      wrappedKey: bytes(row.wrapped_key),
    });
  } catch (e) {
    if (e instanceof DecryptError) return null;
    throw e;
  }
}

export interface IntegrityInput {
  readonly row: HealthRecordRow;
  readonly opened: OpenedRecord | null;
  readonly receipt: Receipt | 'not_found' | 'not_acknowledged';
  readonly patientKey: string;
  readonly creatorKey: string;
  readonly genesis: Genesis;
}

export function checkIntegrity(i: IntegrityInput): string {
  if (i.opened === null) return INVALID;
  const { record, salt } = i.opened;
  if (record._id !== i.row.id || record.patient_id !== i.row.patient_id) return INVALID;
  if (i.receipt === 'not_found') return NOT_ANCHORED;
  if (i.receipt === 'not_acknowledged') return NOT_ACKNOWLEDGED;
  try {
    verifyReceipt(i.receipt, i.genesis);
  } catch (e) {
    if (isLedgerError(e)) return INVALID;
    throw e;
  }
  const anchor = checkRecordAnchor(i.receipt, {
    record_id: i.row.id,
    commitment: recordCommitment(record, salt),
    patient: i.patientKey,
    creator: i.creatorKey,
  });
  return anchor.ok ? VALID : INVALID;
}
