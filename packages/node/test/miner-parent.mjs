// A stand-in for a node, for miner.int.test.ts: keeps the built Miner busy with one-chunk jobs
// (each ends in an answer, as a found nonce does), prints the child's PID, and on a line on stdin
// SIGKILLs itself, most likely while the child is hashing a job it will answer.
import { Miner } from '../dist/miner/miner.js';

const miner = new Miner();
const header = new Uint8Array(124);
const impossible = new Uint8Array(32);
let printed = false;
for (;;) {
  const job = miner.mine({ header, target: impossible, count: 4096 });
  if (!printed) {
    process.stdout.write(`${miner.pid}\n`);
    printed = true;
    process.stdin.once('data', () => process.kill(process.pid, 'SIGKILL'));
  }
  await job;
}
