import { readFileSync } from 'node:fs';
import { bytesToHex, merkleRoot } from '@chartproof/ledger';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../db/database.js';
import type { AuditRow } from '../db/tables.js';
import { AuditAction, AuditLog, auditLeaf, SAME_ACTION_MS, sameActionKey } from './audit-log.js';

const v = JSON.parse(
  readFileSync(new URL('../../test/vectors/audit-leaves.json', import.meta.url), 'utf8'),
) as {
  entries: AuditRow[];
  leaves: string[];
  root: string;
  root_of_first_two: string;
};

describe('audit leaves', () => {
  it('match the independently computed vectors', () => {
    const leaves = v.entries.map(auditLeaf);
    expect(leaves.map(bytesToHex)).toEqual(v.leaves);
    expect(bytesToHex(merkleRoot(leaves))).toBe(v.root);
    expect(bytesToHex(merkleRoot(leaves.slice(0, 2)))).toBe(v.root_of_first_two);
  });

  it('change with every column', () => {
    const base = v.entries[1]!;
    const leaf = bytesToHex(auditLeaf(base));
    for (const key of Object.keys(base) as Array<keyof AuditRow>) {
      const changed = { ...base, [key]: key === 'seq' ? 99 : `${String(base[key])}x` } as AuditRow;
      expect(bytesToHex(auditLeaf(changed)), key).not.toBe(leaf);
    }
  });
});

const DOCTOR = '0271f15a69394cacb71cab62665e0592';
const PATIENT = '27c5e47361af401987d5a7f0cbba3d99';
const read = { action: AuditAction.READ, actor_id: DOCTOR, patient_id: PATIENT, record_id: null };

describe('sameActionKey: which audit entries are one user action', () => {
  it('makes the reads of one patient by one actor (the three calls of a search) one action', () => {
    expect(sameActionKey(read)).not.toBeNull();
    expect(sameActionKey({ ...read, outcome: 'ok' })).toBe(sameActionKey(read));
  });

  it('keeps apart another record, another patient, another actor', () => {
    const keys = [
      read,
      { ...read, record_id: 'e2e659351b784cddad9ecfa02b541f36' },
      { ...read, patient_id: 'ffbe84df20d043178300a21710312068' },
      { ...read, actor_id: '9140861a23e34503995d4416798517ce' },
    ].map(sameActionKey);
    expect(new Set(keys).size).toBe(4);
  });

  it('always writes anything but a successful read of a patient', () => {
    for (const action of Object.values(AuditAction).filter((a) => a !== AuditAction.READ)) {
      expect(sameActionKey({ ...read, action })).toBeNull();
    }
    expect(sameActionKey({ ...read, outcome: 'not_entitled' })).toBeNull();
    expect(sameActionKey({ ...read, patient_id: null })).toBeNull();
  });
});

describe('AuditLog on PGlite: one user action, one entry', async () => {
  const store = await openDatabase({ dir: 'memory://' });
  await migrate(store.db);
  afterAll(() => store.close());
  let t = 1_000_000;
  const log = new AuditLog(store.db, () => t);
  const entry = { ...read, actor_type: 'doctors', ip: '127.0.0.1' };
  const count = async () =>
    Number(
      (
        await store.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('writes the three reads of a search once, and a read of a record apart', async () => {
    await Promise.all([log.append(entry), log.append(entry), log.append(entry)]);
    expect(await count()).toBe(1);
    await log.append({ ...entry, record_id: 'e2e659351b784cddad9ecfa02b541f36' });
    expect(await count()).toBe(2);
  });

  it('writes the same read again once the window has passed', async () => {
    t += SAME_ACTION_MS;
    await log.append(entry);
    expect(await count()).toBe(3);
  });
});
