/**
 * A late joiner syncs a long chain: 5,000 blocks are built in this process with the ledger (in
 * memory, then written to node A's data directory in one LMDB commit), A starts on them, and an
 * empty node B that knows only A catches up through headers-first sync in bounded batches.
 */
import { Chain, LmdbStore, MemoryStore, type Transaction, txId } from '@chartproof/ledger';
import { buildBlock, testGenesisDoc, testKey } from '@chartproof/ledger/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanUpAfterSuite, type NodeProcess, TestNetwork, waitFor } from './harness.js';

const BLOCKS = 5_000;
const SYNC_BOUND_MS = 120_000;

describe('a late joiner', () => {
  const net = new TestNetwork(testGenesisDoc({ consensus: { block_interval_ms: 500 } }));
  let a: NodeProcess;

  beforeAll(async () => {
    const started = Date.now();
    const memory = new MemoryStore();
    const chain = await Chain.open(net.genesis, memory);
    for (let h = 1; h <= BLOCKS; h++) {
      // Every tenth block carries a transaction, so that sync checks signatures and state too.
      const txs: Transaction[] = h % 10 === 0 ? [net.registerTx('prebuilt', h)] : [];
      const block = buildBlock(chain, chain.tip, txs, { miner: testKey(`validator-${h % 3}`) });
      await chain.addBlock(block);
    }
    const disk = new LmdbStore({ path: net.dataDirOf('a') });
    const all = [...memory.range(new Uint8Array([0]), new Uint8Array(511).fill(0xff))];
    await disk.commit(all.map(([key, value]) => ({ key, value })));
    await disk.close();
    console.log(`built ${BLOCKS} blocks (${all.length} store entries) in ${Date.now() - started} ms`);
    a = await net.start({ name: 'a', keyName: 'validator-0' });
    expect(a.startHeight).toBe(BLOCKS);
  }, 120_000);
  cleanUpAfterSuite(net);

  it(
    'should sync a 5,000-block chain from one peer',
    async () => {
      const target = await a.status();
      const started = Date.now();
      const b = await net.start({ name: 'b', keyName: 'validator-1', peers: [a.url] });
      expect(b.startHeight).toBe(0);
      const tip = await waitFor(
        `B to reach A's tip at height ${target.height}`,
        async () => {
          const s = await b.status();
          return s.tip === target.tip ? s : undefined;
        },
        SYNC_BOUND_MS,
        250,
      );
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `late joiner synced ${tip.height} blocks in ${seconds.toFixed(1)} s (${Math.round(tip.height / seconds)} blocks/s, including process start)`,
      );
      expect(tip.height).toBe(BLOCKS);
      // The synced node serves what it learned: a transaction deep in the chain.
      const deep = await b.tx(txId(net.registerTx('prebuilt', 10), net.genesis.hashBytes));
      expect(deep.height).toBe(10);
    },
    SYNC_BOUND_MS + 30_000,
  );
});
