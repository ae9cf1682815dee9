import type { AddressInfo } from 'node:net';
import { testGenesis, testKey } from '@chartproof/ledger/testing';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { deadUrl } from '../../test/dead-url.js';
import { NodeRpcClient, RpcClientError } from './rpc-client.js';

/** A WebSocket server on 127.0.0.1 that plays a node: `onRequest` answers each frame. */
async function fakeNode(
  onOpen: (send: (frame: string) => void) => void,
  onRequest: (req: { id: unknown; method: string }, send: (frame: string) => void) => void,
) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => wss.once('listening', resolve));
  wss.on('connection', (ws) => {
    const send = (frame: string) => ws.send(frame);
    onOpen(send);
    ws.on('message', (data) => onRequest(JSON.parse(data.toString()), send));
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => wss.close(resolve)),
  };
}

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

  it('takes any frame a node sends without throwing: a non-object, or an error that is not one', async () => {
    const node = await fakeNode(
      (send) => send('null'),
      (req, send) => {
        send('5');
        send('"text"');
        send(JSON.stringify({ id: req.id, error: null }));
      },
    );
    const client = new NodeRpcClient(node.url);
    try {
      await expect(client.call('status')).rejects.toMatchObject({ code: 'INTERNAL' });
    } finally {
      await client.close();
      await node.close();
    }
  });

  it('does not prove its key to a node of another network; status still names that network', async () => {
    const genesis = testGenesis();
    const other = testGenesis({ timestamp: 1_800_000_000_000 });
    const methods: string[] = [];
    const node = await fakeNode(
      (send) =>
        send(
          JSON.stringify({
            method: 'auth.challenge',
            params: { challenge: 'ab'.repeat(32), genesis: other.hash },
          }),
        ),
      (req, send) => {
        methods.push(req.method);
        send(JSON.stringify({ id: req.id, result: { genesis: other.hash } }));
      },
    );
    const client = new NodeRpcClient(node.url, { auth: { genesis, key: testKey('central-authority') } });
    try {
      expect(await client.call('status')).toEqual({ genesis: other.hash });
      expect(methods).toEqual(['status']);
    } finally {
      await client.close();
      await node.close();
    }
  });
});
