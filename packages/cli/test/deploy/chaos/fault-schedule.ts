/**
 * The fault schedule of the chaos run (issue #17): which fault hits which host when, and when it
 * is healed. Pure and seeded, so a failing run is replayed exactly from its seed.
 *
 * Rules that keep every acknowledged write meaningful: at most one validator is faulted at a time
 * (two of three stay a majority), faults follow one another with a gap, and everything is healed
 * `settleMs` before the end so the checker can ask every node for the final state.
 */

export const FAULT_KINDS = [
  'kill-node', // SIGKILL of a validator node process, restarted after the hold
  'kill-miner', // SIGKILL of a validator's miner child (the node forks a new one)
  'kill-api', // SIGKILL of an API server, restarted after the hold
  'cut-node', // a validator's link down (its namespace keeps running), then up
  'restart-postgres', // PostgreSQL stopped (fast shutdown) and started again
  'clock-ahead', // a validator restarted with its clock 10 minutes ahead, then back
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  readonly kind: FaultKind;
  /** A validator (`node-a`…), an API server, or `db`. */
  readonly target: string;
  readonly atMs: number;
  readonly healMs: number;
}

export interface ScheduleOptions {
  readonly seed: number;
  readonly durationMs: number;
  readonly kinds?: readonly FaultKind[];
  readonly nodes: readonly string[];
  readonly apis: readonly string[];
  /** How long a fault lasts before it is healed. */
  readonly holdMs: readonly [min: number, max: number];
  /** Quiet time between one fault's heal and the next fault. */
  readonly gapMs: readonly [min: number, max: number];
  /** Nothing is faulted in the first `warmupMs` and the last `settleMs`. */
  readonly warmupMs: number;
  readonly settleMs: number;
}

export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
  readonly code = 'SCHEDULE_OPTIONS';
}

/** mulberry32: a small seeded generator; the same seed gives the same schedule everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function targetsOf(kind: FaultKind, o: ScheduleOptions): readonly string[] {
  if (kind === 'kill-api') return o.apis;
  if (kind === 'restart-postgres') return ['db'];
  return o.nodes;
}

/** Faults one after another (never two at once), from warm-up to `durationMs - settleMs`. */
export function planFaults(o: ScheduleOptions): Fault[] {
  const kinds = o.kinds ?? FAULT_KINDS;
  const [holdMin, holdMax] = o.holdMs;
  const [gapMin, gapMax] = o.gapMs;
  if (kinds.length === 0 || o.nodes.length < 3 || o.apis.length < 1)
    throw new ScheduleError('need fault kinds, at least three nodes and one API server');
  if (!(holdMin > 0 && holdMin <= holdMax && gapMin >= 0 && gapMin <= gapMax))
    throw new ScheduleError('holdMs and gapMs must be [min, max] with 0 < hold and min <= max');
  if (o.warmupMs < 0 || o.settleMs < 0 || o.durationMs <= o.warmupMs + o.settleMs)
    throw new ScheduleError('durationMs must leave room after warmupMs and settleMs');
  const random = seededRandom(o.seed);
  const between = (min: number, max: number) => Math.round(min + random() * (max - min));
  const end = o.durationMs - o.settleMs;
  const faults: Fault[] = [];
  let t = o.warmupMs;
  for (let i = 0; ; i++) {
    // Round robin over kinds (each kind gets its turn), random target, hold and gap.
    const kind = kinds[i % kinds.length]!;
    const targets = targetsOf(kind, o);
    const target = targets[Math.floor(random() * targets.length)]!;
    const hold = between(holdMin, holdMax);
    if (t + hold > end) break;
    faults.push({ kind, target, atMs: t, healMs: t + hold });
    t += hold + between(gapMin, gapMax);
  }
  return faults;
}

/** Whether `target` is under a fault at `ms` (cut windows are what the checker asks about). */
export function faultedAt(faults: readonly Fault[], target: string, ms: number, kind?: FaultKind): boolean {
  return faults.some(
    (f) => f.target === target && f.atMs <= ms && ms < f.healMs && (kind === undefined || f.kind === kind),
  );
}
