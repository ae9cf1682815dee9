/**
 * The late-joiner figures. A chain of `length` blocks (block 1 registers a hospital and a patient,
 * each later block anchors one record) is built in-process on a memory store at an easy test
 * genesis. Then:
 *
 *  - validate_blocks_per_s: Chain.addBlock of those same blocks, one after the other, onto a fresh
 *    LmdbStore (every check, every signature, one durable commit per block), in this process;
 *  - sync_10k_blocks_s: a node started (CLI child process) on that LMDB directory serves the
 *    chain; an empty node started with --peers pointing at it is timed from its spawn until its
 *    tip is the server's tip.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Block,
  Chain,
  type Genesis,
  type GenesisDoc,
  generateKeyPair,
  LmdbStore,
  MemoryStore,
  parseGenesis,
} from '@chartproof/ledger';
import {
  buildBlock,
  testAnchor,
  testGenesisDoc,
  testKey,
  testRegistrations,
} from '@chartproof/ledger/testing';
import { Cluster } from './cluster.js';
import { sleep } from './measure.js';

export interface SyncFixture {
  readonly doc: GenesisDoc;
  readonly genesis: Genesis;
  readonly blocks: readonly Block[];
  readonly buildMs: number;
}

export async function buildSyncChain(length: number): Promise<SyncFixture> {
  const start = performance.now();
  const doc = testGenesisDoc();
  const genesis = parseGenesis(doc);
  const chain = await Chain.open(genesis, new MemoryStore());
  const blocks: Block[] = [];
  for (let h = 1; h <= length; h++) {
    const block = buildBlock(
      chain,
      chain.tip,
      h === 1 ? testRegistrations(genesis) : [testAnchor(genesis, 1000 + h)],
    );
    await chain.addBlock(block, { now: block.header.timestamp });
    blocks.push(block);
  }
  return { doc, genesis, blocks, buildMs: performance.now() - start };
}

/** Blocks per second through Chain.addBlock onto a fresh LmdbStore at `dir` (left there, closed). */
export async function validateOntoLmdb(fixture: SyncFixture, dir: string): Promise<number> {
  mkdirSync(dir, { recursive: true });
  const store = new LmdbStore({ path: dir });
  const chain = await Chain.open(fixture.genesis, store);
  const start = performance.now();
  for (const block of fixture.blocks) await chain.addBlock(block);
  const ms = performance.now() - start;
  await chain.idle();
  await store.close();
  return (fixture.blocks.length / ms) * 1000;
}

export interface SyncResult {
  readonly validateBlocksPerS: number;
  /** Spawn of the joiner until its tip equals the server's; NaN if it did not get there. */
  readonly syncS: number;
  /** Spawn of the joiner until it printed its listening line. */
  readonly joinerStartS: number;
  /** Spawn of the server (replaying the chain from its own disk) until listening. */
  readonly serverStartS: number;
  readonly syncedHeight: number;
  readonly note?: string;
}

export async function syncBench(
  fixture: SyncFixture,
  timeoutMs: number,
  log: (line: string) => void,
): Promise<SyncResult> {
  const cluster = new Cluster('sync', fixture.doc);
  try {
    const serverDir = join(cluster.dir, 'server-data');
    const validateBlocksPerS = await validateOntoLmdb(fixture, serverDir);
    log(
      `  Chain.addBlock onto a fresh LmdbStore (validation + durable commit per block): ${Math.round(validateBlocksPerS)} blocks/s`,
    );
    const server = await cluster.start({
      name: 'server',
      key: testKey('validator-0'),
      dataDir: serverDir,
      mine: false,
      discover: false,
    });
    const target = fixture.blocks[fixture.blocks.length - 1]!;
    const status = await server.rpc.call<{ height: number; tip: string }>('status');
    if (status.tip !== target.hash)
      throw new Error(`server tip ${status.height} is not the built chain's tip`);
    log(
      `  server node opened the ${status.height}-block chain from disk in ${(server.startMs / 1000).toFixed(1)} s`,
    );

    const start = performance.now();
    const joiner = await cluster.start({
      name: 'joiner',
      key: generateKeyPair(),
      peers: [server.url],
      mine: false,
      discover: false,
    });
    const joinerStartS = (performance.now() - start) / 1000;
    const deadline = start + timeoutMs;
    let height = 0;
    let lastLog = performance.now();
    for (;;) {
      const s = await joiner.rpc.call<{ height: number; tip: string }>('status').catch(() => undefined);
      if (s !== undefined) {
        height = s.height;
        if (s.tip === target.hash) break;
      }
      const now = performance.now();
      if (now > deadline) {
        return {
          validateBlocksPerS,
          syncS: Number.NaN,
          joinerStartS,
          serverStartS: server.startMs / 1000,
          syncedHeight: height,
          note: `joiner reached height ${height} of ${fixture.blocks.length} in ${timeoutMs / 1000} s`,
        };
      }
      if (now - lastLog > 10_000) {
        lastLog = now;
        log(`    … joiner at height ${height} after ${((now - start) / 1000).toFixed(0)} s`);
      }
      await sleep(25);
    }
    return {
      validateBlocksPerS,
      syncS: (performance.now() - start) / 1000,
      joinerStartS,
      serverStartS: server.startMs / 1000,
      syncedHeight: height,
    };
  } finally {
    await cluster.cleanup();
  }
}
