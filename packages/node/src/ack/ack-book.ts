/**
 * The acknowledgements a node knows: recent ones in memory (AckTracker), every one on disk
 * (AckStore), and, on a validator, its own signatures of the blocks it holds durable. Answers
 * whether a transaction is acknowledged by a quorum, and which acknowledgement a receipt can use.
 */
import {
  type Ack,
  AckSchema,
  type BlockEntry,
  type BlockHash,
  type Chain,
  type Genesis,
  type KeyPair,
  type KeyValueStore,
  type PublicKey,
  signAck,
  type TxId,
  verifyAck,
} from '@chartproof/ledger';
import { AckStore } from './ack-store.js';
import { AckTracker } from './acknowledgements.js';

/** Per validator, how many recent acknowledgements a node loads at start and sends a new peer. */
export const RECENT_ACKS_PER_VALIDATOR = 32;

export interface Acknowledged {
  readonly tx_id: TxId;
  readonly status: 'acknowledged';
  readonly block_hash: BlockHash;
  readonly height: number;
  readonly acknowledged_by: readonly PublicKey[];
}

export type ReceivedAcks =
  | { readonly fresh: readonly Ack[]; readonly invalid: null }
  /** One did not verify: the rest of the message is dropped, the ones before it are kept. */
  | { readonly fresh: readonly Ack[]; readonly invalid: string };

export class AckBook {
  readonly tracker: AckTracker;
  private readonly store: AckStore;

  constructor(
    private readonly chain: Chain,
    private readonly genesis: Genesis,
    store: KeyValueStore,
    /** The node's key when it is a validator, null otherwise. */
    private readonly validatorKey: KeyPair | null,
  ) {
    this.tracker = new AckTracker(genesis.validators, genesis.quorum);
    this.store = new AckStore(store);
  }

  /** Loads the last acknowledgements from disk into memory, as the node starts. */
  loadRecent(): void {
    const { chain } = this;
    const validators = [...this.genesis.validators];
    for (let h = Math.max(1, chain.height - 2 * RECENT_ACKS_PER_VALIDATOR); h <= chain.height; h++) {
      const e = chain.entryAtHeight(h)!;
      for (const v of validators) {
        const ack = this.store.get(e.hash, h, v);
        if (ack !== undefined) this.tracker.add(ack);
      }
    }
  }

  /**
   * A validator signs that `entry` is on its best chain; the new acknowledgement, to broadcast,
   * or null. Called once the block is durable, with that block's entry rather than the tip: the
   * chain may already have connected a later block whose commit is still on its way
   * (Chain.addBlock), and nothing is acknowledged before it is on disk.
   */
  sign(entry: BlockEntry): Ack | null {
    if (this.validatorKey === null) return null;
    if (entry.height === 0 || !this.chain.isOnBestChain(entry.hash)) return null;
    const ack = signAck(this.validatorKey, entry.height, entry.hash, this.genesis);
    if (!this.tracker.add(ack)) return null;
    this.store.put(ack);
    return ack;
  }

  /** Acknowledgements from a peer: keeps the new ones that verify, stops at one that does not. */
  receive(acks: readonly Ack[]): ReceivedAcks {
    const fresh: Ack[] = [];
    for (const raw of acks) {
      const ack = AckSchema.parse(raw);
      if (this.tracker.get(ack.validator as PublicKey, ack.hash as BlockHash) !== undefined) continue;
      if (!verifyAck(ack, this.genesis)) {
        return { fresh, invalid: `acknowledgement by ${ack.validator} does not verify` };
      }
      if (this.tracker.add(ack)) {
        this.store.put(ack);
        fresh.push(ack);
      }
    }
    return { fresh, invalid: null };
  }

  recent(): Ack[] {
    return this.tracker.recent(RECENT_ACKS_PER_VALIDATOR);
  }

  /** For receipts: the acknowledgement of a block by a validator, from memory or disk. */
  lookup = (hash: BlockHash, height: number, validator: PublicKey): Ack | undefined =>
    this.tracker.get(validator, hash) ?? this.store.get(hash, height, validator);

  /** The transaction's block and the quorum acknowledging it, or null while there is none. */
  acknowledged(id: TxId): Acknowledged | null {
    const loc = this.chain.state.txs.get(id);
    if (loc === undefined) return null;
    const by = this.tracker.coverage(loc.height, this.isOnBest);
    if (by.length < this.genesis.quorum) return null;
    return {
      tx_id: id,
      status: 'acknowledged',
      block_hash: loc.blockHash,
      height: loc.height,
      acknowledged_by: by,
    };
  }

  flush(): Promise<void> {
    return this.store.flush();
  }

  private isOnBest = (hash: BlockHash, height: number): boolean =>
    this.chain.entryAtHeight(height)?.hash === hash;
}
