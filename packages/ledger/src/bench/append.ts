/**
 * Time to append one block (validate, apply, durable LMDB commit) at two chain lengths. The two
 * chains are open side by side and appended to in turn, so disk and machine noise falls on both
 * alike; the figure must stay flat as the chain grows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Chain } from '../chain-state.js';
import type { Genesis } from '../genesis.js';
import { LmdbStore } from '../store/lmdb-store.js';
import { testAnchor as anchor, buildBlock } from '../testing.js';
import { writeLongChains } from './long-chain.js';
import { mean, median } from './measure.js';

export interface AppendFigures {
  readonly length: number;
  readonly openMs: number;
  readonly appendMs: number;
  readonly appendMedianMs: number;
}

export async function appendBench(
  genesis: Genesis,
  lengths: readonly number[],
  appends: number,
  log: (line: string) => void,
): Promise<{ buildMs: number; figures: AppendFigures[] }> {
  const root = mkdtempSync(join(tmpdir(), 'chartproof-bench-'));
  const stores: LmdbStore[] = [];
  try {
    const paths = lengths.map((length) => join(root, `chain-${length}`));
    let t = performance.now();
    const writers = lengths.map((length, i) => ({ store: new LmdbStore({ path: paths[i]! }), length }));
    await writeLongChains(genesis, writers);
    for (const w of writers) await w.store.close();
    const buildMs = performance.now() - t;
    log(`  built and wrote ${Math.max(...lengths)} blocks in ${(buildMs / 1000).toFixed(1)} s`);

    const chains: Array<{ chain: Chain; length: number; openMs: number; times: number[] }> = [];
    for (const [i, length] of lengths.entries()) {
      const store = new LmdbStore({ path: paths[i]! });
      stores.push(store);
      t = performance.now();
      const chain = await Chain.open(genesis, store);
      const openMs = performance.now() - t;
      if (chain.height !== length) throw new Error(`opened at height ${chain.height}, wrote ${length}`);
      log(`  opened (checked and replayed) ${length} blocks in ${(openMs / 1000).toFixed(2)} s`);
      chains.push({ chain, length, openMs, times: [] });
    }

    // One warm-up append each (JIT, first page faults), then the timed ones in turn.
    for (let i = -1; i < appends; i++) {
      for (const c of chains) {
        const block = buildBlock(c.chain, c.chain.tip, [anchor(genesis, 50_000_000 + i + 1)]);
        const start = performance.now();
        const r = await c.chain.addBlock(block);
        const ms = performance.now() - start;
        if (r.status !== 'extended') throw new Error(`append gave ${r.status}`);
        if (i >= 0) c.times.push(ms);
      }
    }
    return {
      buildMs,
      figures: chains.map((c) => ({
        length: c.length,
        openMs: c.openMs,
        appendMs: mean(c.times),
        appendMedianMs: median(c.times),
      })),
    };
  } finally {
    for (const s of stores) await s.close();
    rmSync(root, { recursive: true, force: true });
  }
}
