import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ChaosObservations,
  goalsMet,
  percentile,
  type RecordReadBack,
  summarize,
  unavailableMs,
  type WriteObservation,
} from './invariants.js';

const good: RecordReadBack = { found: true, contentMatches: true, verified: true, receipt: true };
const w = (kind: WriteObservation['kind'], id: string, startedMs: number, endedMs: number, status = 201) => ({
  kind,
  id,
  startedMs,
  endedMs,
  status,
});

function observations(over: Partial<ChaosObservations> = {}): ChaosObservations {
  return {
    startMs: 0,
    endMs: 10_000,
    faults: [{ kind: 'kill-node', target: 'node-a', atMs: 2_000, healMs: 4_000 }],
    writes: [
      w('record', 'r1', 0, 500),
      w('record', 'r2', 2_100, 3_900),
      w('record', 'r3', 5_000, 5_400),
      w('grant', 'q1', 6_000, 6_500, 200),
      w('revoke', 'q1', 7_000, 7_500, 200),
      w('grant', 'q2', 8_000, 8_500, 200),
    ],
    records: new Map([
      ['r1', good],
      ['r2', good],
      ['r3', good],
    ]),
    anchorCounts: new Map([
      ['r1', 1],
      ['r2', 1],
      ['r3', 1],
    ]),
    grantsLive: new Map([
      ['q1', false],
      ['q2', true],
    ]),
    ackedWhileCut: 0,
    convergeMs: [1_234, 2_500],
    ...over,
  };
}

describe('summarize', () => {
  it('reports a clean run with the keys of issue #17', () => {
    const s = summarize(observations());
    expect(s).toEqual({
      faults_injected: 1,
      acknowledged_writes: 6,
      lost: 0,
      double_anchors: 0,
      wrong_answers: 0,
      max_converge_s: 2.5,
      p99_create_ms_during_faults: 1_800,
      unavailable_s: 8,
    });
    expect(goalsMet(s, { minFaults: 1, maxConvergeS: 3 })).toEqual([]);
  });

  it('counts an acknowledged record that is missing, or has no receipt, as lost', () => {
    expect(
      summarize(
        observations({
          records: new Map([
            ['r1', good],
            ['r2', good],
          ]),
        }),
      ).lost,
    ).toBe(1);
    const noReceipt = new Map([
      ['r1', good],
      ['r2', { ...good, receipt: false }],
      ['r3', good],
    ]);
    expect(summarize(observations({ records: noReceipt })).lost).toBe(1);
  });

  it('does not count a write that was never acknowledged', () => {
    const writes = [
      ...observations().writes,
      w('record', 'r9', 9_000, 9_100, 503),
      w('record', 'r8', 9_000, 9_100, 0),
    ];
    const s = summarize(observations({ writes }));
    expect(s.lost).toBe(0);
    expect(s.acknowledged_writes).toBe(6);
  });

  it('counts other content or a failed verification as a wrong answer', () => {
    const records = new Map([
      ['r1', { ...good, contentMatches: false }],
      ['r2', { ...good, verified: false }],
      ['r3', good],
    ]);
    expect(summarize(observations({ records })).wrong_answers).toBe(2);
  });

  it('finds double anchors, lost and resurrected grants, grants nobody asked for, acks while cut', () => {
    expect(
      summarize(
        observations({
          anchorCounts: new Map([
            ['r1', 2],
            ['r2', 1],
            ['r3', 3],
          ]),
        }),
      ).double_anchors,
    ).toBe(2);
    expect(summarize(observations({ grantsLive: new Map([['q1', false]]) })).lost).toBe(1); // q2 gone
    expect(
      summarize(
        observations({
          grantsLive: new Map([
            ['q1', false],
            ['q2', false],
          ]),
        }),
      ).lost,
    ).toBe(1);
    const resurrected = summarize(
      observations({
        grantsLive: new Map([
          ['q1', true],
          ['q2', true],
        ]),
      }),
    );
    expect(resurrected.wrong_answers).toBe(1);
    const stranger = summarize(
      observations({
        grantsLive: new Map([
          ['q1', false],
          ['q2', true],
          ['zz', true],
        ]),
      }),
    );
    expect(stranger.wrong_answers).toBe(1);
    expect(summarize(observations({ ackedWhileCut: 2 })).wrong_answers).toBe(2);
    const s = summarize(observations({ ackedWhileCut: 1 }));
    expect(goalsMet(s, { minFaults: 20, maxConvergeS: 2 })).toEqual([
      'wrong_answers 1',
      'faults_injected 1 < 20',
      'max_converge_s 2.5 > 2',
    ]);
  });

  it('judges a grant by its last acknowledged action, whatever order they are listed in', () => {
    const writes = [w('revoke', 'q1', 7_000, 7_500, 200), w('grant', 'q1', 6_000, 6_500, 200)];
    const s = summarize(observations({ writes, records: new Map(), grantsLive: new Map([['q1', false]]) }));
    expect(s.lost + s.wrong_answers).toBe(0);
  });
});

describe('percentile and unavailability', () => {
  it('percentile is a sample, bounded by min and max', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1 }),
        fc.integer({ min: 0, max: 100 }),
        (xs, p) => {
          const v = percentile(xs, p);
          expect(xs).toContain(v);
          expect(v).toBeLessThanOrEqual(Math.max(...xs));
          expect(v).toBeGreaterThanOrEqual(Math.min(...xs));
        },
      ),
    );
    expect(percentile([], 99)).toBe(0);
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        99,
      ),
    ).toBe(99);
  });

  it('unavailable time is at most the run, and zero when successes come often', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000 })),
        fc.integer({ min: 1, max: 10_000 }),
        (xs, th) => {
          const u = unavailableMs(xs, 0, 100_000, th);
          expect(u).toBeGreaterThanOrEqual(0);
          expect(u).toBeLessThanOrEqual(100_000);
        },
      ),
    );
    const every = Array.from({ length: 100 }, (_, i) => i * 1_000);
    expect(unavailableMs(every, 0, 99_000, 2_000)).toBe(0);
    expect(unavailableMs([1_000, 9_000], 0, 10_000, 2_000)).toBe(8_000);
    expect(unavailableMs([], 0, 10_000, 2_000)).toBe(10_000);
  });
});
