/**
 * The background work of an API process: at start-up and then periodically, every row left
 * pending (a crash, or no node answering at the time) is finished against the chain; audit
 * entries are checkpointed; and, on the first start of an empty database, the demo data is
 * created. None of it blocks serving: reads from the database go on while no node answers.
 */
import type { Logger } from 'pino';
import { ChainRejected } from '../chain/chain-client.js';
import { ApiError } from '../errors.js';
import type { Access } from './access.js';
import type { Accounts } from './accounts.js';
import type { Checkpoints } from './audit-checkpoints.js';
import type { Records } from './records.js';

export interface BackgroundParts {
  readonly accounts: Accounts;
  readonly records: Records;
  readonly access: Access;
  readonly checkpoints: Checkpoints;
  /** The API's own chain account, registered at first start. */
  readonly serviceKey: { get(): Promise<unknown> };
  /** Runs once, after the first successful reconciliation (demo data). */
  readonly afterFirstReconcile?: () => Promise<void>;
}

export class Background {
  private timers: NodeJS.Timeout[] = [];
  private firstDone = false;
  private stopped = false;
  private readonly running = new Set<Promise<unknown>>();
  private round: Promise<boolean> | null = null;

  constructor(
    private readonly parts: BackgroundParts,
    private readonly log: Logger,
    private readonly intervals: { reconcileMs: number; checkpointMs: number },
  ) {}

  /**
   * Pending accounts, records, then grants and revokes; true when the chain answered. One round
   * at a time. A row a request in flight is also submitting is harmless: the node answers both
   * submissions of the same transaction with the same acknowledgement.
   */
  reconcileOnce(): Promise<boolean> {
    this.round ??= this.reconcileRound().finally(() => {
      this.round = null;
    });
    return this.round;
  }

  private async reconcileRound(): Promise<boolean> {
    try {
      const accounts = await this.parts.accounts.reconcile();
      const records = await this.parts.records.reconcile();
      const requests = await this.parts.access.reconcile();
      await this.parts.serviceKey.get();
      if (accounts + records + requests > 0)
        this.log.info({ accounts, records, requests }, 'reconciled pending rows with the chain');
      if (!this.firstDone && !this.stopped) {
        await this.parts.afterFirstReconcile?.();
        this.firstDone = true;
      }
      return true;
    } catch (e) {
      if (!(e instanceof ApiError)) this.log.error({ err: e }, 'reconciliation failed');
      else this.log.warn({ err: e.message }, 'reconciliation waits for the chain');
      return false;
    }
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
    return p;
  }

  start(): void {
    const reconcile = () => {
      if (!this.stopped) void this.track(this.reconcileOnce());
    };
    reconcile();
    // Until the first round succeeds (nodes still starting), retry soon; then at the interval.
    const fast = setInterval(() => {
      if (this.firstDone) clearInterval(fast);
      else if (this.running.size === 0) reconcile();
    }, 2_000);
    this.timers.push(fast, setInterval(reconcile, this.intervals.reconcileMs));
    this.timers.push(
      setInterval(() => {
        if (this.stopped) return;
        void this.track(
          this.parts.checkpoints.runOnce().catch((e: unknown) => {
            if (e instanceof ApiError)
              this.log.debug({ err: e.message }, 'audit checkpoint waits for the chain');
            // A refusal is a stall, which Checkpoints logs, shows in /api/health and counts.
            else if (!(e instanceof ChainRejected)) this.log.error({ err: e }, 'audit checkpoint failed');
          }),
        );
      }, this.intervals.checkpointMs),
    );
    for (const t of this.timers) t.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.allSettled([...this.running]);
  }
}
