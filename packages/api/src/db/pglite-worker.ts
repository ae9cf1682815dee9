/**
 * The worker thread that holds the embedded PGlite database (see pglite-thread.ts): PGlite runs
 * Postgres compiled to WebAssembly synchronously on the thread that calls it, so on the API's
 * event loop every query stalls every request. Here it stalls only this thread.
 *
 * Protocol (structured clone over the worker's port): the thread posts `{ready: true}` once the
 * database is open, or `{fatal}`; then answers each `{id, sql, params}` with `{id, rows,
 * affectedRows}` or `{id, error}`, and `{id, close: true}` with `{id, closed: true}` after closing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { type FromWorker, INT8, serializeError, type ToWorker, type WorkerInit } from './pglite-protocol.js';

const port = parentPort;
if (port === null) throw new Error('pglite-worker.js runs as a worker thread');
const init = workerData as WorkerInit;

try {
  const lite = await PGlite.create({
    dataDir: init.dataDir,
    // int8 holds audit sequence numbers: far below 2^53, so plain numbers.
    parsers: { [INT8]: (v: string) => Number(v) },
  });
  port.on('message', (m: ToWorker) => {
    const reply = (msg: FromWorker) => port.postMessage(msg);
    if ('close' in m) {
      void lite.close().then(
        () => reply({ id: m.id, closed: true }),
        (e: unknown) => reply({ id: m.id, error: serializeError(e) }),
      );
      return;
    }
    lite.query(m.sql, [...m.params]).then(
      (r) =>
        reply({
          id: m.id,
          rows: r.rows as unknown[],
          ...(r.affectedRows !== undefined ? { affectedRows: r.affectedRows } : {}),
        }),
      (e: unknown) => reply({ id: m.id, error: serializeError(e) }),
    );
  });
  port.postMessage({ ready: true } satisfies FromWorker);
} catch (e) {
  port.postMessage({ fatal: serializeError(e) } satisfies FromWorker);
}
