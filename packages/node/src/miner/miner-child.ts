/**
 * The miner process: runs `searchNonce` over one reused header buffer in chunks, yielding to its
 * event loop between chunks so an abort (a new tip arrived) takes effect within one chunk.
 * A thin shell: the loop itself is the ledger's pow.ts.
 */
import { searchNonce } from '@chartproof/ledger';
import type { FromChild, JobMessage, ToChild } from './miner-messages.js';

// ~10 ms at this machine's rate: short enough for a prompt abort, long enough that yielding costs nothing.
const CHUNK = 4096;

let current: JobMessage | null = null;
let aborted = new Set<number>();

/**
 * When the node dies (SIGKILL), an answer may meet a closed channel before 'disconnect' arrives:
 * without a callback the failure is an unhandled 'error' event, whose EPIPE stack trace lands on
 * the node's console (the child shares its stderr). The node is gone, so the child leaves quietly.
 */
function send(msg: FromChild): void {
  if (!process.connected) leave();
  process.send?.(msg, undefined, {}, (e: Error | null) => {
    if (e !== null) leave();
  });
}

function leave(): never {
  process.exit(0);
}

function run(job: JobMessage): void {
  const header = new Uint8Array(job.header);
  let next = job.start;
  const end = job.start + job.count;
  const step = () => {
    // Superseded or aborted: report the hashes done anyway, the parent's rate metric counts them.
    if (current !== job || aborted.has(job.id)) {
      if (current === job) current = null;
      send({ type: 'result', id: job.id, nonce: -1, hashes: next - job.start, aborted: true });
      return;
    }
    const count = Math.min(CHUNK, end - next);
    const nonce = searchNonce(header, job.target, next, count);
    if (nonce >= 0 || next + count >= end) {
      current = null;
      const hashes = (nonce >= 0 ? nonce + 1 : next + count) - job.start;
      send({ type: 'result', id: job.id, nonce, hashes, aborted: false });
      return;
    }
    next += count;
    setImmediate(step);
  };
  setImmediate(step);
}

process.on('message', (msg: ToChild) => {
  if (msg.type === 'abort') {
    aborted.add(msg.id);
    if (current?.id !== msg.id) send({ type: 'result', id: msg.id, nonce: -1, hashes: 0, aborted: true });
    return;
  }
  aborted = new Set();
  current = msg;
  run(msg);
});

process.on('disconnect', leave);
