/**
 * When to mine and what: a validator mines only while its mempool holds transactions, on the
 * current tip, with as many of them as the block limits allow. The search itself runs in the
 * Miner's child process (miner.ts) at the lowest CPU priority; a new tip or new transactions restart
 * it on a fresh template (proof-of-work is memoryless, so restarting costs nothing but the call).
 */
import {
  type Block,
  type Chain,
  createTemplate,
  type KeyPair,
  medianTimePast,
  sealBlock,
  targetBytes,
  targetFromCompact,
} from '@chartproof/ledger';
import type { Logger } from 'pino';
import type { Mempool } from '../mempool/mempool.js';
import type { Miner } from './miner.js';

export interface MiningLoopDeps {
  readonly chain: Chain;
  readonly mempool: Mempool;
  readonly miner: Miner;
  readonly key: KeyPair;
  /** Adds the mined block to the chain and announces it. */
  readonly onBlock: (block: Block) => Promise<void>;
  readonly log: Logger;
  readonly now?: () => number;
  /** True when a block is wanted even with an empty mempool (to end a tie, see ack/tie-break.ts). */
  readonly wantsBlock?: () => boolean;
}

/** Restarts are batched: at most one per this many ms while transactions stream in. */
const RESTART_DEBOUNCE_MS = 25;

export class MiningLoop {
  private running = false;
  private stopped = false;
  private wake: (() => void) | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private templateTxs = 0;
  private templateTip = '';
  private templateAt = 0;
  blocksMined = 0;

  constructor(private readonly deps: MiningLoopDeps) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  /** Something changed (a transaction arrived, the tip moved): mine on fresh data soon. */
  poke(): void {
    if (this.wake !== null) {
      const w = this.wake;
      this.wake = null;
      w();
      return;
    }
    if (this.restartTimer !== null) return;
    this.restartTimer = setTimeout(() => this.maybeRestart(), RESTART_DEBOUNCE_MS);
  }

  /**
   * A new tip restarts the search at once. More transactions restart it at most every quarter
   * block interval: building a template hashes every transaction in it, and under a steady
   * stream of submissions restarting on each would spend the node's CPU on templates.
   */
  private maybeRestart(): void {
    this.restartTimer = null;
    const { chain, mempool, miner } = this.deps;
    if (chain.tip.hash !== this.templateTip) {
      miner.abort();
      return;
    }
    const more = this.templateTxs < chain.genesis.params.max_block_txs && mempool.size > this.templateTxs;
    if (!more) return;
    const wait = this.templateAt + chain.genesis.params.block_interval_ms / 4 - Date.now();
    if (wait <= 0) miner.abort();
    else this.restartTimer = setTimeout(() => this.maybeRestart(), wait);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer !== null) clearTimeout(this.restartTimer);
    this.wake?.();
    this.deps.miner.abort();
  }

  private async loop(): Promise<void> {
    const { chain, mempool, miner, key, log } = this.deps;
    const now = this.deps.now ?? Date.now;
    const wantsBlock = this.deps.wantsBlock ?? (() => false);
    while (!this.stopped) {
      const parent = chain.tip;
      const p = chain.genesis.params;
      // The tip moves before the mempool is rebuilt for it (the block is being stored): leave
      // out what the new tip already holds rather than mine a block the chain must refuse.
      const picked =
        mempool.size === 0
          ? []
          : mempool.select(p.max_block_txs, p.max_block_bytes).filter((e) => !chain.state.hasTx(e.id));
      if (picked.length === 0 && !wantsBlock()) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        continue;
      }
      const bits = chain.nextBitsAfter(parent);
      const timestamp = Math.max(now(), medianTimePast(chain.ancestorTimestamps(parent)) + 1);
      const template = createTemplate(
        parent,
        bits,
        timestamp,
        key.publicKey,
        picked.map((e) => e.tx),
        { ids: picked.map((e) => e.id), leafHashes: picked.map((e) => e.leaf) },
      );
      this.templateTxs = picked.length;
      this.templateTip = parent.hash;
      this.templateAt = Date.now();
      let result: Awaited<ReturnType<Miner['mine']>>;
      try {
        result = await miner.mine({
          header: template.headerBytes,
          target: targetBytes(targetFromCompact(bits)),
        });
      } catch (e) {
        log.error({ err: (e as Error).message }, 'miner process failed; restarting it');
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      if (!result.found || this.stopped) continue;
      if (chain.tip !== parent) continue; // found just after another block won: drop it
      const block = sealBlock(template, result.nonce, key, chain.genesis);
      try {
        await this.deps.onBlock(block);
        this.blocksMined++;
        log.debug({ height: block.header.height, txs: block.txs.length, hash: block.hash }, 'mined block');
      } catch (e) {
        log.error({ err: (e as Error).message, height: block.header.height }, 'own block rejected');
      }
    }
    this.running = false;
  }
}
