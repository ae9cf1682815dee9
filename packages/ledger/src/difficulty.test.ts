import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refNextBits } from '../test/reference/difficulty.js';
import { nextBits, type RetargetPoint } from './difficulty.js';
import { type ConsensusParams, DEFAULT_CONSENSUS } from './genesis.js';
import { compactFromTarget, targetFromCompact } from './pow.js';

const params: ConsensusParams = DEFAULT_CONSENSUS;
const powLimit = targetFromCompact(params.pow_limit_bits);
const T = params.block_interval_ms;

/** A chain of ancestors from random intervals and targets between 1/1000 of the floor and the floor. */
const historyArb = fc
  .array(
    fc.record({
      dt: fc.oneof(fc.integer({ min: -5 * T, max: 20 * T }), fc.integer({ min: 0, max: 86_400_000 })),
      target: fc.bigInt({ min: powLimit / 1000n, max: powLimit }),
    }),
    { minLength: 1, maxLength: params.retarget_window + 5 },
  )
  .map((steps) => {
    const out: RetargetPoint[] = [{ timestamp: 1_700_000_000_000, bits: params.initial_bits }];
    for (const s of steps) {
      out.push({ timestamp: out[out.length - 1]!.timestamp + s.dt, bits: compactFromTarget(s.target) });
    }
    return out;
  });

const onSchedule = (n: number, bits: number, interval = T): RetargetPoint[] =>
  Array.from({ length: n }, (_, i) => ({ timestamp: 1_700_000_000_000 + i * interval, bits }));

describe('difficulty', () => {
  it('agrees with the naive reference on random histories', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        expect(nextBits(params, powLimit, h)).toBe(refNextBits(params, powLimit, h));
      }),
      { numRuns: 300 },
    );
  });

  it('moves at most 4/3 easier or 3/4 harder per block, and never past the floor', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const parent = targetFromCompact(h[h.length - 1]!.bits);
        const next = targetFromCompact(nextBits(params, powLimit, h));
        expect(next <= (parent * 4n) / 3n).toBe(true);
        // Compact encoding keeps 15 significant bits, so it may round just below 3/4.
        const hardest = (parent * 3n) / 4n;
        expect(next >= hardest - (hardest >> 15n)).toBe(true);
        expect(next <= powLimit).toBe(true);
        expect(next > 0n).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('stays put when blocks arrive on schedule', () => {
    const h = onSchedule(params.retarget_window + 1, params.initial_bits);
    expect(nextBits(params, powLimit, h)).toBe(params.initial_bits);
  });

  it('an idle gap of hours counts only max_interval_factor intervals', () => {
    const base = onSchedule(params.retarget_window + 1, params.initial_bits);
    const withGap = (gap: number) =>
      base.map((p, i) => (i === base.length - 1 ? { ...p, timestamp: base[i - 1]!.timestamp + gap } : p));
    const capped = nextBits(params, powLimit, withGap(T * params.max_interval_factor));
    expect(nextBits(params, powLimit, withGap(6 * 3_600_000))).toBe(capped);
    expect(nextBits(params, powLimit, withGap(30 * 86_400_000))).toBe(capped);
    const before = targetFromCompact(params.initial_bits);
    const after = targetFromCompact(capped);
    expect(after > before).toBe(true);
    expect(after <= (before * 4n) / 3n).toBe(true);
  });

  it('a night of idle gaps eases toward the floor but never below it', () => {
    let chain = onSchedule(2, params.initial_bits);
    for (let i = 0; i < 200; i++) {
      const last = chain[chain.length - 1]!;
      const bits = nextBits(params, powLimit, chain.slice(-(params.retarget_window + 1)));
      chain = [...chain, { timestamp: last.timestamp + 3_600_000, bits }];
      expect(targetFromCompact(bits) <= powLimit).toBe(true);
    }
    expect(chain[chain.length - 1]!.bits).toBe(compactFromTarget(powLimit));
  });

  it('fast blocks make it harder, and timestamps going backwards count as 1 ms', () => {
    const fast = onSchedule(params.retarget_window + 1, params.initial_bits, T / 4);
    expect(targetFromCompact(nextBits(params, powLimit, fast)) < targetFromCompact(params.initial_bits)).toBe(
      true,
    );
    const backwards = onSchedule(params.retarget_window + 1, params.initial_bits, -T);
    expect(nextBits(params, powLimit, backwards)).toBe(refNextBits(params, powLimit, backwards));
  });

  it('the first block after genesis takes initial_bits', () => {
    expect(nextBits(params, powLimit, [{ timestamp: 0, bits: 0x1d00ffff }])).toBe(params.initial_bits);
    expect(() => nextBits(params, powLimit, [])).toThrow(RangeError);
  });
});
