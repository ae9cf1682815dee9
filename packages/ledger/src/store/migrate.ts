/**
 * Upgrades a store written by an older layout of this code, in place and in one commit, so that
 * a node keeps its chain and its acknowledgements across an upgrade rather than resyncing; a
 * crash during the commit leaves the old layout whole, and the next start upgrades again.
 *
 *   2 → 3: block and acknowledgement keys gain the block height after their prefix
 *          (layout.ts says why). An acknowledgement of a block the store does not hold is
 *          dropped: nothing could be built from it, and validators re-send their recent ones.
 */
import type { BlockHash } from '../brand.js';
import { bytesToHex, readU32BE } from '../bytes.js';
import { LedgerError } from '../errors.js';
import { decodeHeader, HEADER_SIZE } from '../header.js';
import {
  ackKey,
  ackKeyRange,
  blockBytesFromValue,
  blockKey,
  blockKeyRange,
  corruptBlock,
  LAYOUT_VERSION,
  VERSION_KEY,
  versionBytes,
} from './layout.js';
import type { KeyValueStore, WriteOp } from './store.js';

const V2_BLOCK_KEY_SIZE = 1 + 32;
const V2_ACK_KEY_SIZE = 1 + 32 + 32;

export function storedLayoutVersion(store: KeyValueStore): number | undefined {
  const raw = store.get(VERSION_KEY);
  return raw?.length === 4 ? readU32BE(raw, 0) : undefined;
}

/** Brings `store` to LAYOUT_VERSION; throws STORE_VERSION for a layout it cannot read. */
export async function migrateLayout(store: KeyValueStore): Promise<void> {
  const version = storedLayoutVersion(store);
  if (version === LAYOUT_VERSION) return;
  if (version !== 2) {
    throw new LedgerError(
      'STORE_VERSION',
      `store layout version ${version ?? '(missing)'} cannot be read by this build (layout ${LAYOUT_VERSION}, upgrades from 2): run the release that wrote it, or delete the data directory and resync from peers`,
      { version: version ?? null, supported: LAYOUT_VERSION },
    );
  }
  const ops: WriteOp[] = [];
  const heights = new Map<string, number>();
  for (const [key, value] of store.range(blockKeyRange.start, blockKeyRange.end)) {
    if (key.length !== V2_BLOCK_KEY_SIZE) continue;
    const hash = bytesToHex(key.subarray(1)) as BlockHash;
    const bytes = blockBytesFromValue(value);
    if (bytes === null || bytes.length < HEADER_SIZE) {
      throw corruptBlock(hash, 'its checksum does not match its bytes');
    }
    const { height } = decodeHeader(bytes.slice(0, HEADER_SIZE));
    heights.set(hash, height);
    ops.push({ key, value: undefined }, { key: blockKey(height, hash), value });
  }
  for (const [key, value] of store.range(ackKeyRange.start, ackKeyRange.end)) {
    if (key.length !== V2_ACK_KEY_SIZE) continue;
    ops.push({ key, value: undefined });
    const hash = bytesToHex(key.subarray(1, 33)) as BlockHash;
    const height = heights.get(hash);
    if (height !== undefined) ops.push({ key: ackKey(height, hash, bytesToHex(key.subarray(33))), value });
  }
  ops.push({ key: VERSION_KEY, value: versionBytes(LAYOUT_VERSION) });
  await store.commit(ops);
}
