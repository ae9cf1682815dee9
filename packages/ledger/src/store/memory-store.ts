/** An in-memory KeyValueStore for tests: the same contract as LMDB, without a disk. */
import { bytesToHex, hexToBytes } from '../bytes.js';
import { LedgerError } from '../errors.js';
import { assertWriteOps, type KeyValueStore, type WriteOp } from './store.js';

export class MemoryStore implements KeyValueStore {
  private readonly data = new Map<string, Uint8Array>();
  private closed = false;

  get(key: Uint8Array): Uint8Array | undefined {
    this.assertOpen();
    return this.data.get(bytesToHex(key));
  }

  *range(start: Uint8Array, end: Uint8Array): Iterable<readonly [Uint8Array, Uint8Array]> {
    this.assertOpen();
    const lo = bytesToHex(start);
    const hi = bytesToHex(end);
    // Hex of equal-prefix byte strings sorts like the bytes themselves.
    const keys = [...this.data.keys()].filter((k) => k >= lo && k < hi).sort();
    for (const k of keys) yield [hexToBytes(k), this.data.get(k)!] as const;
  }

  async commit(ops: readonly WriteOp[]): Promise<void> {
    this.assertOpen();
    assertWriteOps(ops); // nothing below can throw, so the batch applies whole
    for (const op of ops) {
      if (op.value === undefined) this.data.delete(bytesToHex(op.key));
      else this.data.set(bytesToHex(op.key), Uint8Array.from(op.value)); // a copy even of a Buffer
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private assertOpen() {
    if (this.closed) throw new LedgerError('STORE_CLOSED', 'store is closed');
  }
}
