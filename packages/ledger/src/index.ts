export * from './ack.js';
export * from './block.js';
export * from './brand.js';
export * from './bytes.js';
export * from './chain-state.js';
export * from './commitment.js';
export { nextBits, type RetargetPoint } from './difficulty.js';
export * from './errors.js';
export * from './fork-choice.js';
export * from './genesis.js';
export { sha256, sha256d, Tags, taggedHash } from './hash.js';
export * from './header.js';
export { canonicalBytes, canonicalJson, type JsonValue } from './jcs.js';
export * from './keys.js';
export * from './merkle.js';
export { assertNever } from './never.js';
export { PendingState } from './pending-state.js';
export * from './pow.js';
export * from './receipt.js';
export { LedgerState, type TxLocation } from './state.js';
export * from './store/layout.js';
export { LmdbStore, type LmdbStoreOptions } from './store/lmdb-store.js';
export { MemoryStore } from './store/memory-store.js';
export * from './store/migrate.js';
export type { KeyValueStore, WriteOp } from './store/store.js';
export { checkTimestamp, medianTimePast } from './timestamp.js';
export * from './tx/schema.js';
export * from './tx/signing.js';
export {
  type AccountEntry,
  checkTransaction,
  type GrantEntry,
  type LedgerView,
  type RecordEntry,
} from './tx/validate.js';
