/**
 * Mining throughput: the Miner's child process against a bare node:crypto double SHA-256 loop in
 * this process, on the same 124-byte header. The gap between them is what the miner's shell
 * (nonce writes, target check, chunking, IPC) costs.
 */
import * as crypto from 'node:crypto';
import { HEADER_SIZE } from '../header.js';
import { Miner } from '../miner/miner.js';
import { rateOver } from './measure.js';

const IMPOSSIBLE = new Uint8Array(32); // no hash meets it: the search runs its whole range

function sampleHeader(): Buffer {
  const header = Buffer.alloc(HEADER_SIZE);
  crypto.randomFillSync(header);
  return header;
}

export function bareSha256dRate(ms: number): number {
  const header = sampleHeader();
  let i = 0;
  return rateOver(ms, 10_000, () => {
    for (let n = 0; n < 10_000; n++) {
      header[91] = i++ & 0xff;
      crypto.hash('sha256', crypto.hash('sha256', header, 'buffer'), 'buffer');
    }
  });
}

/** Hashes per second of the Miner's child (at its usual nice 19), from the hashes it reports. */
export async function minerRate(ms: number): Promise<number> {
  const miner = new Miner();
  try {
    const header = new Uint8Array(sampleHeader());
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
