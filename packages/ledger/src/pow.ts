/**
 * Proof-of-work: compact targets (Bitcoin's nBits), work per block, and the nonce search loop.
 *
 * A compact target is `mantissa × 256^(exponent − 3)` with the exponent in the top byte and a
 * 23-bit mantissa (bit 0x00800000 would be a sign, never set here). Only the canonical compact
 * form of a target is valid in a header, so a target has exactly one encoding.
 */
import { bigIntToBytes, bytesToBigInt, compareBytes, writeU32BE } from './bytes.js';
import { sha256d } from './hash.js';
import { NONCE_OFFSET } from './header.js';

export const MAX_TARGET = (1n << 256n) - 1n;

export function targetFromCompact(bits: number): bigint {
  const exponent = bits >>> 24;
  const mantissa = BigInt(bits & 0x007f_ffff);
  if (bits & 0x0080_0000) return -1n; // a negative target: never valid
  return exponent <= 3 ? mantissa >> BigInt(8 * (3 - exponent)) : mantissa << BigInt(8 * (exponent - 3));
}

export function compactFromTarget(target: bigint): number {
  if (target <= 0n) return 0;
  let size = Math.ceil(target.toString(16).length / 2);
  let mantissa =
    size <= 3 ? Number(target << BigInt(8 * (3 - size))) : Number(target >> BigInt(8 * (size - 3)));
  // Keep the sign bit clear: move a set top bit into the exponent.
  if (mantissa & 0x0080_0000) {
    mantissa >>>= 8;
    size += 1;
  }
  return ((size << 24) | mantissa) >>> 0;
}

/** Whether `bits` is the one canonical encoding of a positive target. */
export function isCanonicalCompact(bits: number): boolean {
  const t = targetFromCompact(bits);
  return t > 0n && t <= MAX_TARGET && compactFromTarget(t) === bits >>> 0;
}

/** Expected hashes to meet `target`: 2^256 / (target + 1), as in Bitcoin's GetBlockProof. */
export function workFromTarget(target: bigint): bigint {
  return (1n << 256n) / (target + 1n);
}

export function targetBytes(target: bigint): Uint8Array {
  return bigIntToBytes(target, 32);
}

/** hash ≤ target, both as big-endian 256-bit integers. */
export function meetsTarget(hash: Uint8Array, target: Uint8Array): boolean {
  return compareBytes(hash, target) <= 0;
}

export function hashToBigInt(hash: Uint8Array): bigint {
  return bytesToBigInt(hash);
}

/**
 * Searches nonces [start, start + count) on `header`, rewriting only its nonce bytes in place.
 * Returns the first nonce whose SHA-256d meets the target, or -1. Pure apart from the buffer,
 * so the miner process and the tests run the same loop (the shape of bcoin's mine.js).
 */
export function searchNonce(header: Uint8Array, target: Uint8Array, start: number, count: number): number {
  const end = Math.min(start + count, Number.MAX_SAFE_INTEGER);
  let hi = Math.floor(start / 0x1_0000_0000);
  writeU32BE(header, NONCE_OFFSET, hi);
  for (let nonce = start; nonce < end; nonce++) {
    const lo = nonce % 0x1_0000_0000;
    if (lo === 0 && nonce !== start) {
      hi = Math.floor(nonce / 0x1_0000_0000);
      writeU32BE(header, NONCE_OFFSET, hi);
    }
    header[NONCE_OFFSET + 4] = lo >>> 24;
    header[NONCE_OFFSET + 5] = (lo >>> 16) & 0xff;
    header[NONCE_OFFSET + 6] = (lo >>> 8) & 0xff;
    header[NONCE_OFFSET + 7] = lo & 0xff;
    const h = sha256d(header);
    // Fast reject on the first byte before the full comparison.
    if (h[0]! <= target[0]! && compareBytes(h, target) <= 0) return nonce;
  }
  return -1;
}
