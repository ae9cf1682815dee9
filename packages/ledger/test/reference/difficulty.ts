/**
 * A naive difficulty retarget written from the rule in difficulty.ts's header comment, kept
 * apart from the real one to cross-check it: over the last `window` intervals, the average
 * target (rounded down) times the clamped time they took, over the time they should have taken;
 * then at most 4/3 easier or 3/4 harder than the parent, never easier than the floor, never 0.
 * Compact targets are decoded and encoded here by their textbook definition, with strings.
 */

export interface RefParams {
  block_interval_ms: number;
  initial_bits: number;
  retarget_window: number;
  max_interval_factor: number;
}

export function refTargetFromCompact(bits: number): bigint {
  const exponent = Math.floor(bits / 2 ** 24);
  const mantissa = BigInt(bits % 2 ** 23);
  return exponent >= 3 ? mantissa * 256n ** BigInt(exponent - 3) : mantissa / 256n ** BigInt(3 - exponent);
}

/** The shortest compact form whose mantissa keeps its sign bit clear; the low bytes are dropped. */
export function refCompactFromTarget(target: bigint): number {
  let hex = target.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  if (Number.parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  const size = hex.length / 2;
  const mantissa = Number.parseInt(hex.slice(0, 6).padEnd(6, '0'), 16);
  return size * 2 ** 24 + mantissa;
}

export function refNextBits(
  params: RefParams,
  powLimit: bigint,
  ancestors: readonly { timestamp: number; bits: number }[],
): number {
  if (ancestors.length === 1) return params.initial_bits;
  const start = Math.max(0, ancestors.length - 1 - params.retarget_window);
  const used = ancestors.slice(start);
  const cap = params.block_interval_ms * params.max_interval_factor;
  let took = 0;
  const targets: bigint[] = [];
  for (let i = 1; i < used.length; i++) {
    let dt = used[i]!.timestamp - used[i - 1]!.timestamp;
    if (dt < 1) dt = 1;
    if (dt > cap) dt = cap;
    took += dt;
    targets.push(refTargetFromCompact(used[i]!.bits));
  }
  const average = targets.reduce((a, b) => a + b, 0n) / BigInt(targets.length);
  let next = (average * BigInt(took)) / BigInt(targets.length * params.block_interval_ms);
  const parent = refTargetFromCompact(used[used.length - 1]!.bits);
  next = bigMin(next, (parent * 4n) / 3n);
  next = bigMax(next, (parent * 3n) / 4n);
  next = bigMin(next, powLimit);
  next = bigMax(next, 1n);
  return refCompactFromTarget(next);
}

const bigMin = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const bigMax = (a: bigint, b: bigint): bigint => (a > b ? a : b);
