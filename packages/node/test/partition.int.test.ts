/**
 * A network partition made with TCP relays: node C reaches A and B, and is reached, only through
 * relays, and no node dials addresses it learns from peers. Cut off, C cannot get anything
 * acknowledged while A and B (a majority) still can; once the links return, all three converge on
 * one tip that holds every acknowledged transaction, and C's transaction is acknowledged too.
 */
import type { Transaction } from '@chartproof/ledger';
import { txId } from '@chartproof/ledger';
import { testGenesisDoc } from '@chartproof/ledger/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RpcClientError } from '../src/rpc/rpc-client.js';
import {
  cleanUpAfterSuite,
  type NodeProcess,
  TestNetwork,
  waitFor,
  waitForPeers,
  waitForSameTip,
} from './harness.js';
import { TcpRelay } from './tcp-relay.js';

describe('a node partitioned from the majority', () => {
  const net = new TestNetwork(testGenesisDoc({ consensus: { block_interval_ms: 300 } }));
  const relays: TcpRelay[] = [];
  let a: NodeProcess;
  let b: NodeProcess;
  let c: NodeProcess;

  beforeAll(async () => {
    a = await net.start({ name: 'a', keyName: 'validator-0', discover: false });
    b = await net.start({ name: 'b', keyName: 'validator-1', peers: [a.url], discover: false });
    const toA = await new TcpRelay(a.port).listen();
    const toB = await new TcpRelay(b.port).listen();
    const toC = await new TcpRelay().listen();
    relays.push(toA, toB, toC);
    c = await net.start({
      name: 'c',
      keyName: 'validator-2',
      peers: [toA.url, toB.url],
      advertise: toC.url,
      discover: false,
    });
    toC.targetPort = c.port;
    await waitForPeers([a, b, c], 2);
  });
  cleanUpAfterSuite(net, async () => {
    for (const r of relays) await r.close();
  });

  it('should acknowledge nothing on the cut-off node and converge once the link returns', async () => {
    const acked = new Map<string, number>();
    const submitAll = async (nodes: NodeProcess[], txs: Transaction[]) => {
      const answers = await Promise.all(txs.map((tx, i) => nodes[i % nodes.length]!.submit(tx, 30_000)));
      for (const r of answers) {
        expect(r.status).toBe('acknowledged');
        acked.set(r.tx_id, r.height!);
      }
    };
    await submitAll([a, b, c], net.registerTxs('warm-up', 9));
    await waitForSameTip([a, b, c]);

    for (const r of relays) r.cut();
    await waitFor(
      'C to lose both peers',
      async () => {
        const [sa, sb, sc] = await Promise.all([a.status(), b.status(), c.status()]);
        return sc.peers.length === 0 && sa.peers.length === 1 && sb.peers.length === 1;
      },
      10_000,
    );

    const lonely = net.registerTx('cut-off', 0);
    const lonelyId = txId(lonely, net.genesis.hashBytes);
    const cutOff = c.submit(lonely, 4_000).then(
      () => 'acknowledged',
      (e: RpcClientError) => e.code,
    );
    // Meanwhile the majority side keeps acknowledging, in waves, so that it mines more blocks
    // (more work) than C does alone.
    for (let wave = 0; wave < 3; wave++) await submitAll([a, b], net.registerTxs(`majority-${wave}`, 10));
    expect(await cutOff).toBe('TIMEOUT');
    const onC = await c.tx(lonelyId);
    expect(onC.status).not.toBe('acknowledged');
    await expect(a.tx(lonelyId)).rejects.toThrow(/not found/);

    for (const r of relays) r.heal();
    const healed = Date.now();
    const tip = await waitForSameTip([a, b, c], 60_000);
    console.log(`converged ${Date.now() - healed} ms after the link returned, tip ${tip.height}`);

    // C's transaction went back to its mempool on the reorg and is acknowledged now.
    const late = await c.submit(lonely, 30_000);
    expect(late.status).toBe('acknowledged');
    acked.set(late.tx_id, late.height!);
    await waitForSameTip([a, b, c], 30_000);
    for (const node of [a, b, c]) {
      for (const id of acked.keys()) {
        const t = await node.tx(id);
        expect(t.height, `tx ${id} on node ${node.spec.name}`).toBeGreaterThan(0);
        expect(t.status).toBe('acknowledged');
      }
    }
  }, 150_000);
});
