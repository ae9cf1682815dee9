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
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BlockHash } from '../src/brand.js';
import { Chain } from '../src/chain-state.js';
import { LmdbStore } from '../src/store/lmdb-store.js';
import { testGenesis } from '../src/testing.js';

const source = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
// Under node_modules (ignored by git): the bundle's one external import, lmdb (a native module),
// resolves from there as from the package.
const outDir = fileURLToPath(
  new URL('../../../node_modules/.cache/chartproof-crash-writer', import.meta.url),
);
const writer = join(outDir, 'crash-writer.mjs');
const root = mkdtempSync(join(tmpdir(), 'chartproof-crash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// The writer runs as plain JavaScript bundled from the sources: no build of the package needed.
beforeAll(async () => {
  await build({
    configFile: false,
    logLevel: 'warn',
    resolve: { conditions: ['chartproof-source', 'node', 'import', 'default'] },
    ssr: {
      noExternal: true,
      external: ['lmdb'],
      resolve: { conditions: ['chartproof-source', 'node', 'import', 'default'] },
    },
    build: {
      ssr: source,
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: { output: { format: 'es', entryFileNames: 'crash-writer.mjs' } },
    },
  });
}, 60_000);

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
  expect(existsSync(writer)).toBe(true);
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
