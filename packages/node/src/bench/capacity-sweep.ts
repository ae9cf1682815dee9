/**
 * The capacity sweep's stopping rule, pure. With a fixed number of transactions in flight, the
 * throughput is in-flight / latency (Little's law): a run at one count measures the count chosen
 * as much as the nodes. So the count doubles until the throughput stops growing, that is until
 * a step gains less than `minGain` over the best step so far, and the capacity is that best step.
 */

export interface SweepOptions {
  /** In flight at the first step. */
  readonly first: number;
  /** No step goes above it, whatever the gains. */
  readonly max: number;
  /** A step must beat the best so far by this fraction to go on (0.05 = 5 %). */
  readonly minGain: number;
}

export interface SweepStep<R> {
  readonly inFlight: number;
  readonly txPerS: number;
  readonly result: R;
}

export interface SweepResult<R> {
  readonly steps: readonly SweepStep<R>[];
  /** The step with the highest throughput: the capacity figure. */
  readonly best: SweepStep<R>;
  /** Why the sweep ended: the throughput stopped growing, or `max` was reached. */
  readonly stoppedBy: 'plateau' | 'max';
}

/** Runs `measure` at first, 2·first, 4·first, … and stops as described in the module comment. */
export async function capacitySweep<R>(
  options: SweepOptions,
  measure: (inFlight: number) => Promise<{ txPerS: number; result: R }>,
): Promise<SweepResult<R>> {
  if (!(options.first >= 1 && options.max >= options.first)) {
    throw new RangeError(`sweep expects 1 ≤ first ≤ max, got first=${options.first} max=${options.max}`);
  }
  const steps: SweepStep<R>[] = [];
  let best: SweepStep<R> | undefined;
  for (let inFlight = options.first; ; inFlight = Math.min(inFlight * 2, options.max)) {
    const step = { inFlight, ...(await measure(inFlight)) };
    steps.push(step);
    const grew = best === undefined || step.txPerS >= best.txPerS * (1 + options.minGain);
    if (best === undefined || step.txPerS > best.txPerS) best = step;
    if (!grew) return { steps, best, stoppedBy: 'plateau' };
    if (inFlight >= options.max) return { steps, best, stoppedBy: 'max' };
  }
}
