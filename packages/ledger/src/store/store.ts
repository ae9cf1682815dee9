/**
 * The narrow storage interface the chain is written against (after lodestar's db controller):
 * point reads, ordered range reads, and one atomic, durable commit of many writes. The LMDB
 * store is the production implementation; `MemoryStore` runs the same rules in tests.
 */

export interface WriteOp {
  readonly key: Uint8Array;
  /** Undefined deletes the key. */
  readonly value: Uint8Array | undefined;
}

export interface KeyValueStore {
  get(key: Uint8Array): Uint8Array | undefined;
  /** Entries with start ≤ key < end in key order. */
  range(start: Uint8Array, end: Uint8Array): Iterable<readonly [Uint8Array, Uint8Array]>;
  /** Applies every op or none; resolves once the writes are durable. */
  commit(ops: readonly WriteOp[]): Promise<void>;
  close(): Promise<void>;
}
