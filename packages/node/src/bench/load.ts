/**
 * Submission load against running nodes: pre-signed record anchors (the transaction each new
 * health record writes), sequential or concurrent submitters waiting for
 * acknowledgement, and a capacity run that keeps a fixed number of transactions in flight.
 */
import type { Genesis, Transaction } from '@chartproof/ledger';
import { testAnchor, testRegistrations } from '@chartproof/ledger/testing';
import type { SubmitResult } from '../mempool/submit.js';
import type { NodeRpcClient } from '../rpc/rpc-client.js';

/** A latency sample that takes longer is counted as an error (bounds the sequential runs). */
const LATENCY_TIMEOUT_MS = 30_000;
const CAPACITY_TIMEOUT_MS = 120_000;

/** The two registrations the anchors need: a health authority and a patient (untimed set-up). */
export const signSetup = (genesis: Genesis): Transaction[] => testRegistrations(genesis);

/**
 * `count` record anchors by the test hospital: the transaction every new health record writes,
 * so the load is the system's real hot path.
 */
export function signAnchors(genesis: Genesis, count: number, first = 1): Transaction[] {
  return Array.from({ length: count }, (_, i) => testAnchor(genesis, first + i));
}

/** Hands out pre-signed transactions in order. */
export class TxSource {
  private next = 0;
  constructor(private readonly txs: readonly Transaction[]) {}
  take(): Transaction {
    const tx = this.txs[this.next++];
    if (tx === undefined) throw new Error('bench ran out of pre-signed transactions');
    return tx;
  }
  get remaining(): number {
    return this.txs.length - this.next;
  }
}

function submit(client: NodeRpcClient, tx: Transaction, timeoutMs: number): Promise<SubmitResult> {
  return client.call<SubmitResult>('submit', { tx, wait: 'ack', timeout_ms: timeoutMs }, timeoutMs + 5000);
}

export interface LatencyResult {
  /** submit → acknowledged, ms, one per acknowledged transaction. */
  readonly latencies: number[];
  readonly errors: number;
  readonly firstError?: string;
  readonly elapsedMs: number;
}

/**
 * `submitters` concurrent submitters, each submitting `each` transactions one after the other
 * and waiting for each to be acknowledged; submitter i talks to node i mod N.
 */
export async function latencyRun(
  clients: readonly NodeRpcClient[],
  source: TxSource,
  submitters: number,
  each: number,
): Promise<LatencyResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: submitters }, async (_, s) => {
      const client = clients[s % clients.length]!;
      for (let i = 0; i < each; i++) {
        const tx = source.take();
        const t0 = performance.now();
        try {
          const r = await submit(client, tx, LATENCY_TIMEOUT_MS);
          if (r.status === 'acknowledged') latencies.push(performance.now() - t0);
          else errors++;
        } catch (e) {
          errors++;
          firstError ??= (e as Error).message;
        }
      }
    }),
  );
  return {
    latencies,
    errors,
    elapsedMs: performance.now() - start,
    ...(firstError !== undefined ? { firstError } : {}),
  };
}

export interface CapacityResult {
  readonly acked: number;
  readonly errors: number;
  readonly firstError?: string;
  /** From the first submission to the `target`-th acknowledgement (or the time limit). */
  readonly elapsedMs: number;
  /**
   * Acknowledgements per second once the pipeline is full: over the acknowledgements after the
   * first `inFlight` (at most half of those counted), which carry the ramp-up in which nothing is
   * acknowledged yet. From the first submission, a run of `target` = 4 × `inFlight` would read
   * a quarter below the rate the nodes sustain.
   */
  readonly steadyTxPerS: number;
  readonly latencies: number[];
}

/**
 * Keeps `inFlight` transactions submitted and unacknowledged, spread round-robin over the
 * clients, until `target` are acknowledged or `maxMs` has passed. Transactions still in flight
 * then are left to the nodes: a following run with more in flight counts them in its ramp-up,
 * which its steady rate leaves out.
 */
export function capacityRun(
  clients: readonly NodeRpcClient[],
  source: TxSource,
  inFlight: number,
  target: number,
  maxMs = Number.POSITIVE_INFINITY,
): Promise<CapacityResult> {
  return new Promise((resolve) => {
    const start = performance.now();
    const latencies: number[] = [];
    const ackedAt: number[] = [];
    let acked = 0;
    let errors = 0;
    let outstanding = 0;
    let sent = 0;
    let firstError: string | undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      const end = performance.now();
      const skip = Math.min(inFlight, Math.floor(acked / 2));
      const window = (ackedAt[acked - 1] ?? end) - (ackedAt[skip - 1] ?? start);
      resolve({
        acked,
        errors,
        elapsedMs: end - start,
        steadyTxPerS: window > 0 ? ((acked - skip) / window) * 1000 : Number.NaN,
        latencies,
        ...(firstError !== undefined ? { firstError } : {}),
      });
    };
    const deadline = setTimeout(finish, Math.min(maxMs, 2 ** 31 - 1));
    const launch = () => {
      while (!done && outstanding < inFlight && source.remaining > 0) {
        const tx = source.take();
        const client = clients[sent++ % clients.length]!;
        const t0 = performance.now();
        outstanding++;
        submit(client, tx, CAPACITY_TIMEOUT_MS).then(
          (r) => {
            outstanding--;
            if (done) return;
            if (r.status === 'acknowledged') {
              acked++;
              const now = performance.now();
              latencies.push(now - t0);
              ackedAt.push(now);
            } else errors++;
            after();
          },
          (e: Error) => {
            outstanding--;
            if (done) return;
            errors++;
            firstError ??= e.message;
            after();
          },
        );
      }
    };
    const after = () => {
      if (acked >= target || (outstanding === 0 && source.remaining === 0)) finish();
      else launch();
    };
    launch();
    if (outstanding === 0) finish();
  });
}
