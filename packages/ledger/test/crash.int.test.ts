/**
 * A writer killed with SIGKILL while appending blocks leaves a store that reopens to a valid chain
 * holding every block whose commit had returned. The writer (crash-writer.mjs) prints each block
 * after its addBlock resolves; whatever it printed before the kill must be on the best chain after.
 * The same store is reused across runs, so each run also appends to a store that survived a kill.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import type { BlockHash } from '../src/brand.js';
import { Chain } from '../src/chain-state.js';
import { LmdbStore } from '../src/store/lmdb-store.js';
import { testGenesis } from '../src/testing.js';

const writer = fileURLToPath(new URL('./crash-writer.mjs', import.meta.url));
const built = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'chartproof-crash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Run {
  opened: { height: number; hash: BlockHash };
  committed: Array<{ height: number; hash: BlockHash }>;
  signal: NodeJS.Signals | null;
}

/** Starts the writer, and kills it `delayMs` after it has reported `afterBlocks` blocks. */
function runAndKill(path: string, afterBlocks: number, delayMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    let stderr = '';
    let opened: Run['opened'] | undefined;
    const committed: Run['committed'] = [];
    let killScheduled = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!; // a line cut by the kill is not a report
      for (const line of lines) {
        const [a, b, c] = line.split(' ');
        if (a === 'open') opened = { height: Number(b), hash: c as BlockHash };
        else committed.push({ height: Number(a), hash: b as BlockHash });
      }
      if (!killScheduled && committed.length >= afterBlocks) {
        killScheduled = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (opened === undefined) reject(new Error(`writer failed to start: ${stderr}`));
      else resolve({ opened, committed, signal });
    });
  });
}

it('a store killed mid-append reopens valid, holding every block whose commit returned', async () => {
  expect(existsSync(built), `${built} is missing: run "npx tsc -b" first`).toBe(true);
  const genesis = testGenesis();
  const path = join(root, 'db');
  const started = Date.now();
  let lastTip: { height: number; hash: BlockHash } = { height: 0, hash: genesis.hash };
  const runs: string[] = [];
  // Kill after a random number of blocks (some dozens), then a random few milliseconds more,
  // so the kill lands anywhere in the append cycle: building, validating, inside the commit.
  for (let i = 0; i < 5 && Date.now() - started < 12_000; i++) {
    const afterBlocks = 20 + Math.floor(Math.random() * 40);
    const delayMs = Math.floor(Math.random() * 15);
    const run = await runAndKill(path, afterBlocks, delayMs);
    expect(run.signal).toBe('SIGKILL');
    expect(run.committed.length).toBeGreaterThanOrEqual(afterBlocks);
    // The writer started where the last reopen left off.
    expect(run.opened).toEqual(lastTip);

    const store = new LmdbStore({ path });
    try {
      const chain = await Chain.open(genesis, store); // re-checks every block: a valid chain
      for (const { height, hash } of run.committed) {
        expect(chain.isOnBestChain(hash), `block ${height} ${hash} committed but lost`).toBe(true);
        expect(chain.entryAtHeight(height)?.hash).toBe(hash);
      }
      const reported = run.committed.at(-1)!.height;
      // At most the one block whose commit was in flight can be there unreported.
      expect(chain.height).toBeGreaterThanOrEqual(reported);
      expect(chain.height).toBeLessThanOrEqual(reported + 1);
      // Every anchor of the best chain is in the state: one or two per block after the first.
      let anchors = 0;
      for (let h = 2; h <= chain.height; h++) anchors += 1 + (h % 2);
      expect(chain.state.records.size).toBe(anchors);
      runs.push(`${afterBlocks}+${delayMs}ms → height ${chain.height} (reported ${reported})`);
      lastTip = { height: chain.height, hash: chain.tip.hash };
    } finally {
      await store.close();
    }
  }
  expect(runs.length).toBeGreaterThanOrEqual(3);
  console.log(`crash runs: ${runs.join('; ')}`);
}, 30_000);
