import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wholeTicks } from './chart-ticks';

describe('wholeTicks', () => {
  it('picks round whole steps', () => {
    expect(wholeTicks(0, 1.3)).toEqual([0, 1, 2]);
    expect(wholeTicks(0, 4)).toEqual([0, 1, 2, 3, 4]);
    expect(wholeTicks(0, 7)).toEqual([0, 2, 4, 6, 8]);
    expect(wholeTicks(0, 0)).toEqual([0, 1]);
    expect(wholeTicks(101, 187)).toEqual([100, 150, 200]);
    expect(wholeTicks(1, 100)).toEqual([0, 50, 100]);
  });

  it('covers the range with whole-number ticks in even steps', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (a, b) => {
          const t = wholeTicks(Math.min(a, b), Math.max(a, b));
          expect(t.every(Number.isInteger)).toBe(true);
          expect(t[0]!).toBeLessThanOrEqual(Math.min(a, b));
          expect(t[t.length - 1]!).toBeGreaterThanOrEqual(Math.max(a, b));
          expect(t.length).toBeLessThanOrEqual(7);
          const steps = new Set(t.slice(1).map((x, i) => x - t[i]!));
          expect(steps.size).toBe(1);
        },
      ),
    );
  });
});
