import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refCompactFromTarget, refTargetFromCompact } from '../test/reference/difficulty.js';
import { refSha256d } from '../test/reference/header.js';
import { bytesToBigInt } from './bytes.js';
import { NONCE_OFFSET } from './header.js';
import {
  compactFromTarget,
  isCanonicalCompact,
  MAX_TARGET,
  meetsTarget,
  searchNonce,
  targetBytes,
  targetFromCompact,
  workFromTarget,
} from './pow.js';

const targetArb = fc.bigInt({ min: 1n, max: MAX_TARGET });

describe('pow', () => {
  it('Bitcoin genesis bits 0x1d00ffff decode to 0xffff * 256^26', () => {
    expect(targetFromCompact(0x1d00ffff)).toBe(0xffffn << 208n);
    expect(compactFromTarget(0xffffn << 208n)).toBe(0x1d00ffff);
    expect(workFromTarget(MAX_TARGET)).toBe(1n);
  });

  it('compact encode/decode round-trips canonical values and matches the naive definition', () => {
    fc.assert(
      fc.property(targetArb, (t) => {
        const bits = compactFromTarget(t);
        expect(bits).toBe(refCompactFromTarget(t));
        expect(isCanonicalCompact(bits)).toBe(true);
        const back = targetFromCompact(bits);
        expect(back).toBe(refTargetFromCompact(bits));
        expect(back <= t).toBe(true);
        // The mantissa keeps at least 15 significant bits.
        expect(t - back <= t >> 15n).toBe(true);
        expect(compactFromTarget(back)).toBe(bits);
      }),
      { numRuns: 500 },
    );
  });

  it('non-canonical and negative compact forms are refused', () => {
    expect(isCanonicalCompact(0x1d00ffff)).toBe(true);
    expect(isCanonicalCompact(0x1e0000ff)).toBe(false); // zero-padded mantissa: this target has a shorter spelling
    expect(isCanonicalCompact(0x1d80ffff)).toBe(false); // sign bit
    expect(isCanonicalCompact(0)).toBe(false);
    expect(isCanonicalCompact(0x01003456)).toBe(false); // rounds to zero
    expect(isCanonicalCompact(0x22010000)).toBe(false); // above 2^256
  });

  it('meetsTarget is hash <= target, inclusive', () => {
    fc.assert(
      fc.property(targetArb, targetArb, (h, t) => {
        expect(meetsTarget(targetBytes(h), targetBytes(t))).toBe(h <= t);
      }),
    );
    expect(meetsTarget(targetBytes(5n), targetBytes(5n))).toBe(true);
  });

  it('searchNonce returns the first nonce whose SHA-256d meets the target, across the 2^32 boundary', () => {
    const target = targetBytes(MAX_TARGET >> 2n); // about one hash in four passes
    const header = new Uint8Array(124).fill(7);
    const start = 2 ** 32 - 6;
    const naive = (nonce: number) => {
      const h = header.slice();
      new DataView(h.buffer).setBigUint64(NONCE_OFFSET, BigInt(nonce));
      return bytesToBigInt(refSha256d(h)) <= MAX_TARGET >> 2n;
    };
    let expected = -1;
    for (let n = start; n < start + 40; n++) {
      if (n >= 2 ** 32 && naive(n)) {
        expected = n;
        break;
      }
    }
    expect(expected).toBeGreaterThan(0);
    // Start past the boundary's earlier winners: the first winner at or after 2^32.
    const firstFrom = (s: number) => {
      for (let n = s; ; n++) if (naive(n)) return n;
    };
    expect(searchNonce(header.slice(), target, start, 40)).toBe(firstFrom(start));
    expect(searchNonce(header.slice(), target, 2 ** 32, 40)).toBe(expected);
    const buf = header.slice();
    const found = searchNonce(buf, target, 2 ** 32, 40);
    expect(new DataView(buf.buffer).getBigUint64(NONCE_OFFSET)).toBe(BigInt(found));
    expect(searchNonce(header.slice(), targetBytes(0n), 0, 50)).toBe(-1);
  });
});
