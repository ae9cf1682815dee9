/**
 * The whole network stopped (SIGTERM) and started again on the same data directories and ports:
 * every acknowledged transaction is still on every node's chain, and new ones are acknowledged.
 */
import { testGenesisDoc } from '@chartproof/ledger/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cleanUpAfterSuite,
  type NodeProcess,
  type SubmitAnswer,
  TestNetwork,
  waitForPeers,
  waitForSameTip,
} from './harness.js';

describe('a restart of the whole network', () => {
  const net = new TestNetwork(testGenesisDoc({ consensus: { block_interval_ms: 300 } }));
  let nodes: NodeProcess[] = [];

  beforeAll(async () => {
    nodes = await net.startThree();
  });
  cleanUpAfterSuite(net);

  it('should keep every acknowledged transaction across a stop and start of all nodes', async () => {
    const acked: SubmitAnswer[] = [];
    for (let wave = 0; wave < 3; wave++) {
      const txs = net.registerTxs(`wave-${wave}`, 20);
      acked.push(...(await Promise.all(txs.map((tx, i) => nodes[i % 3]!.submit(tx, 30_000)))));
    }
    expect(acked.every((r) => r.status === 'acknowledged')).toBe(true);
    const before = await waitForSameTip(nodes);

    await Promise.all(nodes.map((n) => n.stop()));
    for (const n of nodes) expect(n.alive).toBe(false);
    for (const n of nodes) await n.restart();
    for (const n of nodes) expect(n.startHeight).toBe(before.height);
    await waitForPeers(nodes, 2);

    for (const n of nodes) {
      for (const r of acked) {
        const t = await n.tx(r.tx_id);
        expect(t.height, `tx ${r.tx_id} on node ${n.spec.name}`).toBeGreaterThan(0);
        expect(t.status).toBe('acknowledged');
      }
    }
    const after = await Promise.all(
      net.registerTxs('after', 9).map((tx, i) => nodes[i % 3]!.submit(tx, 30_000)),
    );
    expect(after.every((r) => r.status === 'acknowledged')).toBe(true);
    const tip = await waitForSameTip(nodes);
    expect(tip.height).toBeGreaterThan(before.height);
  }, 120_000);
});
