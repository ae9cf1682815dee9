/**
 * Every key the node store writes, in one place. Keys are binary: a one-byte prefix, then the
 * fields below. Values are raw bytes.
 *
 *   b ‖ hash(32)     → SHA-256(block) ‖ block, where block = header ‖ signature ‖
 *                      JCS(transactions) (see block.ts). The checksum covers what the block
 *                      hash does not (the signature), so any damaged byte is found on open
 *                      without re-verifying every signature.
 *   m ‖ "genesis"    → genesis block hash (32 bytes): the store refuses another network
 *   m ‖ "tip"        → hash of the best tip at the last commit (breaks ties between equal-work
 *                      tips on reopen; the best chain itself is recomputed from the blocks)
 *   m ‖ "version"    → layout version, u32
 *   a ‖ hash(32) ‖ validator(32) → that validator's acknowledgement signature (64 bytes) of the
 *                      block; written by the node (ack.ts), so receipts survive restarts
 */
import type { BlockHash } from '../brand.js';
import { bytesToHex, concatBytes, equalBytes, hexToBytes, utf8ToBytes } from '../bytes.js';
import { sha256 } from '../hash.js';

export const LAYOUT_VERSION = 2;

const BLOCK = 0x62; // 'b'
const META = 0x6d; // 'm'
const ACK = 0x61; // 'a'

export const blockKey = (hash: BlockHash): Uint8Array =>
  concatBytes(new Uint8Array([BLOCK]), hexToBytes(hash));
export const blockKeyRange = { start: new Uint8Array([BLOCK]), end: new Uint8Array([BLOCK + 1]) };
export const hashFromBlockKey = (key: Uint8Array): BlockHash => bytesToHex(key.subarray(1)) as BlockHash;

const CHECKSUM_SIZE = 32;

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

export const ackKey = (hash: BlockHash, validator: string): Uint8Array =>
  concatBytes(new Uint8Array([ACK]), hexToBytes(hash), hexToBytes(validator));
export const ackKeyRange = { start: new Uint8Array([ACK]), end: new Uint8Array([ACK + 1]) };
export function parseAckKey(key: Uint8Array): { hash: BlockHash; validator: string } {
  return { hash: bytesToHex(key.subarray(1, 33)) as BlockHash, validator: bytesToHex(key.subarray(33, 65)) };
}
