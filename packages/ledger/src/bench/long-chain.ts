/**
 * A long valid chain, built fast: blocks are made directly from templates (no Chain, so no
 * per-block validation or commit) and written straight into an LmdbStore in large batched
 * commits through the KeyValueStore interface. Chain.open then checks and replays all of it,
 * so a mistake here shows up as STORE_CORRUPT, never as a quietly wrong figure.
 */
import { createTemplate, encodeBlock, sealBlock } from '../block.js';
import type { BlockHash } from '../brand.js';
import { hexToBytes } from '../bytes.js';
import type { Genesis } from '../genesis.js';
import { searchNonce, targetBytes, targetFromCompact } from '../pow.js';
import {
  blockKey,
  blockValue,
  GENESIS_KEY,
  LAYOUT_VERSION,
  TIP_KEY,
  VERSION_KEY,
  versionBytes,
} from '../store/layout.js';
import type { KeyValueStore, WriteOp } from '../store/store.js';
import { testAnchor as anchor, testRegistrations as registrations, testKey } from '../testing.js';

/**
 * Writes a chain of `max(lengths)` blocks on genesis, one anchor each after the first, into each
 * store up to its length, `batch` blocks per commit. Blocks are generated as they are written and
 * dropped after their batch.
 *
 * The batch stays small on purpose. A node commits one block per transaction; one LMDB
 * transaction of thousands of random-key writes frees so many pages that every later commit
 * pays to merge the free list (measured here: 7 ms per single-block commit after 5,000-block
 * batches, 0.7 ms after 500-block ones, on a 100,000-block store), which a node's own history
 * never produces and which would falsify the append figures.
 *
 * Timestamps advance by exactly the block interval and the genesis target is its floor, so every
 * block keeps the genesis bits.
 */
export async function writeLongChains(
  genesis: Genesis,
  targets: ReadonlyArray<{ store: KeyValueStore; length: number }>,
  batch = 500,
): Promise<void> {
  const miner = testKey('validator-0');
  const bits = genesis.header.bits;
  const target = targetBytes(targetFromCompact(bits));
  const meta: WriteOp[] = [
    { key: GENESIS_KEY, value: genesis.hashBytes },
    { key: VERSION_KEY, value: versionBytes(LAYOUT_VERSION) },
  ];
  for (const t of targets) await t.store.commit(meta);
  const longest = Math.max(...targets.map((t) => t.length));
  let parent = { hash: genesis.hash as BlockHash, height: 0, timestamp: genesis.header.timestamp };
  let ops: WriteOp[] = [];
  for (let height = 1; height <= longest; height++) {
    const txs = height === 1 ? registrations(genesis) : [anchor(genesis, height)];
    const timestamp = parent.timestamp + genesis.params.block_interval_ms;
    const template = createTemplate(parent, bits, timestamp, miner.publicKey, txs);
    const nonce = searchNonce(template.headerBytes.slice(), target, 0, Number.MAX_SAFE_INTEGER);
    const block = sealBlock(template, nonce, miner, genesis);
    ops.push({ key: blockKey(block.header.height, block.hash), value: blockValue(encodeBlock(block)) });
    parent = { hash: block.hash, height, timestamp };
    const ends = targets.filter((t) => t.length === height);
    if (ops.length === batch || ends.length > 0 || height === longest) {
      for (const t of targets) {
        // The ops cover heights (height - ops.length, height]: a store gets those within its length.
        const keep = Math.max(0, Math.min(ops.length, t.length - (height - ops.length)));
        if (keep > 0) await t.store.commit(ops.slice(0, keep));
      }
      for (const t of ends) await t.store.commit([{ key: TIP_KEY, value: hexToBytes(block.hash) }]);
      ops = [];
    }
  }
}
