/**
 * The durable store on LMDB: a memory-mapped B+tree with copy-on-write pages, so a commit is
 * atomic and a process killed mid-write reopens at the last commit. Each `commit` is one LMDB
 * transaction, synced to disk before its promise resolves (overlappingSync off: an acknowledged
 * block must survive a power cut, not only a process crash). This is the ledger's only I/O.
 */
import { mkdirSync } from 'node:fs';
import { open, type RootDatabase } from 'lmdb';
import { LedgerError } from '../errors.js';
import { assertWriteOps, type KeyValueStore, type WriteOp } from './store.js';

export interface LmdbStoreOptions {
  /** Directory of the database; created if missing. */
  path: string;
  /** Upper bound of the memory map; LMDB grows the file on demand up to it. */
  mapSizeBytes?: number;
}

const asBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

export class LmdbStore implements KeyValueStore {
  private readonly db: RootDatabase<Buffer, Buffer>;
  private closed = false;

  constructor(options: LmdbStoreOptions) {
    mkdirSync(options.path, { recursive: true, mode: 0o700 });
    this.db = open<Buffer, Buffer>({
      path: options.path,
      keyEncoding: 'binary',
      encoding: 'binary',
      compression: false,
      overlappingSync: false,
      noSync: false,
      mapSize: options.mapSizeBytes ?? 64 * 1024 ** 3,
    });
  }

  get(key: Uint8Array): Uint8Array | undefined {
    this.assertOpen();
    return this.db.get(asBuffer(key));
  }

  *range(start: Uint8Array, end: Uint8Array): Iterable<readonly [Uint8Array, Uint8Array]> {
    this.assertOpen();
    for (const { key, value } of this.db.getRange({ start: asBuffer(start), end: asBuffer(end) })) {
      yield [key, value] as const;
    }
  }

  async commit(ops: readonly WriteOp[]): Promise<void> {
    this.assertOpen();
    assertWriteOps(ops);
    // A child transaction, not `transaction`: lmdb-js batches the callbacks of one event turn
    // into one LMDB transaction and, for a plain callback that throws (map full, say), still
    // commits the writes it made before throwing. A child transaction is aborted as a whole.
    // Either way the promise resolves only after the batch is synced (overlappingSync off).
    await this.db.childTransaction(() => {
      for (const op of ops) {
        if (op.value === undefined) this.db.remove(asBuffer(op.key));
        else this.db.put(asBuffer(op.key), asBuffer(op.value));
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }

  private assertOpen() {
    if (this.closed) throw new LedgerError('STORE_CLOSED', 'store is closed');
  }
}
