/**
 * The narrow storage interface the chain is written against (after lodestar's db controller):
 * point reads, ordered range reads, and one atomic, durable commit of many writes. The LMDB
 * store is the production implementation; `MemoryStore` runs the same rules in tests.
 */
import { assertBytes } from '../bytes.js';

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

/**
 * LMDB's compiled-in default key limit; every store refuses longer keys so that code tested on
 * the memory store cannot write a key the disk store would reject.
 */
export const MAX_KEY_BYTES = 511;

/**
 * Checks a whole batch before any of it is written, so that a bad op refuses the commit instead
 * of leaving the ops before it applied.
 */
export function assertWriteOps(ops: readonly WriteOp[]): void {
  for (const [i, op] of ops.entries()) {
    assertBytes(`ops[${i}].key`, op.key);
    if (op.key.length === 0 || op.key.length > MAX_KEY_BYTES) {
      throw new RangeError(
        `"ops[${i}].key" expected Uint8Array of length 1..${MAX_KEY_BYTES}, got length=${op.key.length}`,
      );
    }
    if (op.value !== undefined) assertBytes(`ops[${i}].value`, op.value);
  }
}
