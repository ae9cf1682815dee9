/**
 * Mining throughput: the ledger's nonce search (`searchNonce`, the loop the node's miner process
 * runs in chunks) against a bare node:crypto double SHA-256 loop, on the same 124-byte header.
 * The gap between them is what the loop costs (nonce writes, target check). The miner process
 * and its IPC belong to the node, whose bench measures them.
 */
import * as crypto from 'node:crypto';
import { HEADER_SIZE } from '../header.js';
import { searchNonce } from '../pow.js';
import { rateOver } from './measure.js';

const IMPOSSIBLE = new Uint8Array(32); // no hash meets it: the search runs its whole range
/** The miner process's chunk (node/src/miner/miner-child.ts). */
const CHUNK = 4096;

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

/** Hashes per second of `searchNonce` in this process, a chunk at a time as the miner runs it. */
export function nonceSearchRate(ms: number): number {
  const header = new Uint8Array(sampleHeader());
  let next = 0;
  return rateOver(ms, CHUNK, () => {
    searchNonce(header, IMPOSSIBLE, next, CHUNK);
    next += CHUNK;
  });
}
