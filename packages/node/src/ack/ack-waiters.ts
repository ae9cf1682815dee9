/**
 * Clients waiting for their transaction's acknowledgement by a quorum of validators: each waits
 * until the acknowledgements come (checked after every chain or acknowledgement change) or its
 * timeout, when it is told the transaction stays in the mempool.
 */
import type { TxId } from '@chartproof/ledger';
import { RpcError, RpcErrorCode } from '../rpc/methods.js';
import type { Acknowledged } from './ack-book.js';

interface Waiter {
  readonly resolve: (r: Acknowledged) => void;
  readonly timer: NodeJS.Timeout;
  readonly started: number;
}

export interface AckWaitersDeps {
  readonly acknowledged: (id: TxId) => Acknowledged | null;
  /** Seconds from the wait to the acknowledgement (the node's latency metric). */
  readonly observe: (seconds: number) => void;
}

export class AckWaiters {
  private readonly waiters = new Map<TxId, Waiter[]>();

  constructor(private readonly deps: AckWaitersDeps) {}

  wait(id: TxId, timeoutMs: number): Promise<Acknowledged> {
    const started = Date.now();
    return new Promise<Acknowledged>((resolve, reject) => {
      const timer = setTimeout(() => {
        const list = this.waiters.get(id)?.filter((w) => w.timer !== timer) ?? [];
        if (list.length === 0) this.waiters.delete(id);
        else this.waiters.set(id, list);
        reject(
          new RpcError(
            RpcErrorCode.TIMEOUT,
            `transaction ${id} not acknowledged by a majority of validators within ${timeoutMs} ms; it stays in the mempool`,
          ),
        );
      }, timeoutMs);
      const list = this.waiters.get(id) ?? [];
      list.push({ resolve, timer, started });
      this.waiters.set(id, list);
    });
  }

  /** Answers every waiter whose transaction is now acknowledged. */
  check(): void {
    for (const [id, list] of this.waiters) {
      const result = this.deps.acknowledged(id);
      if (result === null) continue;
      this.waiters.delete(id);
      for (const w of list) {
        clearTimeout(w.timer);
        this.deps.observe((Date.now() - w.started) / 1000);
        w.resolve(result);
      }
    }
  }

  close(): void {
    for (const list of this.waiters.values()) for (const w of list) clearTimeout(w.timer);
  }
}
