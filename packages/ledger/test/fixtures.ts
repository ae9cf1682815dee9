/** Transactions shared by the integration tests: one hospital anchoring records of one patient. */
import type { Hash32, Id128 } from '../src/brand.js';
import type { Genesis } from '../src/genesis.js';
import { testKey } from '../src/testing.js';
import { signTransaction } from '../src/tx/signing.js';

export const ca = testKey('central-authority');
export const hospital = testKey('hospital');
export const patient = testKey('patient');

export const id128 = (n: number) => n.toString(16).padStart(32, '0') as Id128;

export function registrations(genesis: Genesis) {
  return [
    signTransaction(
      'account.register',
      { account: hospital.publicKey, role: 'health_authority', subject: id128(1) },
      ca,
      genesis.hashBytes,
    ),
    signTransaction(
      'account.register',
      { account: patient.publicKey, role: 'patient', subject: id128(2) },
      ca,
      genesis.hashBytes,
    ),
  ];
}

export function anchor(genesis: Genesis, recordNumber: number) {
  return signTransaction(
    'record.anchor',
    {
      record_id: id128(recordNumber),
      patient: patient.publicKey,
      creator: hospital.publicKey,
      date: '2025-11-04T12:17:34.969Z',
      commitment: recordNumber.toString(16).padStart(64, 'c') as Hash32,
    },
    hospital,
    genesis.hashBytes,
  );
}

export function grant(genesis: Genesis, recordNumber: number, requestNumber: number) {
  return signTransaction(
    'access.grant',
    { record_id: id128(recordNumber), grantee: hospital.publicKey, request_id: id128(requestNumber) },
    patient,
    genesis.hashBytes,
  );
}
