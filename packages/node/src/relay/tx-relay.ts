/**
 * Transaction relay: announce new mempool transactions to peers by id (batched every few ms),
 * fetch the ones a peer announces that we lack, serve the ones a peer asks for, and add what
 * arrives to the mempool. A malformed or badly signed transaction costs its sender; a state
 * conflict (another node's mempool saw a different order) does not.
 */
import { isLedgerError, parseTransaction, type Transaction, type TxId } from '@chartproof/ledger';
import type { Mempool } from '../mempool/mempool.js';
import { Penalty } from '../p2p/ban-score.js';
import { Limits, type MessageOf } from '../p2p/messages.js';
import type { Peer } from '../p2p/peer.js';

const INV_FLUSH_MS = 20;
/** A transaction asked for and not received is asked for again (of anyone) after this. */
const REQUEST_EXPIRY_MS = 30_000;
/** Ids remembered per peer as known to it; beyond it the set starts over. */
const MAX_KNOWN_PER_PEER = 100_000;

export interface TxRelayDeps {
  readonly mempool: Mempool;
  readonly maxTxBytes: number;
  readonly onChain: (id: TxId) => boolean;
  readonly readyPeers: () => readonly Peer[];
  readonly penalize: (peer: Peer, points: number, reason: string) => void;
  /** A transaction entered the mempool (from a peer or a client). */
  readonly onAdded: (id: TxId) => void;
}

export class TxRelay {
  private readonly queue = new Set<TxId>();
  private timer: NodeJS.Timeout | null = null;
  private readonly requested = new Map<TxId, number>();

  constructor(private readonly deps: TxRelayDeps) {}

  /** Announces a transaction to every peer not known to have it (soon, in one batch). */
  announce(id: TxId, source: Peer | null = null): void {
    if (source !== null) rememberKnown(source, id);
    this.queue.add(id);
    if (this.timer === null) this.timer = setTimeout(() => this.flush(), INV_FLUSH_MS);
  }

  /** Announces again to every peer, e.g. a transaction returned by a reorg. */
  reannounce(id: TxId): void {
    for (const p of this.deps.readyPeers()) p.known.delete(id);
    this.announce(id);
  }

  /** Everything in the mempool, for a peer that just connected. */
  announceAllTo(peer: Peer): void {
    const ids = this.deps.mempool.select(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).map((e) => e.id);
    for (const id of ids) rememberKnown(peer, id);
    for (let i = 0; i < ids.length; i += Limits.MAX_INV)
      peer.send({ type: 'inv', txs: ids.slice(i, i + Limits.MAX_INV) });
  }

  onInv(peer: Peer, message: MessageOf<'inv'>): void {
    const now = Date.now();
    const want: TxId[] = [];
    for (const id of message.txs) {
      rememberKnown(peer, id);
      if (this.deps.mempool.has(id) || this.deps.onChain(id) || this.requested.has(id)) continue;
      this.requested.set(id, now);
      want.push(id);
    }
    if (want.length > 0) peer.send({ type: 'getdata', txs: want, blocks: [] });
  }

  /** Sends the requested transactions we hold; returns the ids we do not have. */
  serve(peer: Peer, ids: readonly TxId[]): TxId[] {
    const txs: Transaction[] = [];
    const missing: TxId[] = [];
    for (const id of ids) {
      const tx = this.deps.mempool.get(id);
      if (tx === undefined) missing.push(id);
      else txs.push(tx);
    }
    for (let i = 0; i < txs.length; i += Limits.MAX_TXS_PER_MESSAGE) {
      peer.send({ type: 'txs', txs: txs.slice(i, i + Limits.MAX_TXS_PER_MESSAGE) });
    }
    return missing;
  }

  onTxs(peer: Peer, message: MessageOf<'txs'>): void {
    for (const json of message.txs) {
      let tx: Transaction;
      try {
        tx = parseTransaction(json, this.deps.maxTxBytes);
      } catch (e) {
        if (!isLedgerError(e)) throw e;
        this.deps.penalize(peer, Penalty.MALFORMED, `malformed transaction: ${e.message}`);
        return;
      }
      const outcome = this.deps.mempool.add(tx);
      this.requested.delete(outcome.id);
      rememberKnown(peer, outcome.id);
      if (outcome.status === 'added') {
        this.announce(outcome.id, peer);
        this.deps.onAdded(outcome.id);
      } else if (outcome.status === 'rejected' && outcome.peerFault) {
        this.deps.penalize(peer, Penalty.INVALID_TX, `invalid transaction: ${outcome.error.message}`);
        return;
      }
    }
  }

  /** Forgets requests that were never answered, so another peer's announcement is followed. */
  expireRequests(now = Date.now()): void {
    for (const [id, t] of this.requested) if (t < now - REQUEST_EXPIRY_MS) this.requested.delete(id);
  }

  close(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private flush(): void {
    this.timer = null;
    const ids = [...this.queue];
    this.queue.clear();
    for (const peer of this.deps.readyPeers()) {
      const fresh = ids.filter((id) => !peer.known.has(id));
      for (const id of fresh) rememberKnown(peer, id);
      for (let i = 0; i < fresh.length; i += Limits.MAX_INV) {
        peer.send({ type: 'inv', txs: fresh.slice(i, i + Limits.MAX_INV) });
      }
    }
  }
}

function rememberKnown(peer: Peer, id: string): void {
  if (peer.known.size > MAX_KNOWN_PER_PEER) peer.known.clear();
  peer.known.add(id);
}
