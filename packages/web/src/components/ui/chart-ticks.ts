/**
 * Axis ticks a reader can take in at a glance: whole numbers, in steps of 1, 2 or 5 times a
 * power of ten, at most `count` of them, the last at or above the largest value.
 */
export function wholeTicks(min: number, max: number, count = 5): number[] {
  const lo = Math.floor(Math.min(min, max));
  const hi = Math.max(Math.ceil(Math.max(min, max)), lo + 1);
  const rough = (hi - lo) / Math.max(1, count - 1);
  let step = 1;
  for (let p = 1; step < rough; p *= 10) {
    step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= rough) ?? 10 * p;
  }
  const first = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  for (let t = first; ticks.length === 0 || ticks[ticks.length - 1]! < hi; t += step) ticks.push(t);
  return ticks;
}
