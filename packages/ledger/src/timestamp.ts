/**
 * Block timestamp rules, as in Bitcoin: strictly later than the median of the previous
 * `median_time_span` blocks (so one miner's clock cannot drag time backwards), and at most
 * `max_future_ms` ahead of the validating node's clock.
 */
import { LedgerError } from './errors.js';

export function medianTimePast(timestamps: readonly number[]): number {
  if (timestamps.length === 0) throw new RangeError('"timestamps" must not be empty');
  const sorted = [...timestamps].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function checkTimestamp(
  block: { height: number; hash: string },
  timestamp: number,
  previous: readonly number[],
  now: number,
  maxFutureMs: number,
): void {
  const mtp = medianTimePast(previous);
  if (timestamp <= mtp) {
    throw LedgerError.inBlock(
      'TIMESTAMP_TOO_EARLY',
      block,
      `timestamp ${timestamp} is not after median time past ${mtp}`,
      {
        medianTimePast: mtp,
        got: timestamp,
      },
    );
  }
  if (timestamp > now + maxFutureMs) {
    throw LedgerError.inBlock(
      'TIMESTAMP_TOO_FAR_AHEAD',
      block,
      `timestamp ${timestamp} is more than ${maxFutureMs} ms ahead of local time ${now}`,
      { now, got: timestamp, maxFutureMs },
    );
  }
}
