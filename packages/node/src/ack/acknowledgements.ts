/**
 * Which blocks a strict majority of validators hold on their best chain. Pure: it keeps the
 * acknowledgements it is given (signatures already checked) and answers against a predicate
 * telling whether a block is on this node's best chain. A validator acknowledges block B when it
 * has acknowledged B or any best-chain block above it (that block descends from B).
 */
import type { Ack, BlockHash, PublicKey } from '@chartproof/ledger';

/** Acknowledgements kept in memory per validator; older ones stay in the store for receipts. */
export const MAX_ACKS_PER_VALIDATOR = 4096;

export class AckTracker {
  /** Per validator, ascending by height. */
  private readonly byValidator = new Map<PublicKey, Ack[]>();
  private readonly seen = new Map<string, Ack>();

  constructor(
    private readonly validators: ReadonlySet<PublicKey>,
    readonly quorum: number,
  ) {}

  /** Records an acknowledgement; false if it was already known or is not from a validator. */
  add(ack: Ack): boolean {
    const v = ack.validator as PublicKey;
    if (!this.validators.has(v)) return false;
    const id = `${v}:${ack.hash}`;
    if (this.seen.has(id)) return false;
    this.seen.set(id, ack);
    let list = this.byValidator.get(v);
    if (list === undefined) {
      list = [];
      this.byValidator.set(v, list);
    }
    let i = list.length;
    while (i > 0 && list[i - 1]!.height > ack.height) i--;
    list.splice(i, 0, ack);
    if (list.length > MAX_ACKS_PER_VALIDATOR) {
      const old = list.shift()!;
      this.seen.delete(`${v}:${old.hash}`);
    }
    return true;
  }

  get(validator: PublicKey, hash: BlockHash): Ack | undefined {
    return this.seen.get(`${validator}:${hash}`);
  }

  /** Validators whose acknowledgements cover the best-chain block at `height`. */
  coverage(height: number, isOnBestChain: (hash: BlockHash, height: number) => boolean): PublicKey[] {
    const out: PublicKey[] = [];
    for (const [v, list] of this.byValidator) {
      for (let i = list.length - 1; i >= 0 && list[i]!.height >= height; i--) {
        if (isOnBestChain(list[i]!.hash as BlockHash, list[i]!.height)) {
          out.push(v);
          break;
        }
      }
    }
    return out;
  }

  isAcknowledged(height: number, isOnBestChain: (hash: BlockHash, height: number) => boolean): boolean {
    return this.coverage(height, isOnBestChain).length >= this.quorum;
  }

  /** The most recent acknowledgements, for a peer that just connected. */
  recent(perValidator: number): Ack[] {
    const out: Ack[] = [];
    for (const list of this.byValidator.values()) out.push(...list.slice(-perValidator));
    return out;
  }

  /** Each validator's latest acknowledgement (highest height, the last received among equals). */
  latest(): Ack[] {
    const out: Ack[] = [];
    for (const list of this.byValidator.values()) if (list.length > 0) out.push(list[list.length - 1]!);
    return out;
  }

  /** Highest height each validator acknowledged, for status and metrics. */
  heights(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [v, list] of this.byValidator) out[v] = list[list.length - 1]?.height ?? -1;
    return out;
  }
}
