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
  hashLeaf,
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
  /** Its Merkle leaf hash, kept so the miner's frequent templates need not hash it again. */
  readonly leaf: Uint8Array;
  readonly added: number;
}

/** A transaction picked for a block, with what a template needs of it. */
export interface Selected {
  readonly tx: Transaction;
  readonly id: TxId;
  readonly leaf: Uint8Array;
}

function entryOf(tx: Transaction, id: TxId, added: number): Entry {
  const bytes = canonicalBytes(tx);
  return { tx, id, size: bytes.length, leaf: hashLeaf(bytes), added };
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
  /** Mined transactions whose effects the overlay still holds (see `removeMined`). */
  private minedInOverlay = 0;
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
    const entry = entryOf(tx, id, now);
    if (this.entries.size >= this.options.maxTxs || this.bytes + entry.size > this.options.maxBytes) {
      return { status: 'rejected', id, error: err('TX_TOO_LARGE', id, 'mempool is full'), peerFault: false };
    }
    try {
      this.pending.add(tx, id);
    } catch (e) {
      if (isLedgerError(e)) return { status: 'rejected', id, error: e, peerFault: false };
      throw e;
    }
    this.entries.set(id, entry);
    this.bytes += entry.size;
    return { status: 'added', id };
  }

  /** Transactions for the next block, in order, within the block limits. */
  select(maxTxs: number, maxBytes: number): Selected[] {
    const out: Selected[] = [];
    let bytes = 0;
    for (const e of this.entries.values()) {
      if (out.length >= maxTxs || bytes + e.size > maxBytes) break;
      out.push({ tx: e.tx, id: e.id, leaf: e.leaf });
      bytes += e.size;
    }
    return out;
  }

  /**
   * Re-checks the pool against a new best-chain state. `returned` (transactions of abandoned
   * blocks) go first. Returns how many were dropped as no longer valid.
   *
   * `mined`, given when the tip only moved forward (no reorg) on the same `base` object, lists the
   * blocks just connected. If every transaction in them was in the pool, they simply leave it and
   * the rest are not checked again: the pending overlay already holds the effects of the whole
   * pool, of which the chain now holds a subset, and each remaining transaction stays valid in
   * pool order (what it needed is on the chain or before it in the pool; nothing it conflicts
   * with can be in a block that was valid together with the pool). A block holding anything
   * else takes the full re-check.
   */
  rebuild(
    base: LedgerView,
    returned: readonly Transaction[] = [],
    mined?: readonly { readonly txIds: readonly TxId[] }[],
  ): { dropped: number; returned: number } {
    if (returned.length === 0 && base === this.base && mined !== undefined && this.removeMined(mined)) {
      return { dropped: 0, returned: 0 };
    }
    const old: Entry[] = [
      ...returned.map((tx) => entryOf(tx, txId(tx, this.genesisHash), 0)),
      ...this.entries.values(),
    ];
    this.base = base;
    this.pending = new PendingState(base);
    this.minedInOverlay = 0;
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

  /**
   * The fast path of `rebuild`: false, with nothing changed, unless every mined transaction is here;
   * false also, once they are removed, when the overlay is due for a full rebuild.
   * The overlay keeps the mined ones' effects (the chain state has the same), so it is renewed
   * once the pool is empty, or fully rebuilt once it holds more than `maxTxs` of them.
   */
  private removeMined(blocks: readonly { readonly txIds: readonly TxId[] }[]): boolean {
    for (const b of blocks) for (const id of b.txIds) if (!this.entries.has(id)) return false;
    for (const b of blocks) {
      for (const id of b.txIds) {
        const e = this.entries.get(id);
        if (e === undefined) continue;
        this.entries.delete(id);
        this.bytes -= e.size;
        this.minedInOverlay++;
      }
    }
    if (this.entries.size === 0) {
      this.pending = new PendingState(this.base);
      this.minedInOverlay = 0;
      return true;
    }
    return this.minedInOverlay <= this.options.maxTxs;
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
