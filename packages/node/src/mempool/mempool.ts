/**
 * The mempool: transactions checked (schema, signature, rules against the best chain plus the
 * pending ones before them) and waiting to be mined. De-duplicated by id, bounded in count and
 * bytes, in arrival order — which is also dependency order, since each was checked against those
 * before it. After every new tip it is rebuilt against the new state: mined transactions leave,
 * transactions of abandoned blocks come back first, and any that no longer fit are dropped.
 *
 * Signatures are checked once per node: the ids of checked transactions are remembered (also
 * after they are mined, in a bounded set) so a block holding them skips the check.
 */
import {
  canonicalBytes,
  isLedgerError,
  LedgerError,
  type LedgerView,
  PendingState,
  signatureKey,
  type Transaction,
  type TxId,
  txId,
  verifyTransactionSignature,
} from '@chartproof/ledger';

export interface MempoolOptions {
  readonly maxTxs: number;
  readonly maxBytes: number;
  /** How many verified ids to remember after their transactions leave the pool. */
  readonly verifiedCacheSize: number;
}

export const defaultMempoolOptions: MempoolOptions = {
  maxTxs: 50_000,
  maxBytes: 64 * 1024 * 1024,
  verifiedCacheSize: 200_000,
};

interface Entry {
  readonly tx: Transaction;
  readonly id: TxId;
  readonly size: number;
  readonly added: number;
}

export type AddOutcome =
  | { readonly status: 'added'; readonly id: TxId }
  | { readonly status: 'known'; readonly id: TxId }
  | {
      readonly status: 'rejected';
      readonly id: TxId;
      readonly error: LedgerError;
      readonly peerFault: boolean;
    };

export class Mempool {
  private readonly entries = new Map<TxId, Entry>();
  private bytes = 0;
  private pending: PendingState;
  /** Keys `signatureKey(id, sig)` of signatures checked here. */
  private readonly verified = new Set<string>();

  constructor(
    private readonly genesisHash: Uint8Array,
    private base: LedgerView,
    private readonly options: MempoolOptions = defaultMempoolOptions,
  ) {
    this.pending = new PendingState(base);
  }

  get size(): number {
    return this.entries.size;
  }

  get byteSize(): number {
    return this.bytes;
  }

  has(id: TxId): boolean {
    return this.entries.has(id);
  }

  get(id: TxId): Transaction | undefined {
    return this.entries.get(id)?.tx;
  }

  /** For `Chain.addBlock`: signatures that need no second check. */
  get verifiedSignatures(): { has(key: string): boolean } {
    return this.verified;
  }

  /** Adds a parsed transaction. `peerFault` tells the network whether to penalise the sender. */
  add(tx: Transaction, now = Date.now(), id = txId(tx, this.genesisHash)): AddOutcome {
    if (this.entries.has(id)) return { status: 'known', id };
    if (this.base.hasTx(id)) return { status: 'known', id };
    const sigKey = signatureKey(id, tx.sig);
    if (!this.verified.has(sigKey)) {
      if (!verifyTransactionSignature(tx, this.genesisHash)) {
        return { status: 'rejected', id, error: err('TX_BAD_SIGNATURE', id), peerFault: true };
      }
      this.remember(sigKey);
    }
    const size = canonicalBytes(tx).length;
    if (this.entries.size >= this.options.maxTxs || this.bytes + size > this.options.maxBytes) {
      return { status: 'rejected', id, error: err('TX_TOO_LARGE', id, 'mempool is full'), peerFault: false };
    }
    try {
      this.pending.add(tx, id);
    } catch (e) {
      if (isLedgerError(e)) return { status: 'rejected', id, error: e, peerFault: false };
      throw e;
    }
    this.entries.set(id, { tx, id, size, added: now });
    this.bytes += size;
    return { status: 'added', id };
  }

  /** Transactions for the next block, in order, within the block limits. */
  select(maxTxs: number, maxBytes: number): Array<{ tx: Transaction; id: TxId }> {
    const out: Array<{ tx: Transaction; id: TxId }> = [];
    let bytes = 0;
    for (const e of this.entries.values()) {
      if (out.length >= maxTxs || bytes + e.size > maxBytes) break;
      out.push({ tx: e.tx, id: e.id });
      bytes += e.size;
    }
    return out;
  }

  /**
   * Re-checks the pool against a new best-chain state. `returned` (transactions of abandoned
   * blocks) go first. Returns how many were dropped as no longer valid.
   */
  rebuild(base: LedgerView, returned: readonly Transaction[] = []): { dropped: number; returned: number } {
    const old: Entry[] = [
      ...returned.map((tx) => ({
        tx,
        id: txId(tx, this.genesisHash),
        size: canonicalBytes(tx).length,
        added: 0,
      })),
      ...this.entries.values(),
    ];
    this.base = base;
    this.pending = new PendingState(base);
    this.entries.clear();
    this.bytes = 0;
    let dropped = 0;
    let back = 0;
    for (const [i, e] of old.entries()) {
      if (this.entries.has(e.id) || base.hasTx(e.id)) continue;
      try {
        this.pending.add(e.tx, e.id);
      } catch (err) {
        if (!isLedgerError(err)) throw err;
        dropped++;
        continue;
      }
      this.entries.set(e.id, e);
      this.bytes += e.size;
      if (i < returned.length) back++;
    }
    return { dropped, returned: back };
  }

  private remember(key: string): void {
    if (this.verified.size >= this.options.verifiedCacheSize) {
      // Forget the oldest: a Set iterates in insertion order.
      this.verified.delete(this.verified.values().next().value!);
    }
    this.verified.add(key);
  }

  /** Remembers the signatures of a block that the chain has checked. */
  markVerified(block: { readonly txs: readonly Transaction[]; readonly txIds: readonly TxId[] }): void {
    for (const [i, tx] of block.txs.entries()) this.remember(signatureKey(block.txIds[i]!, tx.sig));
  }
}

function err(
  code: 'TX_BAD_SIGNATURE' | 'TX_TOO_LARGE',
  id: TxId,
  message = 'signature does not verify',
): LedgerError {
  return new LedgerError(code, `transaction ${id}: ${message}`, { txId: id });
}
