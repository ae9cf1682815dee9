import { describe, expect, it } from 'vitest';
import { deadUrl } from '../../test/dead-url.js';
import { NodeRpcClient, RpcClientError } from './rpc-client.js';

describe('NodeRpcClient', () => {
  it('takes one URL or a list, and refuses an empty list', async () => {
    const url = await deadUrl();
    const one = new NodeRpcClient(url);
    expect(one.urls).toEqual([url]);
    expect(one.url).toBe(url);
    expect(Object.isFrozen(one.urls)).toBe(true);
    await one.close();
    expect(() => new NodeRpcClient([])).toThrow(RangeError);
  });

  it('fails a call with UNAVAILABLE within unavailableAfterMs when no URL answers', async () => {
    const urls = [await deadUrl(), await deadUrl()];
    const client = new NodeRpcClient(urls, { unavailableAfterMs: 400, reconnectMaxMs: 100 });
    try {
      for (let i = 0; i < 2; i++) {
        const t0 = Date.now();
        const err = await client.call('status', {}, 60_000).catch((e: unknown) => e);
        const elapsed = Date.now() - t0;
        expect(err).toBeInstanceOf(RpcClientError);
        expect(err).toMatchObject({
          code: 'UNAVAILABLE',
          message: `no chain node answered at ${urls.join(', ')} within 400 ms`,
        });
        expect(elapsed).toBeGreaterThanOrEqual(390);
        expect(elapsed).toBeLessThan(1500);
      }
      expect(urls).toContain(client.url);
    } finally {
      await client.close();
    }
  });

  it('rejects the calls waiting when it is closed, and every call after', async () => {
    const client = new NodeRpcClient(await deadUrl(), { unavailableAfterMs: 10_000 });
    const waiting = client.call('status');
    await client.close();
    await expect(waiting).rejects.toMatchObject({ code: 'CLOSED' });
    await expect(client.call('status')).rejects.toMatchObject({ code: 'CLOSED' });
  });
});
