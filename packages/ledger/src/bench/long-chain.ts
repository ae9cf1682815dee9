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
import { blockKey, GENESIS_KEY, LAYOUT_VERSION, TIP_KEY, VERSION_KEY } from '../store/layout.js';
import type { KeyValueStore, WriteOp } from '../store/store.js';
import { testKey } from '../testing.js';
import { anchor, registrations } from './fixtures.js';

export interface StoredBlock {
  readonly hash: BlockHash;
  readonly bytes: Uint8Array;
}

/**
 * `length` blocks on genesis, one anchor each after the first. Timestamps advance by exactly the
 * block interval and the genesis target is its floor, so every block keeps the genesis bits.
 */
export function buildLongChain(genesis: Genesis, length: number): StoredBlock[] {
  const miner = testKey('validator-0');
  const bits = genesis.header.bits;
  const target = targetBytes(targetFromCompact(bits));
  const out: StoredBlock[] = [];
  let parent = { hash: genesis.hash, height: 0, timestamp: genesis.header.timestamp };
  for (let height = 1; height <= length; height++) {
    const txs = height === 1 ? registrations(genesis) : [anchor(genesis, height)];
    const timestamp = parent.timestamp + genesis.params.block_interval_ms;
    const template = createTemplate(parent, bits, timestamp, miner.publicKey, txs);
    const nonce = searchNonce(template.headerBytes.slice(), target, 0, Number.MAX_SAFE_INTEGER);
    const block = sealBlock(template, nonce, miner, genesis);
    out.push({ hash: block.hash, bytes: encodeBlock(block) });
    parent = { hash: block.hash, height, timestamp };
  }
  return out;
}

/** Writes the first `count` blocks, the metadata and the tip, `batch` blocks per commit. */
export async function writeLongChain(
  store: KeyValueStore,
  genesis: Genesis,
  blocks: readonly StoredBlock[],
  count: number,
  batch = 10_000,
): Promise<void> {
  await store.commit([
    { key: GENESIS_KEY, value: genesis.hashBytes },
    { key: VERSION_KEY, value: new Uint8Array([0, 0, 0, LAYOUT_VERSION]) },
  ]);
  for (let i = 0; i < count; i += batch) {
    const ops: WriteOp[] = [];
    for (const b of blocks.slice(i, Math.min(i + batch, count))) {
      ops.push({ key: blockKey(b.hash), value: b.bytes });
    }
    await store.commit(ops);
  }
  await store.commit([{ key: TIP_KEY, value: hexToBytes(blocks[count - 1]!.hash) }]);
}
