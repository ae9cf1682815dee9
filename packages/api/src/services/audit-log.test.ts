import { readFileSync } from 'node:fs';
import { bytesToHex, merkleRoot } from '@chartproof/ledger';
import { describe, expect, it } from 'vitest';
import type { AuditRow } from '../db/tables.js';
import { auditLeaf } from './audit-log.js';

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
