/**
 * The chaos run's verdict (issue #17), computed from what the load generator and the final
 * read-back observed. Pure: the runner collects, this judges.
 *
 * - lost: a write answered 2xx whose effect is not there at the end (a record not readable and
 *   verified through the other API server, or without a node receipt; a grant not on chain);
 * - double_anchors: a record id anchored more than once on the best chain;
 * - wrong_answers: an answer that contradicts the acknowledged history: a record read back with
 *   other content or not verifying, a revoked grant live again (resurrected), a grant live that
 *   was never acknowledged, or an acknowledgement given by a node while it was cut off;
 * - max_converge_s: the longest time, after a heal, until every node reported one tip;
 * - p99_create_ms_during_faults: p99 latency of record creations started while a fault was on;
 * - unavailable_s: the total of the gaps longer than `gapThresholdMs` with no successful create.
 */
import type { Fault } from './fault-schedule.js';

export interface WriteObservation {
  readonly kind: 'record' | 'grant' | 'revoke';
  /** Record id for a record, request id for a grant or revoke. */
  readonly id: string;
  readonly startedMs: number;
  readonly endedMs: number;
  /** HTTP status, or 0 when no answer came (timeout, connection reset). */
  readonly status: number;
}

export interface RecordReadBack {
  /** Readable through the API server that did not write it. */
  readonly found: boolean;
  /** Same fields as written. */
  readonly contentMatches: boolean;
  /** "Health record is valid!" */
  readonly verified: boolean;
  /** A node's receipt for it checks offline against the genesis. */
  readonly receipt: boolean;
}

export interface ChaosObservations {
  readonly startMs: number;
  readonly endMs: number;
  readonly faults: readonly Fault[];
  readonly writes: readonly WriteObservation[];
  /** Per acknowledged record id. */
  readonly records: ReadonlyMap<string, RecordReadBack>;
  /** Anchors per record id on the best chain (every anchored id, acknowledged or not). */
  readonly anchorCounts: ReadonlyMap<string, number>;
  /** Per request id seen on chain at the end: whether its grant is live. */
  readonly grantsLive: ReadonlyMap<string, boolean>;
  /** Acknowledgements a cut-off node gave during its cut (must be none). */
  readonly ackedWhileCut: number;
  /** Per heal, ms until all nodes reported one tip. */
  readonly convergeMs: readonly number[];
  readonly gapThresholdMs?: number;
}

export interface ChaosSummary {
  readonly faults_injected: number;
  readonly acknowledged_writes: number;
  readonly lost: number;
  readonly double_anchors: number;
  readonly wrong_answers: number;
  readonly max_converge_s: number;
  readonly p99_create_ms_during_faults: number;
  readonly unavailable_s: number;
}

const ok = (status: number) => status >= 200 && status < 300;

/** Nearest-rank percentile; 0 for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Sum of the gaps longer than `thresholdMs` between start, each success, and end. */
export function unavailableMs(
  successesMs: readonly number[],
  startMs: number,
  endMs: number,
  thresholdMs: number,
): number {
  const points = [
    startMs,
    ...successesMs.filter((t) => t >= startMs && t <= endMs).sort((a, b) => a - b),
    endMs,
  ];
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const gap = points[i]! - points[i - 1]!;
    if (gap > thresholdMs) total += gap;
  }
  return total;
}

/** The last acknowledged consent action per request id: true = granted, false = revoked. */
function expectedGrants(writes: readonly WriteObservation[]): Map<string, boolean> {
  const acked = writes.filter((w) => ok(w.status) && (w.kind === 'grant' || w.kind === 'revoke'));
  const expected = new Map<string, boolean>();
  for (const w of [...acked].sort((a, b) => a.endedMs - b.endedMs)) expected.set(w.id, w.kind === 'grant');
  return expected;
}

export function summarize(o: ChaosObservations): ChaosSummary {
  const acked = o.writes.filter((w) => ok(w.status));
  let lost = 0;
  let wrong = o.ackedWhileCut;
  for (const w of acked.filter((x) => x.kind === 'record')) {
    const r = o.records.get(w.id);
    if (r === undefined || !r.found || !r.receipt) lost++;
    else if (!r.contentMatches || !r.verified) wrong++;
  }
  const expected = expectedGrants(o.writes);
  for (const [request, shouldBeLive] of expected) {
    const live = o.grantsLive.get(request);
    if (live === undefined) lost++;
    else if (live && !shouldBeLive)
      wrong++; // resurrected after an acknowledged revoke
    else if (!live && shouldBeLive) lost++; // an acknowledged grant is gone
  }
  // A grant live on chain must come from a write that was at least attempted.
  const attempted = new Set(o.writes.filter((w) => w.kind === 'grant').map((w) => w.id));
  for (const [request, live] of o.grantsLive) if (live && !attempted.has(request)) wrong++;

  const during = o.writes.filter(
    (w) => w.kind === 'record' && o.faults.some((f) => f.atMs <= w.startedMs && w.startedMs < f.healMs),
  );
  const successes = acked.filter((w) => w.kind === 'record').map((w) => w.endedMs);
  return {
    faults_injected: o.faults.length,
    acknowledged_writes: acked.length,
    lost,
    double_anchors: [...o.anchorCounts.values()].filter((n) => n > 1).length,
    wrong_answers: wrong,
    max_converge_s: Math.round(Math.max(0, ...o.convergeMs) / 10) / 100,
    p99_create_ms_during_faults: Math.round(
      percentile(
        during.filter((w) => w.status !== 0).map((w) => w.endedMs - w.startedMs),
        99,
      ),
    ),
    unavailable_s:
      Math.round(unavailableMs(successes, o.startMs, o.endMs, o.gapThresholdMs ?? 2_000) / 10) / 100,
  };
}

export interface ChaosGoals {
  readonly minFaults: number;
  readonly maxConvergeS: number;
}

/** The goals of issue #17: nothing lost, anchored twice or wrong; enough faults; fast convergence. */
export function goalsMet(s: ChaosSummary, g: ChaosGoals): string[] {
  const failed: string[] = [];
  if (s.lost !== 0) failed.push(`lost ${s.lost}`);
  if (s.double_anchors !== 0) failed.push(`double_anchors ${s.double_anchors}`);
  if (s.wrong_answers !== 0) failed.push(`wrong_answers ${s.wrong_answers}`);
  if (s.faults_injected < g.minFaults) failed.push(`faults_injected ${s.faults_injected} < ${g.minFaults}`);
  if (s.max_converge_s > g.maxConvergeS)
    failed.push(`max_converge_s ${s.max_converge_s} > ${g.maxConvergeS}`);
  return failed;
}
