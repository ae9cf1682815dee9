/**
 * Acknowledgements on disk, beside the blocks (key layout in the ledger's store/layout.ts), so
 * that receipts for old records can still be built after a restart. Writes are gathered for a
 * few milliseconds into one commit: acknowledgements arrive in bursts of one per validator.
 */
import {
  type Ack,
  ackKey,
  type BlockHash,
  bytesToHex,
  hexToBytes,
  type KeyValueStore,
  type PublicKey,
  type Signature,
  type WriteOp,
} from '@chartproof/ledger';

const FLUSH_MS = 10;

export class AckStore {
  private batch: WriteOp[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly store: KeyValueStore) {}

  put(ack: Ack): void {
    this.batch.push({
      key: ackKey(ack.height, ack.hash as BlockHash, ack.validator),
      value: hexToBytes(ack.sig),
    });
    if (this.timer === null) this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
  }

  get(hash: BlockHash, height: number, validator: PublicKey): Ack | undefined {
    const sig = this.store.get(ackKey(height, hash, validator));
    return sig === undefined ? undefined : { validator, height, hash, sig: bytesToHex(sig) as Signature };
  }

  async flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const ops = this.batch;
    this.batch = [];
    if (ops.length > 0) this.flushing = this.flushing.then(() => this.store.commit(ops));
    await this.flushing;
  }
}
