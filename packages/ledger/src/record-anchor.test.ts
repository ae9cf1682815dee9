import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadVector, unhex } from '../test/load-vectors.js';
import type { RecordAnchorFile } from '../test/vector-types.js';
import { recordCommitment } from './commitment.js';
import { type AnchorField, checkRecordAnchor } from './record-anchor.js';
import { testHospital, testPatient, testReceipt } from './testing.js';

const file = loadVector<RecordAnchorFile>('record-anchor/anchors.json');

/** What both callers do: recompute the commitment (null when the salt is unusable), then compare. */
function commitmentOf(record: unknown, salt: string): string | null {
  try {
    return recordCommitment(record, unhex(salt));
  } catch {
    return null;
  }
}

const failedFields = (check: ReturnType<typeof checkRecordAnchor>): AnchorField[] =>
  check.anchored
    ? (Object.entries(check.fields) as [AnchorField, { ok: boolean }][])
        .filter(([, f]) => !f.ok)
        .map(([k]) => k)
    : [];

describe('record anchor vectors', () => {
  it('the file anchors the commitment of its happy path', () => {
    const happy = file.cases[0]!;
    expect(happy.name).toBe('happy-path');
    expect(commitmentOf(happy.record, happy.salt)).toBe(file.commitment);
  });

  for (const c of file.cases) {
    it(c.name, () => {
      const check = checkRecordAnchor('receipt' in c ? c.receipt : file.receipt, {
        record_id: c.record_id,
        commitment: commitmentOf(c.record, c.salt),
        ...(c.patient !== undefined ? { patient: c.patient } : {}),
        ...(c.creator !== undefined ? { creator: c.creator } : {}),
      });
      expect(check.anchored, c.desc).toBe(c.wantAnchored);
      expect(check.ok, c.desc).toBe(c.wantAnchored && c.wantFailed.length === 0);
      expect(failedFields(check), c.desc).toEqual(c.wantFailed);
    });
  }
});

const record_id = 'ab'.repeat(16);
const commitment = 'cd'.repeat(32);
const { receipt } = await testReceipt({ record_id, commitment });

describe('checkRecordAnchor', () => {
  const truth = {
    record_id,
    commitment,
    patient: testPatient().publicKey as string,
    creator: testHospital().publicKey as string,
  };

  it('fails exactly the fields that differ, and reports both sides of each', () => {
    const fields = Object.keys(truth) as AnchorField[];
    fc.assert(
      fc.property(fc.subarray(fields), fc.string({ minLength: 1, maxLength: 64 }), (wrong, junk) => {
        const expected = { ...truth };
        for (const f of wrong) expected[f] = `${junk}!`;
        const check = checkRecordAnchor(receipt, expected);
        expect(failedFields(check)).toEqual(fields.filter((f) => wrong.includes(f)));
        expect(check.ok).toBe(wrong.length === 0);
        if (check.anchored) {
          expect(check.fields.record_id.onChain).toBe(record_id);
          expect(check.fields.commitment.expected).toBe(expected.commitment);
        }
      }),
    );
  });

  it('answers, never throws, whatever the receipt is', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        expect(checkRecordAnchor(junk, truth)).toEqual({ anchored: false, ok: false });
        expect(checkRecordAnchor({ ...receipt, tx: junk }, truth).anchored).toBe(false);
      }),
    );
  });
});
