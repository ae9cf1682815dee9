/**
 * Block locators (Bitcoin's): the hashes of the tip, the nine before it, then exponentially
 * sparser back to genesis, at most 101 of them. The peer answers from the first one it has on
 * its best chain, so a fork point is found in one round trip whatever the chain length.
 */
import type { BlockHash } from '@chartproof/ledger';
import { Limits } from '../p2p/messages.js';

/** Heights a locator names for a chain whose tip is at `tip`, newest first, genesis last. */
export function locatorHeights(tip: number): number[] {
  const heights: number[] = [];
  let step = 1;
  for (let h = tip; h > 0 && heights.length < Limits.MAX_LOCATOR - 1; h -= step) {
    heights.push(h);
    if (heights.length >= 10) step *= 2;
  }
  heights.push(0);
  return heights;
}

export function buildLocator(tip: number, hashAt: (height: number) => BlockHash): BlockHash[] {
  return locatorHeights(tip).map(hashAt);
}

/**
 * The highest locator entry on our best chain: where the peer's chain and ours last agree.
 * Returns the height to answer from, or 0 (genesis) if nothing matches.
 */
export function findLocatorFork(
  locator: readonly BlockHash[],
  heightOnBestChain: (hash: BlockHash) => number | undefined,
): number {
  for (const hash of locator) {
    const h = heightOnBestChain(hash);
    if (h !== undefined) return h;
  }
  return 0;
}
