import { readFileSync } from 'node:fs';
import { type Id128, signTransaction } from '@chartproof/ledger';
import { testGenesisDoc, testKey } from '@chartproof/ledger/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { ChartNode } from '../src/node.js';
import { NodeRpcClient } from '../src/rpc/rpc-client.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/tls/${name}`, import.meta.url));
const tls = { cert: fixture('node.pem'), key: fixture('node.key'), ca: fixture('ca.pem') };
const doc = testGenesisDoc({ consensus: { block_interval_ms: 200 } });

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}

describe('links between hosts over wss://', () => {
  const nodes: ChartNode[] = [];
  afterAll(async () => {
    for (const n of nodes.reverse()) await n.close();
  });

  it('two nodes peer over TLS and acknowledge a transaction', async () => {
    const a = await ChartNode.start({ genesis: doc, key: testKey('validator-0'), tls });
    nodes.push(a);
    expect(a.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);
    const b = await ChartNode.start({ genesis: doc, key: testKey('validator-1'), tls, peers: [a.url] });
    nodes.push(b);
    expect(await until(() => a.status().peers.length === 1 && b.status().peers.length === 1, 10_000)).toBe(
      true,
    );
    const tx = signTransaction(
      'account.register',
      {
        account: testKey('tls-hospital').publicKey,
        role: 'health_authority',
        subject: '1'.repeat(32) as Id128,
      },
      testKey('central-authority'),
      a.genesis.hashBytes,
    );
    const client = new NodeRpcClient(b.url, {
      tls: { ca: tls.ca },
      auth: { genesis: b.genesis, key: testKey('central-authority') },
    });
    const r = await client.call<{ status: string }>('submit', { tx, timeout_ms: 20_000 });
    await client.close();
    expect(r.status).toBe('acknowledged');
  }, 30_000);

  it('a node that does not trust the certificate authority cannot connect', async () => {
    const a = nodes[0]!;
    const stranger = await ChartNode.start({
      genesis: doc,
      key: testKey('validator-2'),
      tls: { cert: tls.cert, key: tls.key },
      peers: [a.url],
    });
    nodes.push(stranger);
    await new Promise((r) => setTimeout(r, 1500));
    expect(stranger.status().peers).toHaveLength(0);
    expect(a.status().peers.map((p) => p.key)).not.toContain(testKey('validator-2').publicKey);
  }, 20_000);

  it('refuses to listen beyond loopback without TLS', async () => {
    await expect(
      ChartNode.start({ genesis: doc, key: testKey('validator-2'), host: '0.0.0.0' }),
    ).rejects.toThrow(/without TLS/);
  });
});
