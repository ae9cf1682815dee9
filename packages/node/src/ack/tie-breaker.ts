/**
 * The timer around the tie-break rule (tie-break.ts): while validators are split between tips of
 * equal height, a miner re-checks every block interval and, once it has waited long enough for
 * silent validators' votes, asks for a block on its own tip, even an empty one.
 */
import type { Ack, BlockEntry, Genesis } from '@chartproof/ledger';
import type { Logger } from 'pino';
import { shouldBreakTie } from './tie-break.js';

/** Block intervals to wait for silent validators' votes before a tie is broken without them. */
export const TIE_BREAK_PATIENCE = 5;

export interface TieBreakerDeps {
  readonly genesis: Genesis;
  readonly tip: () => BlockEntry;
  readonly latestAcks: () => Ack[];
  /** Wakes the miner to build a block now. */
  readonly poke: () => void;
  readonly log: Logger;
}

export class TieBreaker {
  private timer: NodeJS.Timeout | null = null;
  private due = false;
  private contestedSince: number | null = null;

  constructor(private readonly deps: TieBreakerDeps) {}

  /** Whether the miner should build a block with an empty mempool, to end a split. */
  wantsBlock(): boolean {
    return this.due && this.wants(true);
  }

  /** The tip moved: any tie is over. */
  reset(): void {
    this.due = false;
    this.contestedSince = null;
  }

  /** Re-checked every block interval while our tip is contested. */
  consider(): void {
    if (this.timer !== null) return;
    if (!this.wants(true)) {
      this.contestedSince = null;
      return;
    }
    const interval = this.deps.genesis.params.block_interval_ms;
    this.contestedSince ??= Date.now();
    this.timer = setTimeout(() => {
      this.timer = null;
      const patient = Date.now() - (this.contestedSince ?? Date.now()) >= TIE_BREAK_PATIENCE * interval;
      if (!this.wants(patient)) return this.consider();
      const tip = this.deps.tip();
      const votes = this.deps
        .latestAcks()
        .map((a) => `${a.validator.slice(0, 8)}:${a.height}:${a.hash.slice(0, 8)}`);
      this.deps.log.info(
        { height: tip.height, tip: tip.hash, votes },
        'validators split between tips of equal height: extending ours',
      );
      this.due = true;
      this.deps.poke();
    }, interval);
    this.timer.unref();
  }

  close(): void {
    if (this.timer !== null) clearTimeout(this.timer);
  }

  private wants(patient: boolean): boolean {
    const g = this.deps.genesis;
    return shouldBreakTie(this.deps.tip(), this.deps.latestAcks(), {
      validators: g.validators.size,
      quorum: g.quorum,
      patient,
    });
  }
}
