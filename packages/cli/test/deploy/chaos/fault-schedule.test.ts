import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, faultedAt, planFaults, ScheduleError, type ScheduleOptions } from './fault-schedule.js';

const base: ScheduleOptions = {
  seed: 1,
  durationMs: 10 * 60_000,
  nodes: ['node-a', 'node-b', 'node-c'],
  apis: ['api-1', 'api-2'],
  holdMs: [3_000, 10_000],
  gapMs: [2_000, 8_000],
  warmupMs: 10_000,
  settleMs: 20_000,
};

const options = fc.record({
  seed: fc.integer(),
  durationMs: fc.integer({ min: 60_000, max: 3_600_000 }),
  holdMin: fc.integer({ min: 1_000, max: 20_000 }),
  holdExtra: fc.integer({ min: 0, max: 20_000 }),
  gapMin: fc.integer({ min: 500, max: 20_000 }),
  gapExtra: fc.integer({ min: 0, max: 20_000 }),
  kinds: fc.subarray([...FAULT_KINDS], { minLength: 1 }),
});

type Drawn = typeof options extends fc.Arbitrary<infer T> ? T : never;

const build = (o: Drawn): ScheduleOptions => ({
  ...base,
  seed: o.seed,
  durationMs: o.durationMs,
  kinds: o.kinds,
  holdMs: [o.holdMin, o.holdMin + o.holdExtra],
  gapMs: [o.gapMin, o.gapMin + o.gapExtra],
});

describe('planFaults', () => {
  it('never overlaps two faults, so at most one validator is ever down: two of three stay a majority', () => {
    fc.assert(
      fc.property(options, (o) => {
        const faults = planFaults(build(o));
        for (let i = 1; i < faults.length; i++)
          expect(faults[i]!.atMs).toBeGreaterThanOrEqual(faults[i - 1]!.healMs);
      }),
    );
  });

  it('faults only between warm-up and settle, each healed, on a target of its kind', () => {
    fc.assert(
      fc.property(options, (o) => {
        const opts = build(o);
        for (const f of planFaults(opts)) {
          expect(f.atMs).toBeGreaterThanOrEqual(opts.warmupMs);
          expect(f.healMs).toBeLessThanOrEqual(opts.durationMs - opts.settleMs);
          expect(f.healMs - f.atMs).toBeGreaterThanOrEqual(opts.holdMs[0]);
          expect(f.healMs - f.atMs).toBeLessThanOrEqual(opts.holdMs[1]);
          expect(opts.kinds).toContain(f.kind);
          if (f.kind === 'kill-api') expect(opts.apis).toContain(f.target);
          else if (f.kind === 'restart-postgres') expect(f.target).toBe('db');
          else expect(opts.nodes).toContain(f.target);
        }
      }),
    );
  });

  it('is the same for the same seed, and gives every kind its turn', () => {
    expect(planFaults(base)).toEqual(planFaults(base));
    expect(planFaults({ ...base, seed: 2 })).not.toEqual(planFaults(base));
    const faults = planFaults(base);
    // Ten minutes with holds ≤ 10 s and gaps ≤ 8 s: well over the 20 faults of the long run.
    expect(faults.length).toBeGreaterThanOrEqual(20);
    for (const kind of FAULT_KINDS) expect(faults.some((f) => f.kind === kind)).toBe(true);
  });

  it('refuses options it cannot honour', () => {
    const bad: Partial<ScheduleOptions>[] = [
      { nodes: ['node-a', 'node-b'] },
      { apis: [] },
      { kinds: [] },
      { holdMs: [0, 10] },
      { holdMs: [10, 5] },
      { gapMs: [5, 1] },
      { durationMs: 25_000 },
    ];
    for (const b of bad) expect(() => planFaults({ ...base, ...b })).toThrow(ScheduleError);
  });

  it('answers whether a target is faulted at a time (end exclusive)', () => {
    const faults = [{ kind: 'cut-node' as const, target: 'node-b', atMs: 100, healMs: 200 }];
    expect(faultedAt(faults, 'node-b', 100)).toBe(true);
    expect(faultedAt(faults, 'node-b', 199, 'cut-node')).toBe(true);
    expect(faultedAt(faults, 'node-b', 200)).toBe(false);
    expect(faultedAt(faults, 'node-b', 150, 'kill-node')).toBe(false);
    expect(faultedAt(faults, 'node-a', 150)).toBe(false);
  });
});
