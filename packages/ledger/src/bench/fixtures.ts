/** The accounts and transactions the benchmarks use: one hospital anchoring one patient's records. */
import type { Hash32, Id128 } from '../brand.js';
import type { Genesis } from '../genesis.js';
import { testKey } from '../testing.js';
import type { Transaction } from '../tx/schema.js';
import { signTransaction } from '../tx/signing.js';

const ca = testKey('central-authority');
const hospital = testKey('hospital');
const patient = testKey('patient');

const id128 = (n: number) => n.toString(16).padStart(32, '0') as Id128;

/** The transactions of block 1: everything the anchors below need registered. */
export function registrations(genesis: Genesis): Transaction[] {
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

/** A signed record.anchor; `n` must differ between anchors of one chain (a record is anchored once). */
export function anchor(genesis: Genesis, n: number): Transaction {
  return signTransaction(
    'record.anchor',
    {
      record_id: id128(n),
      patient: patient.publicKey,
      creator: hospital.publicKey,
      date: '2025-11-04T12:17:34.969Z',
      commitment: n.toString(16).padStart(64, 'c') as Hash32,
    },
    hospital,
    genesis.hashBytes,
  );
}
