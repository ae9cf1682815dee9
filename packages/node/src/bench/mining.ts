/**
 * The miner process's hash rate (nice 19, jobs over IPC) against a bare double SHA-256 loop in
 * this process: what the process shell costs over the ledger's nonce search.
 */
import { HEADER_SIZE } from '@chartproof/ledger';
import { bareSha256dRate } from '@chartproof/ledger/bench';
import { Miner } from '../miner/miner.js';

const IMPOSSIBLE = new Uint8Array(32); // no hash meets it: the search runs its whole range

/** Hashes per second of the Miner's child, from the hashes it reports. */
export async function minerRate(ms: number): Promise<number> {
  const miner = new Miner();
  try {
    const header = crypto.getRandomValues(new Uint8Array(HEADER_SIZE));
    // Calibrate (this also spawns the child and warms its JIT), then one job sized to `ms`.
    const probe = 200_000;
    let t = performance.now();
    await miner.mine({ header, target: IMPOSSIBLE, count: probe });
    const estimate = (probe / (performance.now() - t)) * 1000;
    const count = Math.max(probe, Math.round((estimate * ms) / 1000));
    t = performance.now();
    const r = await miner.mine({ header, target: IMPOSSIBLE, count, startNonce: probe });
    return (r.hashes / (performance.now() - t)) * 1000;
  } finally {
    await miner.close();
  }
}

/** Alternating rounds, best of each: neighbours on a shared VM swing a single sample by a third. */
export async function miningFigures(rounds: number, ms: number) {
  const bares: number[] = [];
  const miners: number[] = [];
  for (let i = 0; i < rounds; i++) {
    bares.push(bareSha256dRate(ms));
    miners.push(await minerRate(ms));
  }
  return { bare: Math.max(...bares), miner: Math.max(...miners), miners };
}
