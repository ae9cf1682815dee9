import { describe, expect, it } from 'vitest';
import { anchoredRecord, RECORD, RECORD_ID, SALT } from '../../testing/anchored-record';
import { checkRecordProof } from './check-proof';

const fixture = await anchoredRecord();
const base = {
  recordId: RECORD_ID,
  record: RECORD,
  salt: SALT,
  commitment: fixture.commitment,
  receipt: fixture.receipt,
  genesisDoc: fixture.genesisDoc,
  claimedGenesisHash: fixture.genesisHash,
  anchor: { tx_id: fixture.txId, block_hash: fixture.blockHash, height: 2 },
  nodeReceipt: { node: 'http://127.0.0.1:5002', receipt: fixture.receipt },
};
const failed = (r: ReturnType<typeof checkRecordProof>) => r.checks.filter((c) => !c.ok).map((c) => c.label);

describe('checkRecordProof', () => {
  it('accepts an untouched record whose receipt verifies against the genesis', () => {
    const r = checkRecordProof(base);
    expect(failed(r)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.receipt?.height).toBe(2);
    expect(r.recomputedCommitment).toBe(fixture.commitment);
  });

  it('flags a record altered after anchoring (one character of the diagnosis)', () => {
    const r = checkRecordProof({ ...base, record: { ...RECORD, diagnosis: 'HypertensioN' } });
    expect(r.ok).toBe(false);
    expect(failed(r)).toContain('Commitment recomputed from the record matches');
    expect(failed(r)).toContain('On-chain commitment matches the record');
  });

  it('flags a wrong salt', () => {
    expect(failed(checkRecordProof({ ...base, salt: '22'.repeat(32) }))).toContain(
      'On-chain commitment matches the record',
    );
  });

  it('flags an API that names another network than the node serves', () => {
    expect(failed(checkRecordProof({ ...base, claimedGenesisHash: 'ab'.repeat(32) }))).toEqual([
      "The API's network is the node's network",
    ]);
  });

  it('flags a receipt with one hex digit of its Merkle root changed', () => {
    const receipt = structuredClone(fixture.receipt);
    const h = receipt.block.header;
    receipt.block.header =
      h.slice(0, 100) + ((Number.parseInt(h[100]!, 16) + 1) % 16).toString(16) + h.slice(101);
    const r = checkRecordProof({ ...base, receipt, nodeReceipt: undefined });
    expect(failed(r)).toContain('Receipt verifies against the genesis');
  });

  it('flags an anchor the API misreports', () => {
    expect(failed(checkRecordProof({ ...base, anchor: { ...base.anchor, height: 3 } }))).toEqual([
      "The API's anchor is the receipt's",
    ]);
  });

  it('flags a second node that cannot serve the receipt, with its message', () => {
    const r = checkRecordProof({
      ...base,
      nodeReceipt: { node: 'http://n2', error: 'record not yet acknowledged' },
    });
    expect(r.checks.at(-1)).toEqual({
      label: 'Receipt from http://n2 proves the same commitment',
      ok: false,
      detail: 'record not yet acknowledged',
    });
  });

  it('reports malformed input as failed checks, never a crash', () => {
    const r = checkRecordProof({
      ...base,
      receipt: { nonsense: true },
      genesisDoc: null,
      nodeReceipt: undefined,
    });
    expect(r.ok).toBe(false);
    expect(failed(r)).toContain('Genesis from the node parses');
  });
});
