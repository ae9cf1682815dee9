/**
 * A ledger view of the best chain's state plus transactions not yet mined, for the mempool: a
 * transaction that depends on another still waiting (an anchor for a patient registered a moment
 * ago) is checked against both. The overlay only ever adds; it is rebuilt after each new tip.
 */
import type { Id128, PublicKey, TxId } from './brand.js';
import type { Transaction } from './tx/schema.js';
import {
  type AccountEntry,
  checkTransaction,
  type GrantEntry,
  type LedgerView,
  type RecordEntry,
} from './tx/validate.js';

export class PendingState implements LedgerView {
  private readonly accounts = new Map<PublicKey, AccountEntry>();
  private readonly records = new Map<Id128, RecordEntry>();
  private readonly grants = new Map<Id128, GrantEntry>();
  private readonly checkpoints = new Map<PublicKey, number>();
  private readonly txs = new Set<TxId>();

  constructor(private readonly base: LedgerView) {}

  account(key: PublicKey) {
    return this.accounts.get(key) ?? this.base.account(key);
  }
  record(recordId: Id128) {
    return this.records.get(recordId) ?? this.base.record(recordId);
  }
  grant(requestId: Id128) {
    return this.grants.get(requestId) ?? this.base.grant(requestId);
  }
  checkpointEnd(signer: PublicKey) {
    return this.checkpoints.get(signer) ?? this.base.checkpointEnd(signer);
  }
  hasTx(id: TxId) {
    return this.txs.has(id) || this.base.hasTx(id);
  }

  /** Checks `tx` against chain and pending state and, if valid, adds its effects. */
  add(tx: Transaction, id: TxId): void {
    checkTransaction(this, tx, id);
    switch (tx.type) {
      case 'account.register':
        this.accounts.set(tx.body.account, { role: tx.body.role, subject: tx.body.subject });
        break;
      case 'record.anchor': {
        const { record_id, patient, creator, date, commitment } = tx.body;
        this.records.set(record_id, { patient, creator, date, commitment, txId: id });
        break;
      }
      case 'access.grant':
        this.grants.set(tx.body.request_id, {
          recordId: tx.body.record_id,
          grantee: tx.body.grantee,
          grantTx: id,
          revokeTx: null,
        });
        break;
      case 'access.revoke':
        this.grants.set(tx.body.request_id, { ...this.grant(tx.body.request_id)!, revokeTx: id });
        break;
      case 'audit.checkpoint':
        this.checkpoints.set(tx.signer, tx.body.to);
        break;
    }
    this.txs.add(id);
  }
}
