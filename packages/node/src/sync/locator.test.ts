import type { BlockHash } from '@chartproof/ledger';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Limits } from '../p2p/messages.js';
import { buildLocator, findLocatorFork, locatorHeights } from './locator.js';

const hashOf = (h: number, branch = 'a') => `${branch}:${h}` as BlockHash;

describe('locatorHeights', () => {
  it('names only genesis for a chain of one block', () => {
    expect(locatorHeights(0)).toEqual([0]);
    expect(locatorHeights(1)).toEqual([1, 0]);
  });

  it('is dense for the ten newest blocks, then exponentially sparser, and ends at genesis', () => {
    expect(locatorHeights(1000)).toEqual([
      1000, 999, 998, 997, 996, 995, 994, 993, 992, 991, 989, 985, 977, 961, 929, 865, 737, 481, 0,
    ]);
    expect(locatorHeights(9)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  it('has at most 101 entries, strictly descending, tip first and genesis last, for any height', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), (tip) => {
        const hs = locatorHeights(tip);
        expect(hs.length).toBeLessThanOrEqual(Limits.MAX_LOCATOR);
        expect(hs[0]).toBe(tip);
        expect(hs[hs.length - 1]).toBe(0);
        for (let i = 1; i < hs.length; i++) expect(hs[i]!).toBeLessThan(hs[i - 1]!);
        for (let i = 1; i < Math.min(10, hs.length - 1); i++) expect(hs[i - 1]! - hs[i]!).toBe(1);
        // Past the dense part each gap at least doubles the one before (save the jump to genesis).
        for (let i = 11; i < hs.length - 1; i++) {
          expect(hs[i - 1]! - hs[i]!).toBe(2 * (hs[i - 2]! - hs[i - 1]!));
        }
      }),
      { numRuns: 500 },
    );
    expect(locatorHeights(0xffff_ffff).length).toBeLessThanOrEqual(Limits.MAX_LOCATOR);
  });
});

describe('buildLocator and findLocatorFork', () => {
  it('maps heights to the hashes of the chain', () => {
    expect(buildLocator(3, (h) => hashOf(h))).toEqual([hashOf(3), hashOf(2), hashOf(1), hashOf(0)]);
  });

  it('finds the highest shared block of two chains that forked', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        (fork, ours, theirs) => {
          // Their chain: shared up to `fork`, then their own branch b.
          const theirHash = (h: number) => (h <= fork ? hashOf(h) : hashOf(h, 'b'));
          const locator = buildLocator(fork + theirs, theirHash);
          // Our best chain: shared up to `fork`, then branch a.
          const onOurs = (hash: BlockHash) => {
            const [branch, h] = hash.split(':') as [string, string];
            const height = Number(h);
            if (branch === 'a' && height <= fork + ours) return height;
            return undefined;
          };
          const found = findLocatorFork(locator, onOurs);
          expect(found).toBeLessThanOrEqual(fork);
          // Dense near the tip: within ten blocks of their tip the fork is found exactly.
          if (theirs < 10) expect(found).toBe(fork);
          // The answer never skips more than the locator's gap there (at most fork/2 back).
          expect(fork - found).toBeLessThanOrEqual(Math.max(theirs, fork - Math.floor(fork / 2)));
        },
      ),
    );
  });

  it('answers from genesis when nothing in the locator is on our chain', () => {
    expect(findLocatorFork([hashOf(5, 'x'), hashOf(4, 'x')], () => undefined)).toBe(0);
  });

  it('answers from the first entry it has, not the highest in height', () => {
    const heights = new Map([
      [hashOf(7), 7],
      [hashOf(3), 3],
    ]);
    expect(findLocatorFork([hashOf(9, 'b'), hashOf(7), hashOf(3)], (h) => heights.get(h))).toBe(7);
  });
});
