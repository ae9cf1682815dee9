/**
 * The read-only HTTP routes an explorer searches by: a record id finds its anchor transaction,
 * and a signer's key finds its registration (role and off-chain subject id), so a web page can
 * say "Record anchored by <hospital>". Bad ids get 400, unknown ones 404, over a real socket.
 */
import {
  testAnchor,
  testGenesisDoc,
  testHospital,
  testId,
  testKey,
  testPatient,
  testRegistrations,
} from '@chartproof/ledger/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanUpAfterSuite, type NodeProcess, TestNetwork } from './harness.js';

describe('explorer HTTP: records and accounts', () => {
  const net = new TestNetwork(testGenesisDoc({ validators: 1, consensus: { block_interval_ms: 300 } }));
  let node: NodeProcess;
  let anchorTx = '';

  beforeAll(async () => {
    node = await net.start({ name: 'a', keyName: 'validator-0' });
    for (const tx of testRegistrations(net.genesis))
      expect((await node.submit(tx)).status).toBe('acknowledged');
    const anchored = await node.submit(testAnchor(net.genesis, 7));
    expect(anchored.status).toBe('acknowledged');
    anchorTx = anchored.tx_id;
  }, 90_000);
  cleanUpAfterSuite(net);

  const get = async (path: string) => {
    const res = await fetch(`${node.httpUrl}${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('should find a record by its id, with its anchor transaction and block', async () => {
    const { status, body } = await get(`/records/${testId(7)}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      record_id: testId(7),
      tx_id: anchorTx,
      status: 'acknowledged',
      creator: testHospital().publicKey,
    });
    expect(body.block_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((body.tx as { type: string }).type).toBe('record.anchor');
  });

  it('should answer 404 for a record never anchored and 400 for a malformed id', async () => {
    expect(await get(`/records/${testId(8)}`)).toEqual({
      status: 404,
      body: { error: `record ${testId(8)} is not anchored`, message: `record ${testId(8)} is not anchored` },
    });
    expect((await get('/records/ABC')).status).toBe(400);
    expect((await get(`/records/${'AB'.repeat(16)}`)).status).toBe(400);
  });

  it("should name a signer's role and a hospital's subject id, never a patient's", async () => {
    expect(await get(`/accounts/${testHospital().publicKey}`)).toEqual({
      status: 200,
      body: { key: testHospital().publicKey, role: 'health_authority', subject: testId(1) },
    });
    // A patient's off-chain id is never shown to browsers: only that the key is a patient's.
    expect((await get(`/accounts/${testPatient().publicKey}`)).body).toEqual({
      key: testPatient().publicKey,
      role: 'patient',
      subject: null,
    });
    expect((await get(`/accounts/${testKey('central-authority').publicKey}`)).body).toEqual({
      key: testKey('central-authority').publicKey,
      role: 'central_authority',
      subject: null,
    });
  });

  it('should answer 404 for an unregistered key and 400 for a malformed one', async () => {
    const stranger = testKey('stranger').publicKey;
    expect((await get(`/accounts/${stranger}`)).status).toBe(404);
    expect((await get('/accounts/xyz')).status).toBe(400);
    expect((await get(`/accounts/${stranger}/extra`)).status).toBe(404);
  });
});
