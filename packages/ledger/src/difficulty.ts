/**
 * Difficulty retarget, every block, toward the genesis block interval.
 *
 * The next target is the average target of the last `retarget_window` blocks scaled by how long
 * they took against how long they should have taken (a moving-average rule in the family of
 * LWMA/DigiShield; averaging targets rather than compounding the parent's keeps it from
 * oscillating). Three bounds keep it sane:
 *  - each interval counts at most `max_interval_factor` block intervals (and at least 1 ms), so
 *    an idle night — miners stop when the mempool is empty — moves the average by a bounded
 *    amount instead of collapsing it;
 *  - the result moves at most ×4/3 easier or ×3/4 harder than the parent's target per block;
 *  - it never gets easier than the genesis `pow_limit_bits` (the floor), whatever the history.
 */
import type { ConsensusParams } from './genesis.js';
import { compactFromTarget, targetFromCompact } from './pow.js';

export interface RetargetPoint {
  readonly timestamp: number;
  readonly bits: number;
}

/**
 * Compact target required of the child of `ancestors[ancestors.length - 1]`. `ancestors` are the
 * parent and the blocks before it, oldest first, at most `retarget_window + 1` of them; genesis
 * counts only as a starting time, since its target is the initial one by definition.
 */
export function nextBits(
  params: ConsensusParams,
  powLimit: bigint,
  ancestors: readonly RetargetPoint[],
): number {
  const parent = ancestors[ancestors.length - 1];
  if (parent === undefined) throw new RangeError('"ancestors" must hold at least the parent');
  if (ancestors.length < 2) return params.initial_bits;
  const window = ancestors.slice(-(params.retarget_window + 1));
  const intervals = window.length - 1;
  const maxInterval = params.block_interval_ms * params.max_interval_factor;
  let actual = 0;
  let targetSum = 0n;
  for (let i = 1; i < window.length; i++) {
    const dt = window[i]!.timestamp - window[i - 1]!.timestamp;
    actual += Math.min(Math.max(dt, 1), maxInterval);
    targetSum += targetFromCompact(window[i]!.bits);
  }
  const expected = intervals * params.block_interval_ms;
  let next = ((targetSum / BigInt(intervals)) * BigInt(actual)) / BigInt(expected);
  const parentTarget = targetFromCompact(parent.bits);
  const easiest = (parentTarget * 4n) / 3n;
  const hardest = (parentTarget * 3n) / 4n;
  if (next > easiest) next = easiest;
  if (next < hardest) next = hardest;
  if (next > powLimit) next = powLimit;
  if (next < 1n) next = 1n;
  return compactFromTarget(next);
}
