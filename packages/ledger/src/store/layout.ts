/**
 * Every key the node store writes, in one place. Keys are binary: a one-byte prefix, then the
 * fields below. Values are raw bytes.
 *
 *   b ‖ height(u32 BE) ‖ hash(32) → SHA-256(block) ‖ block, where block = header ‖ signature ‖
 *                      JCS(transactions) (see block.ts). The checksum covers what the block
 *                      hash does not (the signature), so any damaged byte is found on open
 *                      without re-verifying every signature.
 *   m ‖ "genesis"    → genesis block hash (32 bytes): the store refuses another network
 *   m ‖ "tip"        → hash of the best tip at the last commit (breaks ties between equal-work
 *                      tips on reopen; the best chain itself is recomputed from the blocks)
 *   m ‖ "version"    → layout version, u32 BE
 *   a ‖ height(u32 BE) ‖ hash(32) ‖ validator(32) → that validator's acknowledgement signature
 *                      (64 bytes) of the block; written by the node (ack.ts), so receipts
 *                      survive restarts
 *
 * Heights lead the block and acknowledgement keys so that each commit appends at the right edge
 * of LMDB's B-tree. Keyed by hash alone (layout 2), every block landed on a random leaf, and a
 * commit at 100,000 blocks took twice as long as at 1,000 (measured: 0.65 vs 0.32 ms for the
 * same one-block write, against 0.29 vs 0.24 ms with the height first). It also makes a range
 * scan return parents before children.
 */
import type { BlockHash } from '../brand.js';
import {
  bytesToHex,
  concatBytes,
  equalBytes,
  hexToBytes,
  readU32BE,
  utf8ToBytes,
  writeU32BE,
} from '../bytes.js';
import { LedgerError } from '../errors.js';
import { sha256 } from '../hash.js';

export const LAYOUT_VERSION = 3;

const BLOCK = 0x62; // 'b'
const META = 0x6d; // 'm'
const ACK = 0x61; // 'a'

function heightPrefixed(prefix: number, height: number, ...parts: Uint8Array[]): Uint8Array {
  const head = new Uint8Array(5);
  head[0] = prefix;
  writeU32BE(head, 1, height);
  return concatBytes(head, ...parts);
}

export const blockKey = (height: number, hash: BlockHash): Uint8Array =>
  heightPrefixed(BLOCK, height, hexToBytes(hash));
export const blockKeyRange = { start: new Uint8Array([BLOCK]), end: new Uint8Array([BLOCK + 1]) };
export const BLOCK_KEY_SIZE = 1 + 4 + 32;
/** The height and hash a block key names; undefined for a key of another length. */
export function parseBlockKey(key: Uint8Array): { height: number; hash: BlockHash } | undefined {
  if (key.length !== BLOCK_KEY_SIZE) return undefined;
  return { height: readU32BE(key, 1), hash: bytesToHex(key.subarray(5)) as BlockHash };
}

const CHECKSUM_SIZE = 32;

/** STORE_CORRUPT for a stored block that fails a check, with what the operator can do. */
export function corruptBlock(hash: BlockHash, why: string): LedgerError {
  return new LedgerError(
    'STORE_CORRUPT',
    `stored block ${hash} is damaged (${why}): restore the data directory from a backup, or delete it and resync from peers`,
    { hash },
  );
}

/** The stored value of a block: its checksum, then its bytes. */
export function blockValue(blockBytes: Uint8Array): Uint8Array {
  return concatBytes(sha256(blockBytes), blockBytes);
}

/** The block bytes of a stored value, or null if the checksum does not match them. */
export function blockBytesFromValue(value: Uint8Array): Uint8Array | null {
  if (value.length < CHECKSUM_SIZE) return null;
  const bytes = value.subarray(CHECKSUM_SIZE);
  return equalBytes(sha256(bytes), value.subarray(0, CHECKSUM_SIZE)) ? bytes : null;
}

const meta = (name: string) => concatBytes(new Uint8Array([META]), utf8ToBytes(name));
export const GENESIS_KEY = meta('genesis');
export const TIP_KEY = meta('tip');
export const VERSION_KEY = meta('version');
export function versionBytes(version: number): Uint8Array {
  const out = new Uint8Array(4);
  writeU32BE(out, 0, version);
  return out;
}

export const ackKey = (height: number, hash: BlockHash, validator: string): Uint8Array =>
  heightPrefixed(ACK, height, hexToBytes(hash), hexToBytes(validator));
export const ackKeyRange = { start: new Uint8Array([ACK]), end: new Uint8Array([ACK + 1]) };
