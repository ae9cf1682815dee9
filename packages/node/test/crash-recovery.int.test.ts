/**
 * kill -9 of one validator process out of three: the other two are still a majority and keep
 * acknowledging; the killed node restarts from its own disk (nothing it acknowledged is lost)
 * and catches up from its peers.
 */
import { testGenesisDoc } from '@chartproof/ledger/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanUpAfterSuite, type NodeProcess, TestNetwork, waitForPeers, waitForSameTip } from './harness.js';

describe('a validator killed with SIGKILL', () => {
  const net = new TestNetwork(testGenesisDoc({ consensus: { block_interval_ms: 300 } }));
  let a: NodeProcess;
  let b: NodeProcess;
  let c: NodeProcess;

  beforeAll(async () => {
    a = await net.start({ name: 'a', keyName: 'validator-0' });
    b = await net.start({ name: 'b', keyName: 'validator-1', peers: [a.url] });
    c = await net.start({ name: 'c', keyName: 'validator-2', peers: [a.url, b.url] });
    await waitForPeers([a, b, c], 2);
  });
  cleanUpAfterSuite(net);

  it('should keep acknowledging with two of three and restart the third from disk plus peers', async () => {
    const acked = [];
    for (let wave = 0; wave < 4; wave++) {
      const txs = net.registerTxs(`before-${wave}`, 12);
      acked.push(...(await Promise.all(txs.map((tx, i) => [a, b, c][i % 3]!.submit(tx, 30_000)))));
    }
    expect(acked.every((r) => r.status === 'acknowledged')).toBe(true);

    // Submissions keep streaming while C dies: whatever C acknowledged was on its disk first.
    const during = net.registerTxs('during', 60);
    const load = Promise.all(during.map((tx, i) => [a, b][i % 2]!.submit(tx, 45_000)));
    const s = await c.status();
    const ackedByC = s.acknowledged_heights[c.publicKey] ?? 0;
    await c.kill();
    const answers = await load;
    expect(answers.every((r) => r.status === 'acknowledged')).toBe(true);
    for (const r of answers) expect(r.acknowledged_by).not.toContain(c.publicKey);
    const ab = await waitForSameTip([a, b], 30_000);
    expect(ab.height).toBeGreaterThan(s.height);

    await c.restart();
    console.log(
      `C had height ${s.height} (acknowledged ${ackedByC}) before kill -9, ${c.startHeight} from its disk, network at ${ab.height}`,
    );
    expect(c.startHeight).toBeGreaterThanOrEqual(ackedByC);
    expect(c.startHeight).toBeGreaterThanOrEqual(acked.reduce((h, r) => Math.max(h, r.height ?? 0), 0));

    const tip = await waitForSameTip([a, b, c], 30_000, ab.height);
    expect(tip.height).toBeGreaterThanOrEqual(ab.height);
    for (const r of [...acked, ...answers]) {
      const t = await c.tx(r.tx_id);
      expect(t.status).toBe('acknowledged');
    }
    // The restarted node takes part again: its submission is acknowledged.
    const after = await c.submit(net.registerTx('after', 0), 30_000);
    expect(after.status).toBe('acknowledged');
  }, 150_000);
});
