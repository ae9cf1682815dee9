import { type Id128, parseGenesis, signTransaction, verifyReceipt } from '@chartproof/ledger';
import { testGenesisDoc, testKey } from '@chartproof/ledger/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { ChartNode } from './node.js';
import { NodeRpcClient } from './rpc/rpc-client.js';

describe('three in-process nodes', () => {
  const nodes: ChartNode[] = [];
  afterAll(async () => {
    for (const n of nodes.reverse()) await n.close();
  });

  it('acknowledges a transaction submitted to any node', async () => {
    const doc = testGenesisDoc({ consensus: { block_interval_ms: 200 } });
    const a = await ChartNode.start({ genesis: doc, key: testKey('validator-0') });
    nodes.push(a);
    const b = await ChartNode.start({ genesis: doc, key: testKey('validator-1'), peers: [a.url] });
    nodes.push(b);
    const c = await ChartNode.start({ genesis: doc, key: testKey('validator-2'), peers: [b.url] });
    nodes.push(c);
    const ca = testKey('central-authority');
    const tx = signTransaction(
      'account.register',
      { account: testKey('hospital').publicKey, role: 'health_authority', subject: '0'.repeat(32) as Id128 },
      ca,
      a.genesis.hashBytes,
    );
    const client = new NodeRpcClient(c.url, { auth: { genesis: c.genesis, key: ca } });
    const r = await client.call<{ status: string; height: number }>('submit', { tx, timeout_ms: 20_000 });
    expect(r.status).toBe('acknowledged');
    const receipt = await client.call('receipt', { tx_id: (r as unknown as { tx_id: string }).tx_id });
    const check = verifyReceipt(receipt, parseGenesis(doc));
    expect(check.acknowledgedBy.length).toBeGreaterThanOrEqual(2);
    expect(check.height).toBe(r.height);
    await client.close();
  }, 30_000);
});
