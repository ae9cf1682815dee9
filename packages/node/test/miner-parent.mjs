// A stand-in for a node, for miner.int.test.ts: forks the built miner child as Miner does, prints
// its PID, and on a line on stdin sends it requests that each want an answer, then SIGKILLs itself.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../dist/miner/miner-child.js', import.meta.url));
const child = fork(script, [], {
  execArgv: [],
  serialization: 'advanced',
  stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
});
child.on('message', () => {});
child.on('spawn', () => process.stdout.write(`${child.pid}\n`));
process.stdin.once('data', () => {
  // Aborts of jobs the child does not hold: it answers each at once, on a channel about to die.
  for (let id = 1; id <= 200; id++) child.send({ type: 'abort', id });
  process.kill(process.pid, 'SIGKILL');
});
