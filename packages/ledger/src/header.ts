/**
 * The block header: a fixed 124-byte big-endian layout, so that a miner rewrites only the eight
 * nonce bytes between hashes and every implementation hashes the same bytes.
 *
 *   offset  size  field
 *        0     4  version       (u32, currently 1)
 *        4     4  height        (u32)
 *        8    32  prevHash      (SHA-256d of the parent header; zeros for genesis)
 *       40    32  merkleRoot    (RFC 6962 root over the block's transactions)
 *       72     8  timestamp     (u64, ms since the Unix epoch)
 *       80     4  bits          (u32, compact target, see pow.ts)
 *       84     8  nonce         (u64, below 2^53)
 *       92    32  miner         (Ed25519 key of the validator that mined the block)
 *
 * The block hash is SHA-256d(header) written as big-endian hex, and compares to the target as
 * a big-endian 256-bit integer.
 */
import {
  type BlockHash,
  type Hash32,
  type PublicKey,
  parseBlockHash,
  parseHash32,
  parsePublicKey,
} from './brand.js';
import { bytesToHex, hexToBytes, readU32BE, readU64BE, writeU32BE, writeU64BE } from './bytes.js';
import { LedgerError } from './errors.js';
import { sha256d } from './hash.js';

export const HEADER_VERSION = 1;
export const HEADER_SIZE = 124;
export const NONCE_OFFSET = 84;
export const ZERO_HASH = '0'.repeat(64) as BlockHash;

export interface BlockHeader {
  readonly version: number;
  readonly height: number;
  readonly prevHash: BlockHash;
  readonly merkleRoot: Hash32;
  readonly timestamp: number;
  readonly bits: number;
  readonly nonce: number;
  readonly miner: PublicKey;
}

export function encodeHeader(h: BlockHeader): Uint8Array {
  const out = new Uint8Array(HEADER_SIZE);
  writeU32BE(out, 0, h.version);
  writeU32BE(out, 4, h.height);
  out.set(hexToBytes(h.prevHash, 'prevHash'), 8);
  out.set(hexToBytes(h.merkleRoot, 'merkleRoot'), 40);
  writeU64BE(out, 72, h.timestamp);
  writeU32BE(out, 80, h.bits);
  writeU64BE(out, NONCE_OFFSET, h.nonce);
  out.set(hexToBytes(h.miner, 'miner'), 92);
  return out;
}

export function decodeHeader(bytes: Uint8Array): BlockHeader {
  if (!(bytes instanceof Uint8Array) || bytes.length !== HEADER_SIZE) {
    throw new LedgerError('BAD_ENCODING', `header expected ${HEADER_SIZE} bytes, got ${bytes?.length}`, {
      got: bytes?.length,
    });
  }
  let timestamp: number;
  let nonce: number;
  try {
    timestamp = readU64BE(bytes, 72);
    nonce = readU64BE(bytes, NONCE_OFFSET);
  } catch (e) {
    throw new LedgerError('BAD_ENCODING', `header: ${(e as Error).message}`);
  }
  return {
    version: readU32BE(bytes, 0),
    height: readU32BE(bytes, 4),
    prevHash: parseBlockHash(bytesToHex(bytes.subarray(8, 40))),
    merkleRoot: parseHash32(bytesToHex(bytes.subarray(40, 72))),
    timestamp,
    bits: readU32BE(bytes, 80),
    nonce,
    miner: parsePublicKey(bytesToHex(bytes.subarray(92, 124))),
  };
}

export function hashHeaderBytes(bytes: Uint8Array): BlockHash {
  return bytesToHex(sha256d(bytes)) as BlockHash;
}

export function hashHeader(h: BlockHeader): BlockHash {
  return hashHeaderBytes(encodeHeader(h));
}
