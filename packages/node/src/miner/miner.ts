/**
 * The miner: a child process searching nonces at the lowest CPU priority, so that mining never
 * starves the node's event loop, the API or the database sharing the machine. One job at a time;
 * a new job or `abort()` (a new tip arrived) ends the current one within one chunk. The process
 * belongs to the node; the search itself is the ledger's pure `searchNonce` (bcoin's split).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { HEADER_SIZE } from '@chartproof/ledger';
import type { FromChild, ToChild } from './miner-messages.js';

/** The miner process could not be started or died with a job in hand; the next mine() respawns it. */
export class MinerError extends Error {
  override readonly name = 'MinerError';
  readonly code = 'MINER_FAILED';
}

export interface MinerJob {
  /** The header to mine; not modified (the child works on a copy). */
  readonly header: Uint8Array;
  /** 32-byte big-endian target. */
  readonly target: Uint8Array;
  readonly startNonce?: number;
  readonly count?: number;
}

export type MinerResult =
  | { readonly found: true; readonly nonce: number; readonly hashes: number }
  | { readonly found: false; readonly hashes: number; readonly reason: 'aborted' | 'exhausted' };

export interface MinerOptions {
  /** Nice value of the child, 19 (lowest priority) by default. */
  readonly priority?: number;
}

interface Pending {
  readonly id: number;
  /** The process the job went to: only its exit fails the job. */
  readonly child: ChildProcess;
  readonly resolve: (r: MinerResult) => void;
  readonly reject: (e: Error) => void;
}

function childScript(): string {
  const here = fileURLToPath(import.meta.url);
  // Compiled, the child sits beside this file; run from TypeScript source (tests), use the build.
  const path = here.endsWith('.ts')
    ? fileURLToPath(new URL('../../dist/miner/miner-child.js', import.meta.url))
    : fileURLToPath(new URL('./miner-child.js', import.meta.url));
  if (!existsSync(path)) {
    throw new MinerError(`miner child script ${path} is missing: run "npm run build" first`);
  }
  return path;
}

export class Miner {
  private child: ChildProcess | null = null;
  private pending: Pending | null = null;
  private nextId = 1;
  private totalHashes = 0;
  private readonly priority: number;

  constructor(options: MinerOptions = {}) {
    this.priority = options.priority ?? 19;
  }

  /** Hashes computed over the miner's life (for hash-rate metrics). */
  get hashes(): number {
    return this.totalHashes;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  mine(job: MinerJob): Promise<MinerResult> {
    if (job.header.length !== HEADER_SIZE) throw new RangeError(`"header" expected ${HEADER_SIZE} bytes`);
    this.abort();
    const child = this.ensureChild();
    const id = this.nextId++;
    return new Promise<MinerResult>((resolve, reject) => {
      this.pending = { id, child, resolve, reject };
      const msg: ToChild = {
        type: 'job',
        id,
        header: job.header,
        target: job.target,
        start: job.startNonce ?? 0,
        count: job.count ?? Number.MAX_SAFE_INTEGER - (job.startNonce ?? 0),
      };
      child.send(msg);
    });
  }

  /** Ends the current job; its promise resolves with `{found: false, reason: 'aborted'}`. */
  abort(): void {
    const p = this.pending;
    if (p === null) return;
    this.pending = null;
    this.child?.send({ type: 'abort', id: p.id } satisfies ToChild);
    p.resolve({ found: false, hashes: 0, reason: 'aborted' });
  }

  async close(): Promise<void> {
    this.abort();
    const child = this.child;
    this.child = null;
    if (child === null || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  private ensureChild(): ChildProcess {
    if (this.child !== null) return this.child;
    const child = fork(childScript(), [], {
      // None of the parent's flags: a test runner's `--conditions chartproof-source` would make
      // the built child resolve `#crypto` to TypeScript source, and `--inspect` would clash.
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, this.priority);
      } catch {
        // Not permitted to lower priority here: mine anyway, at the default priority.
      }
    }
    child.on('message', (msg: FromChild) => {
      this.totalHashes += msg.hashes;
      const p = this.pending;
      if (p === null || p.id !== msg.id) return;
      this.pending = null;
      p.resolve(
        msg.nonce >= 0
          ? { found: true, nonce: msg.nonce, hashes: msg.hashes }
          : { found: false, hashes: msg.hashes, reason: msg.aborted ? 'aborted' : 'exhausted' },
      );
    });
    const fail = (message: string) => {
      if (this.child === child) this.child = null;
      const p = this.pending;
      if (p?.child !== child) return;
      this.pending = null;
      p.reject(new MinerError(message));
    };
    child.on('exit', (code, signal) => fail(`miner process exited (code ${code}, signal ${signal})`));
    // A send to a child that has just died reports here; without a listener the error would
    // be thrown and end the node. The next mine() spawns a new child.
    child.on('error', (e) => {
      fail(`miner process failed: ${e.message}`);
      child.kill('SIGKILL'); // it is no longer this miner's child: make sure it does not linger
    });
    this.child = child;
    return child;
  }
}
