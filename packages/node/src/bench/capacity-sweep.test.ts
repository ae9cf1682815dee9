import { describe, expect, it } from 'vitest';
import { capacitySweep } from './capacity-sweep.js';

/** A throughput curve: Little's law up to a ceiling. */
const curve = (ceiling: number, latencyS: number) => async (inFlight: number) => ({
  txPerS: Math.min(inFlight / latencyS, ceiling),
  result: inFlight,
});

describe('capacitySweep', () => {
  it('doubles the number in flight until a step gains under minGain, and reports the best step', async () => {
    const r = await capacitySweep({ first: 1000, max: 64_000, minGain: 0.05 }, curve(3000, 1));
    // 4,000 reaches the ceiling; 8,000 gains nothing more, which ends the sweep.
    expect(r.steps.map((s) => s.inFlight)).toEqual([1000, 2000, 4000, 8000]);
    expect(r.best).toMatchObject({ inFlight: 4000, txPerS: 3000 });
    expect(r.stoppedBy).toBe('plateau');
  });

  it('goes on while each step gains at least minGain', async () => {
    const gains = [1000, 1100, 1160, 1200];
    const r = await capacitySweep({ first: 1, max: 8, minGain: 0.05 }, async (n) => ({
      txPerS: gains[Math.log2(n)]!,
      result: null,
    }));
    // 1160 is 5.5 % over 1100; 1200 is 3.4 % over 1160: the sweep stops there.
    expect(r.steps.map((s) => s.txPerS)).toEqual(gains);
    expect(r.best.txPerS).toBe(1200);
    expect(r.stoppedBy).toBe('plateau');
  });

  it('keeps the best step when throughput falls at a higher count', async () => {
    const r = await capacitySweep({ first: 1, max: 16, minGain: 0.05 }, async (n) => ({
      txPerS: n === 4 ? 15 : n * 10,
      result: null,
    }));
    expect(r.steps.map((s) => s.inFlight)).toEqual([1, 2, 4]);
    expect(r.best).toMatchObject({ inFlight: 2, txPerS: 20 });
  });

  it('stops at max, stepping to it exactly', async () => {
    const r = await capacitySweep({ first: 1000, max: 5000, minGain: 0.05 }, curve(1e9, 1));
    expect(r.steps.map((s) => s.inFlight)).toEqual([1000, 2000, 4000, 5000]);
    expect(r.stoppedBy).toBe('max');
  });

  it('rejects a first step above max', async () => {
    await expect(capacitySweep({ first: 10, max: 5, minGain: 0.05 }, curve(1, 1))).rejects.toThrow(
      RangeError,
    );
  });
});
