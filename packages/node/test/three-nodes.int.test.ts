/**
 * Three validator processes: a burst of concurrent submissions through all three nodes' RPC is
 * acknowledged, the nodes end on one tip, and blocks carry many transactions each.
 */
import { testGenesisDoc } from '@chartproof/ledger/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanUpAfterSuite, type NodeProcess, TestNetwork, waitForSameTip } from './harness.js';

const TXS = 300;

describe('three node processes', () => {
  const net = new TestNetwork(testGenesisDoc({ consensus: { block_interval_ms: 300 } }));
  let nodes: NodeProcess[] = [];

  beforeAll(async () => {
    nodes = await net.startThree();
  });
  cleanUpAfterSuite(net);

  it('should acknowledge 300 concurrent transactions submitted through all three nodes', async () => {
    const txs = net.registerTxs('burst', TXS);
    const started = Date.now();
    const answers = await Promise.all(txs.map((tx, i) => nodes[i % 3]!.submit(tx, 60_000)));
    const elapsed = Date.now() - started;
    expect(answers.every((a) => a.status === 'acknowledged')).toBe(true);
    expect(new Set(answers.map((a) => a.tx_id)).size).toBe(TXS);

    const tip = await waitForSameTip(nodes, 30_000);
    const heights = new Set(answers.map((a) => a.height));
    const { blocks } = await nodes[0]!.http<{ blocks: Array<{ height: number; txs: number }> }>(
      '/blocks?limit=100',
    );
    const withTxs = blocks.filter((b) => b.txs > 0);
    console.log(
      `${TXS} txs acknowledged in ${elapsed} ms, in ${heights.size} blocks (tip ${tip.height}), ` +
        `txs per block ${withTxs.map((b) => b.txs).join(',')}`,
    );
    expect(withTxs.reduce((n, b) => n + b.txs, 0)).toBe(TXS);
    // Every acknowledged transaction is on the final chain (a reorg may have moved it to another
    // block holding it too: its transactions return to the mempool and are mined again).
    let moved = 0;
    for (const node of nodes) {
      for (const r of answers) {
        const t = await node.tx(r.tx_id);
        expect(t.status).toBe('acknowledged');
        if (t.block_hash !== r.block_hash) moved++;
      }
    }
    if (moved > 0) console.log(`${moved} acknowledgements were of blocks since reorganised away`);
    // Many transactions per block: at least ten on average.
    expect(heights.size).toBeLessThanOrEqual(TXS / 10);
    expect(tip.height).toBeLessThanOrEqual(TXS / 10);
  }, 120_000);
});
