/**
 * A ledger view of the best chain's state plus transactions not yet mined, for the mempool: a
 * transaction that depends on another still waiting (an anchor for a patient registered a moment
 * ago) is checked against both. An overlay LedgerState; it is rebuilt after each new tip.
 */
import type { BlockHash, TxId } from './brand.js';
import { LedgerState, type TxLocation } from './state.js';
import type { Transaction } from './tx/schema.js';
import type { LedgerView } from './tx/validate.js';

/** Where a pending transaction "is": nowhere yet. */
export const PENDING: TxLocation = Object.freeze({ blockHash: '' as BlockHash, height: -1, index: -1 });

export class PendingState extends LedgerState {
  constructor(base: LedgerView) {
    super(null, base);
  }

  /** Checks `tx` against chain and pending state and, if valid, adds its effects. */
  add(tx: Transaction, id: TxId): void {
    this.check(tx, id);
    this.apply(tx, id, PENDING);
  }
}
