import { recordCommitment } from '@chartproof/ledger';
import { testHospital, testPatient, testReceipt } from '@chartproof/ledger/testing';
import { describe, expect, it } from 'vitest';
import type { HealthRecordRow } from '../db/tables.js';
import {
  checkIntegrity,
  INVALID,
  type IntegrityInput,
  NOT_ACKNOWLEDGED,
  NOT_ANCHORED,
  VALID,
} from './integrity.js';

const ID = 'e2e659351b784cddad9ecfa02b541f36';
const PATIENT = '27c5e47361af401987d5a7f0cbba3d99';
const record = { _id: ID, patient_id: PATIENT, diagnosis: 'Hypertension' };
const salt = new Uint8Array(32).fill(0x11);
const { receipt, genesis } = await testReceipt({ record_id: ID, commitment: recordCommitment(record, salt) });

const input: IntegrityInput = {
  row: { id: ID, patient_id: PATIENT } as HealthRecordRow,
  opened: { record, salt },
  receipt,
  patientKey: testPatient().publicKey,
  creatorKey: testHospital().publicKey,
  genesis,
};

describe('checkIntegrity (the shared anchor check, over what the API stores)', () => {
  it('is valid for the stored record its receipt anchors', () => {
    expect(checkIntegrity(input)).toBe(VALID);
  });

  it('is invalid when any one thing the anchor states differs from the row', () => {
    expect(checkIntegrity({ ...input, opened: { record: { ...record, diagnosis: 'x' }, salt } })).toBe(
      INVALID,
    );
    expect(checkIntegrity({ ...input, patientKey: testHospital().publicKey })).toBe(INVALID);
    expect(checkIntegrity({ ...input, creatorKey: testPatient().publicKey })).toBe(INVALID);
    const other = 'f'.repeat(32);
    expect(
      checkIntegrity({
        ...input,
        row: { id: other, patient_id: PATIENT } as HealthRecordRow,
        opened: { record: { ...record, _id: other }, salt },
      }),
    ).toBe(INVALID);
  });

  it('is invalid for a receipt that does not verify, or a record that did not open', () => {
    const forged = structuredClone(receipt);
    forged.acks = forged.acks.slice(0, 1);
    expect(checkIntegrity({ ...input, receipt: forged })).toBe(INVALID);
    expect(checkIntegrity({ ...input, opened: null })).toBe(INVALID);
  });

  it('says when the chain has no anchor yet', () => {
    expect(checkIntegrity({ ...input, receipt: 'not_found' })).toBe(NOT_ANCHORED);
    expect(checkIntegrity({ ...input, receipt: 'not_acknowledged' })).toBe(NOT_ACKNOWLEDGED);
  });
});
