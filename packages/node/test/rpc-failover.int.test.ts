/**
 * RPC client failover against three real node processes on 127.0.0.1: a client given
 * [dead URL, a, b] connects to a, finishes a stream of submissions on b when a is killed in the
 * middle of it, fails fast with UNAVAILABLE once every node is down, and uses a node again as
 * soon as it is back.
 */
import { testGenesisDoc } from '@chartproof/ledger/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeRpcClient, RpcClientError } from '../src/rpc/rpc-client.js';
import { deadUrl } from './dead-url.js';
import { cleanUpAfterSuite, type NodeProcess, type SubmitAnswer, TestNetwork, waitFor } from './harness.js';

const UNAVAILABLE_MS = 1500;

describe('rpc client failover', () => {
  const net = new TestNetwork(testGenesisDoc({ validators: 3, consensus: { block_interval_ms: 200 } }));
  cleanUpAfterSuite(net);
  let nodes: NodeProcess[];
  let client: NodeRpcClient;
  afterAll(() => client?.close());

  it('connects to the first node that answers', async () => {
    nodes = await net.startThree();
    const [a, b] = nodes as [NodeProcess, NodeProcess];
    const dead = await deadUrl();
    client = new NodeRpcClient([dead, a.url, b.url], {
      unavailableAfterMs: UNAVAILABLE_MS,
      reconnectMaxMs: 300,
      timeoutMs: 30_000,
      auth: net.clientAuth,
    });
    expect(client.urls).toEqual([dead, a.url, b.url]);
    const status = await client.call<{ node_key: string }>('status');
    expect(status.node_key).toBe(a.publicKey);
    expect(client.url).toBe(a.url);
  });

  it('finishes a stream of submissions on b when a is killed in the middle of it', async () => {
    const [a, b] = nodes as [NodeProcess, NodeProcess];
    const txs = net.registerTxs('failover', 40);
    const submit = (i: number) =>
      client.call<SubmitAnswer>('submit', { tx: txs[i], timeout_ms: 20_000 }, 25_000);
    const first = await Promise.all(txs.slice(0, 20).map((_, i) => submit(i)));
    expect(first.every((r) => r.status === 'acknowledged')).toBe(true);
    // The second half is in flight on a when it dies.
    const second = txs.slice(20).map((_, i) => submit(20 + i));
    await a.kill();
    const answers = await Promise.all(second);
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 'acknowledged'));
    expect(client.url).toBe(b.url);
    const onB = await Promise.all(answers.map((r) => b.tx(r.tx_id)));
    expect(onB.every((t) => t.status === 'acknowledged')).toBe(true);
  });

  it('fails with UNAVAILABLE within unavailableAfterMs once every node is down, then uses a node that is back', async () => {
    const [, b, c] = nodes as [NodeProcess, NodeProcess, NodeProcess];
    await Promise.all([b.kill(), c.kill()]);
    for (let i = 0; i < 3; i++) {
      const t0 = Date.now();
      const err = await client.call('status', {}, 60_000).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RpcClientError);
      expect((err as RpcClientError).code).toBe('UNAVAILABLE');
      expect((err as RpcClientError).message).toBe(
        `no chain node answered at ${client.urls.join(', ')} within ${UNAVAILABLE_MS} ms`,
      );
      expect(Date.now() - t0).toBeLessThan(UNAVAILABLE_MS + 1000);
    }
    await b.restart();
    const status = await waitFor(
      'the client to reach b again',
      () => client.call<{ node_key: string }>('status', {}, 5_000),
      15_000,
      50,
    );
    expect(status.node_key).toBe(b.publicKey);
    expect(client.url).toBe(b.url);
  });
});
