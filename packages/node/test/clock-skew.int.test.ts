/**
 * A validator whose clock runs ahead mines blocks the others cannot take yet. That is a fault of
 * a clock (possibly ours), not misbehaviour: like Bitcoin's "time-too-new", such a block or header
 * is set aside without charging the peer, so when the clock is fixed the node is still connected
 * and the network converges at once, instead of after a discouragement that doubled with every
 * block it mined meanwhile (the chaos run's clock-ahead fault took over a minute to heal).
 */
import { blockToJson, bytesToHex, type Genesis, parseGenesis } from '@chartproof/ledger';
import { buildBlock, testGenesisDoc, testKey } from '@chartproof/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChartNode } from '../src/node.js';
import { RawPeer } from './raw-peer.js';

const MAX_FUTURE_MS = 2_000;
const doc = testGenesisDoc({
  validators: 3,
  consensus: { block_interval_ms: 100, max_future_ms: MAX_FUTURE_MS },
});
const genesis: Genesis = parseGenesis(doc);

describe('a validator whose clock runs ahead', () => {
  let a: ChartNode;
  const opened: RawPeer[] = [];

  beforeAll(async () => {
    a = await ChartNode.start({
      genesis: doc,
      dataDir: null,
      key: testKey('validator-0'),
      discourageBaseMs: 60_000,
      logLevel: 'silent',
      discover: false,
    });
  }, 30_000);

  afterAll(async () => {
    for (const p of opened) p.close();
    await a?.close();
  });

  it('keeps the peer that sends a block from the future, and takes the block once its time has come', async () => {
    const v2 = testKey('validator-2');
    const p = new RawPeer(a.url, genesis);
    opened.push(p);
    await p.handshake(v2);

    const ahead = Date.now() + MAX_FUTURE_MS + 2_000;
    const block = buildBlock(a.chain, a.chain.tip, [], { miner: v2, timestamp: ahead });
    p.send({ type: 'announce', headers: [bytesToHex(block.headerBytes)] });
    p.send({ type: 'block', block: blockToJson(block) });
    await new Promise((r) => setTimeout(r, 500));
    expect(a.chain.getEntry(block.hash)).toBeUndefined();
    expect(p.isClosed).toBe(false);
    expect(p.received.some((m) => m.type === 'reject')).toBe(false);
    expect(a.status().peers.map((x) => x.key)).toContain(v2.publicKey);

    // The same block, sent again when it is no longer too far ahead, is taken: nothing about it
    // was remembered as invalid.
    await new Promise((r) => setTimeout(r, Math.max(0, ahead - MAX_FUTURE_MS - Date.now() + 100)));
    p.send({ type: 'block', block: blockToJson(block) });
    for (let i = 0; i < 40 && a.chain.getEntry(block.hash) === undefined; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(a.chain.getEntry(block.hash)).toBeDefined();
    expect(p.isClosed).toBe(false);
  });
});
