/**
 * The ledger state derived from the best chain: accounts, anchored records, grants, audit
 * checkpoints and the location of every transaction. Applying and reverting are exact inverses
 * and need no undo log: each transaction carries everything needed to take it back.
 *
 * A state may sit on a `base` view that it falls back to for lookups: the mempool's pending
 * state is such an overlay on the best chain (see pending-state.ts).
 */
import type { BlockHash, Id128, PublicKey, TxId } from './brand.js';
import { bytesToHex, utf8ToBytes } from './bytes.js';
import { sha256 } from './hash.js';
import { canonicalJson } from './jcs.js';
import { assertNever } from './never.js';
import { AccountRole, type Transaction } from './tx/schema.js';
import {
  type AccountEntry,
  checkTransaction,
  type GrantEntry,
  type LedgerView,
  type RecordEntry,
} from './tx/validate.js';

export interface TxLocation {
  readonly blockHash: BlockHash;
  readonly height: number;
  readonly index: number;
}

export class LedgerState implements LedgerView {
  readonly accounts = new Map<PublicKey, AccountEntry>();
  readonly records = new Map<Id128, RecordEntry>();
  readonly patientRecords = new Map<PublicKey, Id128[]>();
  readonly grants = new Map<Id128, GrantEntry>();
  readonly checkpoints = new Map<PublicKey, number>();
  readonly txs = new Map<TxId, TxLocation>();

  constructor(
    centralAuthority: PublicKey | null,
    private readonly base?: LedgerView,
  ) {
    if (centralAuthority !== null) {
      this.accounts.set(centralAuthority, { role: AccountRole.CENTRAL_AUTHORITY, subject: null });
    }
  }

  account(key: PublicKey) {
    return this.accounts.get(key) ?? this.base?.account(key);
  }
  record(recordId: Id128) {
    return this.records.get(recordId) ?? this.base?.record(recordId);
  }
  grant(requestId: Id128) {
    return this.grants.get(requestId) ?? this.base?.grant(requestId);
  }
  checkpointEnd(signer: PublicKey) {
    return this.checkpoints.get(signer) ?? this.base?.checkpointEnd(signer) ?? 0;
  }
  hasTx(id: TxId) {
    return this.txs.has(id) || (this.base?.hasTx(id) ?? false);
  }

  check(tx: Transaction, id: TxId): void {
    checkTransaction(this, tx, id);
  }

  /** Applies a transaction already checked against this state. */
  apply(tx: Transaction, id: TxId, at: TxLocation): void {
    switch (tx.type) {
      case 'account.register':
        this.accounts.set(tx.body.account, { role: tx.body.role, subject: tx.body.subject });
        break;
      case 'record.anchor': {
        const { record_id, patient, creator, date, commitment } = tx.body;
        this.records.set(record_id, { patient, creator, date, commitment, txId: id });
        const list = this.patientRecords.get(patient);
        if (list === undefined) this.patientRecords.set(patient, [record_id]);
        else list.push(record_id);
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
      case 'access.revoke': {
        const grant = this.grant(tx.body.request_id)!;
        this.grants.set(tx.body.request_id, { ...grant, revokeTx: id });
        break;
      }
      case 'audit.checkpoint':
        this.checkpoints.set(tx.signer, tx.body.to);
        break;
      default:
        assertNever(tx, 'transaction type');
    }
    this.txs.set(id, at);
  }

  /** Takes back the most recently applied transaction; blocks revert theirs in reverse order. */
  revert(tx: Transaction, id: TxId): void {
    switch (tx.type) {
      case 'account.register':
        this.accounts.delete(tx.body.account);
        break;
      case 'record.anchor': {
        this.records.delete(tx.body.record_id);
        const list = this.patientRecords.get(tx.body.patient)!;
        list.pop();
        if (list.length === 0) this.patientRecords.delete(tx.body.patient);
        break;
      }
      case 'access.grant':
        this.grants.delete(tx.body.request_id);
        break;
      case 'access.revoke': {
        const grant = this.grants.get(tx.body.request_id)!;
        this.grants.set(tx.body.request_id, { ...grant, revokeTx: null });
        break;
      }
      case 'audit.checkpoint':
        if (tx.body.from === 1) this.checkpoints.delete(tx.signer);
        else this.checkpoints.set(tx.signer, tx.body.from - 1);
        break;
      default:
        assertNever(tx, 'transaction type');
    }
    this.txs.delete(id);
  }

  /** A hash of the whole state, for tests and for comparing nodes: equal iff the states are. */
  digest(): string {
    const sorted = <V>(m: Map<string, V>) =>
      [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return bytesToHex(
      sha256(
        utf8ToBytes(
          canonicalJson({
            accounts: sorted(this.accounts),
            records: sorted(this.records),
            patientRecords: sorted(this.patientRecords),
            grants: sorted(this.grants),
            checkpoints: sorted(this.checkpoints),
            txs: sorted(this.txs),
          }),
        ),
      ),
    );
  }
}
