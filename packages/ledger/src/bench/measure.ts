/** Timing helpers for the benchmark: rates over a fixed wall-clock span, and summary figures. */

/** Runs `batch()` (which does `perBatch` operations) until `ms` have passed; operations per second. */
export function rateOver(ms: number, perBatch: number, batch: () => void): number {
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    batch();
    ops += perBatch;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (ops / elapsed) * 1000;
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The nearest-rank percentile `p` (0..100) of `xs`; NaN for an empty sample. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))]!;
}

export const round = (x: number, digits = 0): number => Number(x.toFixed(digits));
