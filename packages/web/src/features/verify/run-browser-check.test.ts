import { describe, expect, it } from 'vitest';
import { anchoredRecord, RECORD, RECORD_ID, SALT } from '../../testing/anchored-record';
import { stubFetch } from '../../testing/fetch-stub';
import { CONTENT_WITHHELD, runBrowserCheck } from './run-browser-check';

const fixture = await anchoredRecord();
const NODES = ['http://node-a.test:5001', 'http://node-b.test:5002'];
const evidence = {
  record_id: RECORD_ID,
  result: 'Health record is valid!',
  commitment: fixture.commitment,
  receipt: fixture.receipt,
  anchor: {
    tx_id: fixture.txId,
    block_hash: fixture.blockHash,
    height: 2,
    confirmations: 1,
    acknowledged_by: [],
  },
  genesis_hash: fixture.genesisHash,
  nodes: NODES,
  record_withheld: true,
};

function network() {
  stubFetch({
    [`GET /api/health-records/${RECORD_ID}/proof`]: { body: evidence },
    'GET /api/network': { body: { network: 't', genesis_hash: fixture.genesisHash, nodes: NODES } },
    [`GET ${NODES[1]}/genesis`]: { body: fixture.genesisDoc },
    [`GET ${NODES[1]}/receipts/${RECORD_ID}`]: { body: fixture.receipt },
  });
}

describe('runBrowserCheck with a proof that withholds the content (a used grant)', () => {
  it('says why it cannot check when the browser holds no copy of the record', async () => {
    network();
    await expect(runBrowserCheck(RECORD_ID)).rejects.toThrow(CONTENT_WITHHELD);
  });

  it("checks the doctor's copy from its one read, with the salt that read gave, against the chain", async () => {
    network();
    const check = await runBrowserCheck(RECORD_ID, { record: RECORD, salt: SALT });
    expect(check.result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(check.result.ok).toBe(true);
    expect(check.bundle).toMatchObject({ record: RECORD, salt: SALT, commitment: fixture.commitment });
    const tampered = await runBrowserCheck(RECORD_ID, { record: { ...RECORD, diagnosis: 'x' }, salt: SALT });
    expect(tampered.result.ok).toBe(false);
  });
});
