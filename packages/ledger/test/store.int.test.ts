/**
 * The durable store on real LMDB files: the KeyValueStore contract (run on the memory store
 * too), exact state after reopening, and damaged content refused by name rather than used.
 * The kill -9 test is crash.int.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Block } from '../src/block.js';
import { encodeBlock } from '../src/block.js';
import type { BlockHash } from '../src/brand.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '../src/bytes.js';
import { Chain } from '../src/chain-state.js';
import { isLedgerError, type LedgerError } from '../src/errors.js';
import {
  ackKey,
  blockKey,
  blockValue,
  LAYOUT_VERSION,
  TIP_KEY,
  VERSION_KEY,
  versionBytes,
} from '../src/store/layout.js';
import { LmdbStore } from '../src/store/lmdb-store.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { storedLayoutVersion } from '../src/store/migrate.js';
import type { WriteOp } from '../src/store/store.js';
import {
  testAnchor as anchor,
  buildBlock,
  testGrant as grant,
  testId as id128,
  testRegistrations as registrations,
  testGenesis,
  testKey,
} from '../src/testing.js';
import { describeStoreContract } from './store-contract.js';

const root = mkdtempSync(join(tmpdir(), 'chartproof-store-'));
let dirs = 0;
const freshDir = () => join(root, `db-${++dirs}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describeStoreContract('LmdbStore', async () => new LmdbStore({ path: freshDir() }));
describeStoreContract('MemoryStore', async () => new MemoryStore());

const genesis = testGenesis();

/** Three blocks on genesis: registrations, two anchors, an anchor and a grant. */
async function writeChain(store: LmdbStore): Promise<Block[]> {
  const chain = await Chain.open(genesis, store);
  const blocks: Block[] = [];
  for (const txs of [
    registrations(genesis),
    [anchor(genesis, 10), anchor(genesis, 11)],
    [anchor(genesis, 12), grant(genesis, 10, 100)],
  ]) {
    const block = buildBlock(chain, chain.tip, txs);
    expect((await chain.addBlock(block)).status).toBe('extended');
    blocks.push(block);
  }
  return blocks;
}

describe('LmdbStore reopened', () => {
  it('restores the exact tip, tree and state, side branches and tie-break included', async () => {
    const path = freshDir();
    let store = new LmdbStore({ path });
    const [b1] = await writeChain(store);
    await store.close();

    store = new LmdbStore({ path });
    const live = await Chain.open(genesis, store);
    expect(live.height).toBe(3);
    // A branch from b1 that overtakes the chain (a reorg, abandoning b2 and b3)...
    const v1 = testKey('validator-1');
    const s2 = buildBlock(live, live.getEntry(b1!.hash)!, [anchor(genesis, 20)], { miner: v1 });
    expect((await live.addBlock(s2)).status).toBe('side');
    const s3 = buildBlock(live, live.getEntry(s2.hash)!, [], { miner: v1 });
    expect((await live.addBlock(s3)).status).toBe('side'); // equal work: the first-seen tip stays
    const s4 = buildBlock(live, live.getEntry(s3.hash)!, [anchor(genesis, 21)]);
    expect((await live.addBlock(s4)).status).toBe('reorg');
    // ...then a twin of the new tip with equal work and a lower hash, which would win the tie
    // on reopen if the stored tip were not kept.
    let twin = s4;
    for (let t = 1; twin.hash >= s4.hash; t++) {
      twin = buildBlock(live, live.getEntry(s3.hash)!, [], { timestamp: s4.header.timestamp + t });
    }
    expect((await live.addBlock(twin)).status).toBe('side');
    expect(live.tip.hash).toBe(s4.hash);
    expect(live.state.record(id128(12))).toBeUndefined();
    expect(live.state.record(id128(21))).toBeDefined();
    await store.close();

    for (let i = 0; i < 2; i++) {
      store = new LmdbStore({ path });
      const again = await Chain.open(genesis, store);
      expect(again.tip.hash).toBe(s4.hash);
      expect(again.height).toBe(live.height);
      expect(again.size).toBe(live.size);
      expect(again.state.digest()).toBe(live.state.digest());
      expect(again.isOnBestChain(s2.hash)).toBe(true);
      expect(again.getEntry(twin.hash)?.status).toBe('side');
      await store.close();
    }
  });
});

/** Stores a valid chain, damages it through the raw store, and opens it again. */
async function openDamaged(
  damage: (blocks: Block[]) => WriteOp[],
): Promise<{ error: LedgerError; blocks: Block[] }> {
  const path = freshDir();
  let store = new LmdbStore({ path });
  const blocks = await writeChain(store);
  await store.close();
  store = new LmdbStore({ path });
  await store.commit(damage(blocks));
  try {
    await Chain.open(genesis, store);
  } catch (e) {
    return { error: e as LedgerError, blocks };
  } finally {
    await store.close();
  }
  throw new Error('Chain.open used a damaged store');
}

function flipped(bytes: Uint8Array, at: number, to?: number): Uint8Array {
  const out = bytes.slice();
  out[at] = to ?? out[at]! ^ 0x01;
  return out;
}

describe('A damaged store is refused by name, never used', () => {
  const expectCorrupt = (error: LedgerError, hash: BlockHash) => {
    expect(isLedgerError(error, 'STORE_CORRUPT')).toBe(true);
    expect(error.message).toContain(hash);
    expect(error.details.hash).toBe(hash);
  };

  const stored = (b: Parameters<typeof encodeBlock>[0]) => blockValue(encodeBlock(b));

  it('a flipped header byte (the checksum no longer matches)', async () => {
    const { error, blocks } = await openDamaged((bs) => [
      { key: blockKey(bs[1]!.header.height, bs[1]!.hash), value: flipped(stored(bs[1]!), 32 + 50) },
    ]);
    expectCorrupt(error, blocks[1]!.hash);
    expect(error.message).toMatch(/checksum/);
  });

  it('a flipped byte of the miner signature (not covered by the block hash, covered by the checksum)', async () => {
    const { error, blocks } = await openDamaged((bs) => [
      { key: blockKey(bs[2]!.header.height, bs[2]!.hash), value: flipped(stored(bs[2]!), 32 + 124 + 40) },
    ]);
    expectCorrupt(error, blocks[2]!.hash);
    expect(error.message).toMatch(/checksum/);
  });

  it('a bad miner signature under a valid checksum, near the tip (re-verified on open)', async () => {
    const { error, blocks } = await openDamaged((bs) => [
      {
        key: blockKey(bs[2]!.header.height, bs[2]!.hash),
        value: blockValue(flipped(encodeBlock(bs[2]!), 124 + 40)),
      },
    ]);
    expectCorrupt(error, blocks[2]!.hash);
    expect(error.message).toMatch(/signature/);
  });

  it('a changed character inside a transaction under a valid checksum (the Merkle root no longer matches)', async () => {
    const { error, blocks } = await openDamaged((bs) => {
      const bytes = encodeBlock(bs[1]!);
      const at = bytesToHex(bytes).indexOf(bytesToHex(utf8ToBytes('"commitment":"'))) / 2 + 14;
      expect(at).toBeGreaterThan(188);
      return [
        {
          key: blockKey(bs[1]!.header.height, bs[1]!.hash),
          value: blockValue(flipped(bytes, at, bytes[at] === 0x31 ? 0x32 : 0x31)),
        },
      ];
    });
    expectCorrupt(error, blocks[1]!.hash);
    expect(error.message).toMatch(/merkle root/);
  });

  it('a truncated block', async () => {
    const { error, blocks } = await openDamaged((bs) => [
      { key: blockKey(bs[0]!.header.height, bs[0]!.hash), value: stored(bs[0]!).subarray(0, 150) },
    ]);
    expectCorrupt(error, blocks[0]!.hash);
  });

  it('a block stored under another hash', async () => {
    const wrong = `${'ee'.repeat(31)}01` as BlockHash;
    const { error } = await openDamaged((bs) => [
      { key: blockKey(bs[2]!.header.height, bs[2]!.hash), value: undefined },
      { key: blockKey(bs[2]!.header.height, wrong), value: stored(bs[2]!) },
    ]);
    expectCorrupt(error, wrong);
    expect(error.message).toMatch(/hashes to/);
  });

  it('a block stored under another height', async () => {
    const { error, blocks } = await openDamaged((bs) => [
      { key: blockKey(bs[2]!.header.height, bs[2]!.hash), value: undefined },
      { key: blockKey(7, bs[2]!.hash), value: stored(bs[2]!) },
    ]);
    expectCorrupt(error, blocks[2]!.hash);
    expect(error.message).toMatch(/stored at height 7 but its header says 3/);
  });

  it('a block whose parent is missing', async () => {
    const { error, blocks } = await openDamaged((bs) => [
      { key: blockKey(bs[1]!.header.height, bs[1]!.hash), value: undefined },
    ]);
    expectCorrupt(error, blocks[2]!.hash);
    expect(error.message).toContain(`parent ${blocks[1]!.hash}`);
  });

  it('an undamaged store opens (the damage above is what fails)', async () => {
    const path = freshDir();
    const store = new LmdbStore({ path });
    const blocks = await writeChain(store);
    await store.commit([{ key: TIP_KEY, value: new Uint8Array(32) }]); // an unknown tip is only a hint
    const chain = await Chain.open(genesis, store);
    expect(chain.tip.hash).toBe(blocks[2]!.hash);
    await store.close();
  });

  it('a store of another network gives GENESIS_MISMATCH', async () => {
    const path = freshDir();
    let store = new LmdbStore({ path });
    await writeChain(store);
    await store.close();
    store = new LmdbStore({ path });
    const other = testGenesis({ validators: 2 });
    await expect(Chain.open(other, store)).rejects.toSatisfy(
      (e: LedgerError) =>
        isLedgerError(e, 'GENESIS_MISMATCH') &&
        e.details.stored === genesis.hash &&
        e.details.genesis === other.hash,
    );
    await store.close();
  });
});

describe('A store of an older layout', () => {
  /** The same chain written as layout 2 did: keys by hash alone, acknowledgements too. */
  async function writeLayout2(path: string): Promise<{ blocks: Block[]; acks: WriteOp[] }> {
    const store = new LmdbStore({ path });
    const blocks = await writeChain(store);
    const ops: WriteOp[] = [{ key: VERSION_KEY, value: versionBytes(2) }];
    for (const b of blocks) {
      ops.push({ key: blockKey(b.header.height, b.hash), value: undefined });
      ops.push({ key: concatBytes(new Uint8Array([0x62]), hexToBytes(b.hash)), value: stored(b) });
    }
    const validator = testKey('validator-1').publicKey;
    const ack = (hash: string, sig: number): WriteOp => ({
      key: concatBytes(new Uint8Array([0x61]), hexToBytes(hash), hexToBytes(validator)),
      value: new Uint8Array(64).fill(sig),
    });
    // One of a stored block, one of a block the store never held.
    const acks = [ack(blocks[1]!.hash, 7), ack('ab'.repeat(32), 9)];
    await store.commit([...ops, ...acks]);
    await store.close();
    return { blocks, acks };
  }
  const stored = (b: Block) => blockValue(encodeBlock(b));

  it('is upgraded in place to the current layout on open, blocks and acknowledgements kept', async () => {
    const path = freshDir();
    const { blocks } = await writeLayout2(path);
    let store = new LmdbStore({ path });
    const chain = await Chain.open(genesis, store);
    expect(chain.tip.hash).toBe(blocks[2]!.hash);
    expect(chain.getBlock(blocks[1]!.hash)?.hash).toBe(blocks[1]!.hash);
    expect(storedLayoutVersion(store)).toBe(LAYOUT_VERSION);
    const keys = [...store.range(new Uint8Array([0x61]), new Uint8Array([0x63]))].map(([k]) => k.length);
    // Three blocks and the one acknowledgement of a stored block, all in the new key form.
    expect(keys.sort()).toEqual([37, 37, 37, 69]);
    const validator = testKey('validator-1').publicKey;
    const sig = store.get(ackKey(blocks[1]!.header.height, blocks[1]!.hash, validator));
    expect(sig && bytesToHex(sig)).toBe('07'.repeat(64));
    await store.close();
    store = new LmdbStore({ path });
    expect((await Chain.open(genesis, store)).tip.hash).toBe(blocks[2]!.hash);
    await store.close();
  });

  it('of an unknown version is refused with STORE_VERSION, and left as it was', async () => {
    const path = freshDir();
    let store = new LmdbStore({ path });
    await writeChain(store);
    await store.commit([{ key: VERSION_KEY, value: versionBytes(99) }]);
    await expect(Chain.open(genesis, store)).rejects.toSatisfy(
      (e: LedgerError) => isLedgerError(e, 'STORE_VERSION') && /version 99/.test(e.message),
    );
    await store.close();
    store = new LmdbStore({ path });
    expect(storedLayoutVersion(store)).toBe(99);
    await store.close();
  });
});
