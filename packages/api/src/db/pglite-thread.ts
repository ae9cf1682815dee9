/**
 * Embedded PGlite in a worker thread of its own (pglite-worker.ts), seen from the API's thread as
 * one asynchronous `query`. PGlite executes Postgres (WebAssembly) synchronously on its caller's
 * thread: in-process it held the API's event loop for the length of every query, so under load
 * requests queued behind the database. The database, its files and its crash behaviour are
 * unchanged: the worker is a thread of the same process (a SIGKILL ends both), and a query is
 * answered only after PGlite has executed it, a commit having reached the file system.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { deserializeError, type FromWorker, type ToWorker, type WorkerInit } from './pglite-protocol.js';

/** What the Kysely dialect needs of an embedded database. */
export interface EmbeddedPostgres {
  query<R>(sql: string, params: readonly unknown[]): Promise<{ rows: R[]; affectedRows?: number }>;
  close(): Promise<void>;
}

function workerScript(): URL {
  // Compiled, the worker sits beside this file; run from TypeScript source (tests), use the build.
  const url = import.meta.url.endsWith('.ts')
    ? new URL('../../dist/db/pglite-worker.js', import.meta.url)
    : new URL('./pglite-worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(url))) {
    throw new Error(`PGlite worker script ${fileURLToPath(url)} is missing: run "npm run build" first`);
  }
  return url;
}

interface Pending {
  resolve(v: { rows: unknown[]; affectedRows?: number } | undefined): void;
  reject(e: Error): void;
}

export class PGliteThread implements EmbeddedPostgres {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: FromWorker) => {
      if (!('id' in m)) return;
      const p = this.pending.get(m.id);
      if (p === undefined) return;
      this.pending.delete(m.id);
      if ('error' in m) p.reject(deserializeError(m.error));
      else if ('rows' in m)
        p.resolve({
          rows: m.rows,
          ...(m.affectedRows !== undefined ? { affectedRows: m.affectedRows } : {}),
        });
      else p.resolve(undefined);
    });
    const fail = (e: Error) => {
      this.failure ??= e;
      for (const p of this.pending.values()) p.reject(this.failure);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the PGlite worker thread exited (${code})`)));
  }

  /** Starts the thread and opens the database in `dataDir` (a directory, or `memory://`). */
  static async open(dataDir: string): Promise<PGliteThread> {
    const worker = new Worker(workerScript(), { workerData: { dataDir } satisfies WorkerInit });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (m: FromWorker) => {
        if ('ready' in m) done(null);
        else if ('fatal' in m) done(deserializeError(m.fatal));
      };
      const onError = (e: Error) => done(e);
      const onExit = (code: number) =>
        done(new Error(`the PGlite worker thread exited (${code}) while opening`));
      const done = (e: Error | null) => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (e === null) resolve();
        else {
          void worker.terminate();
          reject(e);
        }
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    });
    return new PGliteThread(worker);
  }

  private send(message: ToWorker): Promise<{ rows: unknown[]; affectedRows?: number } | undefined> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.set(message.id, { resolve, reject });
      this.worker.postMessage(message);
    });
  }

  async query<R>(sql: string, params: readonly unknown[]): Promise<{ rows: R[]; affectedRows?: number }> {
    const r = await this.send({ id: this.nextId++, sql, params });
    return r as { rows: R[]; affectedRows?: number };
  }

  /** Closes the database (a clean shutdown of Postgres), then ends the thread. */
  async close(): Promise<void> {
    if (this.failure === null) await this.send({ id: this.nextId++, close: true });
    await this.worker.terminate();
  }
}
