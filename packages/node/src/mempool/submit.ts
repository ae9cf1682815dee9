/**
 * A client's transaction: parsed against the genesis limits, into the mempool and announced to
 * peers, then answered at once (`wait: 'mempool'`) or once a quorum of validators acknowledges
 * its block (`wait: 'ack'`, or a TIMEOUT error after `timeoutMs`, the transaction staying).
 */
import {
  type BlockHash,
  type Genesis,
  type PublicKey,
  parseTransaction,
  type TxId,
} from '@chartproof/ledger';
import type { Acknowledged } from '../ack/ack-book.js';
import type { Mempool } from './mempool.js';

export interface SubmitResult {
  readonly tx_id: TxId;
  readonly status: 'acknowledged' | 'pending';
  readonly block_hash?: BlockHash;
  readonly height?: number;
  readonly acknowledged_by?: readonly PublicKey[];
}

export type Submit = (json: unknown, wait?: 'ack' | 'mempool', timeoutMs?: number) => Promise<SubmitResult>;

export interface SubmitDeps {
  readonly genesis: Genesis;
  readonly mempool: Pick<Mempool, 'add'>;
  readonly acknowledged: (id: TxId) => Acknowledged | null;
  readonly waitForAck: (id: TxId, timeoutMs: number) => Promise<Acknowledged>;
  /** A new transaction entered the mempool: announce it, wake the miner. */
  readonly onAdded: (id: TxId) => void;
  readonly onSubmitted: () => void;
}

export function submitter(deps: SubmitDeps): Submit {
  return async (json, wait = 'ack', timeoutMs = 60_000) => {
    const tx = parseTransaction(json, deps.genesis.params.max_tx_bytes);
    deps.onSubmitted();
    const outcome = deps.mempool.add(tx);
    if (outcome.status === 'rejected') throw outcome.error;
    if (outcome.status === 'added') deps.onAdded(outcome.id);
    const id = outcome.id;
    const done = deps.acknowledged(id);
    if (done !== null) return done;
    if (wait === 'mempool') return { tx_id: id, status: 'pending' };
    return deps.waitForAck(id, timeoutMs);
  };
}
