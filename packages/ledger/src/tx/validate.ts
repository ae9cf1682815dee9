/**
 * Whether a transaction may be applied to a ledger state: signer registered with the right role,
 * record anchored once, grants only by the record's patient, revokes only of a live grant,
 * audit checkpoints contiguous per service key, and no replay. Pure: the state is a read-only view.
 */
import type { Id128, PublicKey, TxId } from '../brand.js';
import { hexToBytes } from '../bytes.js';
import { LedgerError } from '../errors.js';
import { isValidAccountKey } from '../keys.js';
import { assertNever } from '../never.js';
import { AccountRole, type Transaction } from './schema.js';

export interface AccountEntry {
  readonly role: AccountRole;
  readonly subject: Id128 | null;
}
export interface RecordEntry {
  readonly patient: PublicKey;
  readonly creator: PublicKey;
  readonly date: string;
  readonly commitment: string;
  readonly txId: TxId;
}
export interface GrantEntry {
  readonly recordId: Id128;
  readonly grantee: PublicKey;
  readonly grantTx: TxId;
  readonly revokeTx: TxId | null;
}

export interface LedgerView {
  account(key: PublicKey): AccountEntry | undefined;
  record(recordId: Id128): RecordEntry | undefined;
  grant(requestId: Id128): GrantEntry | undefined;
  /** The `to` of the signer's last audit checkpoint, 0 before the first. */
  checkpointEnd(signer: PublicKey): number;
  hasTx(id: TxId): boolean;
}

function fail(
  code: LedgerError['code'],
  id: TxId,
  message: string,
  details: Record<string, string | number> = {},
) {
  return new LedgerError(code, `transaction ${id}: ${message}`, { txId: id, ...details });
}

function requireRole(view: LedgerView, tx: Transaction, id: TxId, role: AccountRole): void {
  const account = view.account(tx.signer);
  if (account === undefined)
    throw fail('TX_UNKNOWN_SIGNER', id, `signer ${tx.signer} is not a registered account`);
  if (account.role !== role) {
    throw fail('TX_WRONG_ROLE', id, `${tx.type} must be signed by a ${role}, signer is a ${account.role}`, {
      role: account.role,
    });
  }
}

export function checkTransaction(view: LedgerView, tx: Transaction, id: TxId): void {
  if (view.hasTx(id)) throw fail('TX_DUPLICATE', id, 'already on the chain (replay)');
  switch (tx.type) {
    case 'account.register': {
      requireRole(view, tx, id, AccountRole.CENTRAL_AUTHORITY);
      if (view.account(tx.body.account) !== undefined) {
        throw fail('TX_ACCOUNT_EXISTS', id, `account ${tx.body.account} is already registered`);
      }
      if (!isValidAccountKey(hexToBytes(tx.body.account))) {
        throw fail(
          'TX_SCHEMA',
          id,
          'body.account is not a valid Ed25519 key (small-order or torsioned point)',
          {
            field: 'body.account',
          },
        );
      }
      return;
    }
    case 'record.anchor': {
      requireRole(view, tx, id, AccountRole.HEALTH_AUTHORITY);
      if (tx.body.creator !== tx.signer) {
        throw fail('TX_WRONG_ROLE', id, `creator ${tx.body.creator} is not the signer ${tx.signer}`);
      }
      const patient = view.account(tx.body.patient);
      if (patient === undefined || patient.role !== AccountRole.PATIENT) {
        throw fail('TX_UNKNOWN_ACCOUNT', id, `patient ${tx.body.patient} is not a registered patient`);
      }
      if (view.record(tx.body.record_id) !== undefined) {
        throw fail('TX_RECORD_EXISTS', id, `record ${tx.body.record_id} is already anchored`);
      }
      return;
    }
    case 'access.grant':
    case 'access.revoke': {
      const record = view.record(tx.body.record_id);
      if (record === undefined)
        throw fail('TX_UNKNOWN_RECORD', id, `record ${tx.body.record_id} is not anchored`);
      if (record.patient !== tx.signer) {
        throw fail(
          'TX_NOT_RECORD_PATIENT',
          id,
          `signer ${tx.signer} is not the patient of record ${tx.body.record_id}`,
        );
      }
      const grant = view.grant(tx.body.request_id);
      if (tx.type === 'access.grant') {
        const grantee = view.account(tx.body.grantee);
        if (grantee === undefined || grantee.role !== AccountRole.HEALTH_AUTHORITY) {
          throw fail(
            'TX_UNKNOWN_ACCOUNT',
            id,
            `grantee ${tx.body.grantee} is not a registered health authority`,
          );
        }
        if (grant !== undefined)
          throw fail('TX_GRANT_EXISTS', id, `request ${tx.body.request_id} already has a grant`);
        return;
      }
      if (
        grant === undefined ||
        grant.revokeTx !== null ||
        grant.recordId !== tx.body.record_id ||
        grant.grantee !== tx.body.grantee
      ) {
        throw fail(
          'TX_UNKNOWN_GRANT',
          id,
          `no live grant of record ${tx.body.record_id} to ${tx.body.grantee} for request ${tx.body.request_id}`,
        );
      }
      return;
    }
    case 'audit.checkpoint': {
      requireRole(view, tx, id, AccountRole.SERVICE);
      const expected = view.checkpointEnd(tx.signer) + 1;
      if (tx.body.from !== expected) {
        throw fail('TX_CHECKPOINT_GAP', id, `checkpoint starts at ${tx.body.from}, want ${expected}`, {
          want: expected,
          got: tx.body.from,
        });
      }
      return;
    }
    default:
      assertNever(tx, 'transaction type');
  }
}
