import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type ExplorerApi, explorerHandler } from './explorer-routes.js';
import { metricsAllowed } from './metrics-access.js';

const api: ExplorerApi = {
  status: () => ({ height: 0 }),
  genesis: () => ({}),
  blocks: () => ({ height: 0, blocks: [] }),
  block: () => undefined,
  tx: () => undefined,
  receipt: () => ({ ok: false, code: 'NOT_FOUND', message: 'no' }),
  record: () => undefined,
  account: () => undefined,
  metrics: async () => ({ contentType: 'text/plain', body: 'chartproof_node_tip_height 0\n' }),
};

describe('who may read a /metrics page', () => {
  it('without a token: loopback callers only', () => {
    expect(metricsAllowed({ remoteAddress: '127.0.0.1' }, undefined)).toBe(true);
    expect(metricsAllowed({ remoteAddress: '127.8.9.10' }, undefined)).toBe(true);
    expect(metricsAllowed({ remoteAddress: '::1' }, undefined)).toBe(true);
    expect(metricsAllowed({ remoteAddress: '::ffff:127.0.0.1' }, undefined)).toBe(true);
    expect(metricsAllowed({ remoteAddress: '10.0.0.5' }, undefined)).toBe(false);
    expect(metricsAllowed({ remoteAddress: '::ffff:192.0.2.1' }, undefined)).toBe(false);
    expect(metricsAllowed({ remoteAddress: undefined }, undefined)).toBe(false);
  });

  it('with a token: its bearer from anywhere, and nobody else, loopback included', () => {
    const token = 'a-long-scrape-token';
    expect(metricsAllowed({ remoteAddress: '10.0.0.5', authorization: `Bearer ${token}` }, token)).toBe(true);
    expect(metricsAllowed({ remoteAddress: '127.0.0.1' }, token)).toBe(false);
    expect(
      metricsAllowed({ remoteAddress: '127.0.0.1', authorization: 'Bearer a-long-scrape-toke' }, token),
    ).toBe(false);
    expect(metricsAllowed({ remoteAddress: '127.0.0.1', authorization: `Basic ${token}` }, token)).toBe(
      false,
    );
  });
});

describe("a node's read-only HTTP with METRICS_TOKEN", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((r) => (server === undefined ? r() : server.close(() => r()))));

  it('answers /metrics 401 without the bearer token and 200 with it; other routes stay public', async () => {
    server = createServer(explorerHandler(api, { metricsToken: 'node-scrape-token' }));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const bare = await fetch(`${base}/metrics`);
    expect(bare.status).toBe(401);
    expect(await bare.json()).toEqual({ error: 'Unauthorized', message: 'Unauthorized' });
    const ok = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer node-scrape-token' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('chartproof_node_tip_height');
    expect((await fetch(`${base}/status`)).status).toBe(200);
  });
});
