import {
  type Block,
  type BlockHash,
  bytesToHex,
  Chain,
  decodeHeader,
  encodeHeader,
  hashHeaderBytes,
  hexToBytes,
  MemoryStore,
  meetsTarget,
  NONCE_OFFSET,
  targetBytes,
  targetFromCompact,
  writeU64BE,
} from '@chartproof/ledger';
import { buildBlock, testGenesis, testKey } from '@chartproof/ledger/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { Penalty } from '../p2p/ban-score.js';
import { Limits } from '../p2p/messages.js';
import { HeaderSync, type SyncOptions, type SyncPeer } from './headers-sync.js';

const genesis = testGenesis();

interface FakePeer extends SyncPeer {
  /** The chain this peer serves. */
  readonly chain: Chain;
}

type Call =
  | { kind: 'getheaders'; peer: FakePeer; locator: BlockHash[] }
  | { kind: 'headers'; peer: FakePeer; headers: string[] }
  | { kind: 'blocks'; peer: FakePeer; hashes: BlockHash[] }
  | { kind: 'penalty'; peer: FakePeer; points: number; reason: string };

/** A HeaderSync on a real chain, its injected functions recording what it asked for. */
function harness(local: Chain, options?: Partial<SyncOptions>) {
  const calls: Call[] = [];
  const sync = new HeaderSync<FakePeer>(
    local,
    {
      sendGetHeaders: (peer, locator) => calls.push({ kind: 'getheaders', peer, locator }),
      sendHeaders: (peer, headers) => calls.push({ kind: 'headers', peer, headers }),
      requestBlocks: (peer, hashes) => calls.push({ kind: 'blocks', peer, hashes }),
      penalize: (peer, points, reason) => calls.push({ kind: 'penalty', peer, points, reason }),
      now: () => Date.now(),
    },
    { blockWindow: 256, maxPendingHeaders: 100_000, stallMs: 30_000, ...options },
  );
  const penalties = () => calls.filter((c) => c.kind === 'penalty');
  /**
   * Plays the network: answers each getheaders from the peer's own chain (through a HeaderSync
   * of its own, so onGetHeaders is exercised too) and each block request with the peer's blocks.
   */
  async function run(log: string[] = []): Promise<void> {
    while (calls.some((c) => c.kind === 'getheaders' || c.kind === 'blocks')) {
      const i = calls.findIndex((c) => c.kind === 'getheaders' || c.kind === 'blocks');
      const call = calls.splice(i, 1)[0]!;
      if (call.kind === 'getheaders') {
        const answers: string[][] = [];
        const server = new HeaderSync<FakePeer>(call.peer.chain, {
          sendGetHeaders: () => {},
          sendHeaders: (_p, h) => answers.push(h),
          requestBlocks: () => {},
          penalize: () => {},
          now: () => Date.now(),
        });
        server.onGetHeaders(call.peer, call.locator);
        log.push(`headers ${answers[0]!.length}`);
        sync.onHeaders(call.peer, answers[0]!);
      } else if (call.kind === 'blocks') {
        log.push(`blocks ${call.hashes.length}`);
        for (const hash of call.hashes) {
          await local.addBlock(call.peer.chain.getBlock(hash)!);
          sync.onBlockProcessed(call.peer, hash);
        }
      }
    }
  }
  return { sync, calls, penalties, run };
}

function peerOf(chain: Chain, label = 'peer'): FakePeer {
  return { label, chain, lastTip: { height: chain.tip.height, hash: chain.tip.hash, work: chain.tip.work } };
}

async function chainOf(blocks: readonly Block[]): Promise<Chain> {
  const chain = await Chain.open(genesis, new MemoryStore());
  for (const b of blocks) await chain.addBlock(b);
  return chain;
}

async function grow(chain: Chain, n: number, miner = testKey('validator-0')): Promise<Block[]> {
  const out: Block[] = [];
  for (let i = 0; i < n; i++) {
    const b = buildBlock(chain, chain.tip, [], { miner });
    await chain.addBlock(b);
    out.push(b);
  }
  return out;
}

const hexOf = (b: Block) => bytesToHex(b.headerBytes);

/** The header with its nonce changed until its hash misses the target. */
function withBadPow(b: Block): string {
  const bytes = b.headerBytes.slice();
  const target = targetBytes(targetFromCompact(b.header.bits));
  for (let n = b.header.nonce + 1; ; n++) {
    writeU64BE(bytes, NONCE_OFFSET, n);
    if (!meetsTarget(hexToBytes(hashHeaderBytes(bytes)), target)) return bytesToHex(bytes);
  }
}

describe('HeaderSync', () => {
  let remote: Chain;
  let localBranch: Block[];

  beforeAll(async () => {
    // Two chains forking at genesis: ours of 2,100 blocks, the peer's of 4,100 (more work).
    remote = await Chain.open(genesis, new MemoryStore());
    await grow(remote, 4100);
    const ours = await Chain.open(genesis, new MemoryStore());
    localBranch = await grow(ours, 2100, testKey('validator-1'));
  }, 60_000);

  it('syncs a longer chain in batches of 2000 headers, fetching blocks only once the headers show more work', async () => {
    const local = await chainOf(localBranch);
    const h = harness(local);
    const peer = peerOf(remote);
    h.sync.maybeSync(peer);
    const log: string[] = [];
    await h.run(log);
    expect(h.penalties()).toEqual([]);
    expect(local.tip.hash).toBe(remote.tip.hash);
    // 2,000 headers have less work than our 2,100 blocks: no block is asked for until the next batch.
    expect(log.slice(0, 2)).toEqual(['headers 2000', 'headers 2000']);
    expect(log.filter((l) => l.startsWith('headers'))).toEqual([
      'headers 2000',
      'headers 2000',
      'headers 100',
    ]);
    for (const l of log.filter((l) => l.startsWith('blocks'))) {
      expect(Number(l.split(' ')[1])).toBeLessThanOrEqual(Limits.MAX_GETDATA_BLOCKS);
    }
    expect(h.sync.active).toBe(false);
  }, 60_000);

  it('keeps syncing a long chain when its headers outrun the pending-header bound', async () => {
    const local = await Chain.open(genesis, new MemoryStore());
    const h = harness(local, { maxPendingHeaders: 2500 });
    h.sync.maybeSync(peerOf(remote));
    await h.run();
    expect(h.penalties()).toEqual([]);
    expect(local.tip.hash).toBe(remote.tip.hash);
  }, 60_000);

  it('answers getheaders from the fork point, at most 2000 headers', () => {
    const h = harness(remote);
    const peer = peerOf(remote);
    h.sync.onGetHeaders(peer, [localBranch[50]!.hash, genesis.hash]);
    const sent = h.calls.find((c) => c.kind === 'headers')!;
    if (sent.kind !== 'headers') throw new Error('no headers');
    expect(sent.headers.length).toBe(Limits.MAX_HEADERS);
    expect(decodeHeader(hexToBytes(sent.headers[0]!)).height).toBe(1);
    h.sync.onGetHeaders(peer, [remote.entryAtHeight(4090)!.hash]);
    const last = h.calls.at(-1)!;
    if (last.kind !== 'headers') throw new Error('no headers');
    expect(last.headers.map((x) => decodeHeader(hexToBytes(x)).height)).toEqual([
      4091, 4092, 4093, 4094, 4095, 4096, 4097, 4098, 4099, 4100,
    ]);
  });

  it('drops a header chain that ends with less work than ours and charges the peer', async () => {
    const local = await Chain.open(genesis, new MemoryStore());
    await grow(local, 30);
    const theirs = await Chain.open(genesis, new MemoryStore());
    await grow(theirs, 10, testKey('validator-1'));
    const h = harness(local);
    // The peer claims more work in its hello than its headers will show.
    const peer: FakePeer = {
      ...peerOf(theirs),
      lastTip: { height: 99, hash: theirs.tip.hash, work: 1n << 200n },
    };
    h.sync.maybeSync(peer);
    await h.run();
    expect(h.penalties()).toMatchObject([{ points: Penalty.LOW_WORK_HEADERS }]);
    expect(h.calls.filter((c) => c.kind === 'blocks')).toEqual([]);
    expect(h.sync.active).toBe(false);
    expect(local.height).toBe(30);
  });

  it('charges a peer whose low-work headers exceed the pending bound', async () => {
    const local = await Chain.open(genesis, new MemoryStore());
    await grow(local, 60);
    const theirs = await Chain.open(genesis, new MemoryStore());
    const blocks = await grow(theirs, 40, testKey('validator-1'));
    const h = harness(local, { maxPendingHeaders: 30 });
    const peer: FakePeer = {
      ...peerOf(theirs),
      lastTip: { height: 99, hash: theirs.tip.hash, work: 1n << 200n },
    };
    h.sync.maybeSync(peer);
    h.sync.onHeaders(peer, blocks.map(hexOf));
    expect(h.penalties()).toMatchObject([{ points: Penalty.LOW_WORK_HEADERS, reason: /more than 30/ }]);
    expect(h.sync.active).toBe(false);
  });

  it('charges invalid headers (bad proof-of-work, wrong target, wrong height) and drops the batch', async () => {
    const local = await Chain.open(genesis, new MemoryStore());
    const theirs = await Chain.open(genesis, new MemoryStore());
    const blocks = await grow(theirs, 5);
    const badTarget = encodeHeader({ ...blocks[1]!.header, bits: 0x1d00ffff });
    const badHeight = encodeHeader({ ...blocks[1]!.header, height: 7 });
    for (const bad of [withBadPow(blocks[1]!), bytesToHex(badTarget), bytesToHex(badHeight)]) {
      const h = harness(local);
      const peer = peerOf(theirs);
      h.sync.maybeSync(peer);
      h.calls.length = 0;
      h.sync.onHeaders(peer, [hexOf(blocks[0]!), bad, ...blocks.slice(2).map(hexOf)]);
      expect(h.penalties()).toMatchObject([{ points: Penalty.INVALID_BLOCK, reason: /invalid header/ }]);
      expect(h.calls.filter((c) => c.kind === 'blocks')).toEqual([]);
      expect(h.sync.active).toBe(false);
    }
  });

  it('answers an announcement that does not connect with getheaders, without a penalty', async () => {
    const local = await Chain.open(genesis, new MemoryStore());
    const theirs = await Chain.open(genesis, new MemoryStore());
    const blocks = await grow(theirs, 5);
    const h = harness(local);
    const peer = peerOf(theirs);
    h.sync.onAnnounce(peer, [hexOf(blocks[4]!)]);
    expect(h.penalties()).toEqual([]);
    const ask = h.calls.find((c) => c.kind === 'getheaders');
    expect(ask).toMatchObject({ locator: [genesis.hash] });
    await h.run();
    expect(h.penalties()).toEqual([]);
    expect(local.tip.hash).toBe(theirs.tip.hash);
  });

  it('charges solicited headers that do not connect to our locator', async () => {
    const local = await Chain.open(genesis, new MemoryStore());
    const theirs = await Chain.open(genesis, new MemoryStore());
    const blocks = await grow(theirs, 5);
    const h = harness(local);
    const peer = peerOf(theirs);
    h.sync.maybeSync(peer);
    h.sync.onHeaders(peer, [hexOf(blocks[3]!), hexOf(blocks[4]!)]);
    expect(h.penalties()).toMatchObject([{ points: Penalty.UNCONNECTING_HEADERS }]);
  });

  it('fetches the block of an announcement that extends our tip', async () => {
    const theirs = await Chain.open(genesis, new MemoryStore());
    const blocks = await grow(theirs, 3);
    const local = await chainOf(blocks.slice(0, 2));
    const h = harness(local);
    h.sync.onAnnounce(peerOf(theirs), [hexOf(blocks[2]!)]);
    expect(h.calls).toMatchObject([{ kind: 'blocks', hashes: [blocks[2]!.hash] }]);
    await h.run();
    expect(local.tip.hash).toBe(blocks[2]!.hash);
  });

  it('does not charge an honest competing tip of equal work', async () => {
    const base = await Chain.open(genesis, new MemoryStore());
    const shared = await grow(base, 3);
    const local = await chainOf(shared);
    await grow(local, 1);
    const theirs = await chainOf(shared);
    const [rival] = await grow(theirs, 1, testKey('validator-1'));
    const h = harness(local);
    // Both mined a block at the same height: the peer announces its own.
    h.sync.onAnnounce(peerOf(theirs), [hexOf(rival!)]);
    expect(h.penalties()).toEqual([]);
  });

  it('charges headers nobody asked for (tips come as announcements), and ignores them', async () => {
    const local = await Chain.open(genesis, new MemoryStore());
    await grow(local, 20);
    const theirs = await Chain.open(genesis, new MemoryStore());
    const blocks = await grow(theirs, 5, testKey('validator-1'));
    const h = harness(local);
    h.sync.onHeaders(peerOf(theirs), blocks.map(hexOf));
    expect(h.penalties()).toMatchObject([{ points: Penalty.UNSOLICITED }]);
    expect(h.calls.filter((c) => c.kind === 'blocks')).toEqual([]);
  });

  it('does not charge an answer that ends a few blocks below a tip that grew meanwhile (a race)', async () => {
    const base = await Chain.open(genesis, new MemoryStore());
    const shared = await grow(base, 3);
    const local = await chainOf(shared);
    const theirs = await chainOf(shared);
    const mine = await grow(theirs, 2, testKey('validator-1'));
    const h = harness(local);
    const peer = peerOf(theirs);
    h.sync.maybeSync(peer); // they are ahead by two
    await grow(local, 3); // and then we are ahead by one, before their answer lands
    h.sync.onHeaders(peer, mine.map(hexOf));
    expect(h.penalties()).toEqual([]);
    expect(h.calls.filter((c) => c.kind === 'blocks')).toEqual([]);
  });

  it('follows up an announcement that arrived during a sync once the sync ends', async () => {
    const theirs = await Chain.open(genesis, new MemoryStore());
    const blocks = await grow(theirs, 4);
    const local = await Chain.open(genesis, new MemoryStore());
    const h = harness(local);
    const peer = peerOf(theirs);
    h.sync.maybeSync(peer);
    h.sync.onAnnounce(peer, [hexOf(blocks[3]!)]);
    expect(h.calls.filter((c) => c.kind === 'getheaders')).toHaveLength(1);
    await h.run();
    expect(h.penalties()).toEqual([]);
    expect(local.tip.hash).toBe(theirs.tip.hash);
  });

  it('ends a sync whose remaining headers our chain outgrew meanwhile, and still hears the peer', async () => {
    const theirs = await Chain.open(genesis, new MemoryStore());
    const blocks = await grow(theirs, 8, testKey('validator-1'));
    const local = await Chain.open(genesis, new MemoryStore());
    const h = harness(local, { blockWindow: 4 });
    const peer = peerOf(theirs);
    h.sync.maybeSync(peer);
    h.calls.length = 0;
    h.sync.onHeaders(peer, blocks.map(hexOf));
    expect(h.calls).toMatchObject([{ kind: 'blocks', hashes: blocks.slice(0, 4).map((b) => b.hash) }]);
    h.calls.length = 0;
    // Before those blocks land, our own chain grows past the peer's whole header chain.
    await grow(local, 10);
    for (const b of blocks.slice(0, 4)) {
      await local.addBlock(b);
      h.sync.onBlockProcessed(peer, b.hash);
    }
    expect(h.calls.filter((c) => c.kind === 'blocks')).toEqual([]);
    expect(h.sync.active).toBe(false);
    // The peer goes on to beat our chain: its announcement is followed, not left behind a stale sync.
    const more = await grow(theirs, 4, testKey('validator-1'));
    h.sync.onAnnounce(peer, [hexOf(more[3]!)]);
    await h.run();
    expect(h.penalties()).toEqual([]);
    expect(local.tip.hash).toBe(theirs.tip.hash);
  });

  it('drops a sync slot when the peer cannot serve a block it sent the header of', async () => {
    const theirs = await Chain.open(genesis, new MemoryStore());
    const blocks = await grow(theirs, 3);
    const local = await Chain.open(genesis, new MemoryStore());
    const h = harness(local);
    const peer = peerOf(theirs);
    h.sync.maybeSync(peer);
    h.sync.onHeaders(peer, blocks.map(hexOf));
    expect(h.sync.active).toBe(true);
    h.sync.onNotFound(peer, [blocks[0]!.hash]);
    expect(h.sync.active).toBe(false);
    expect(h.penalties()).toEqual([]);
  });

  it('forgets a peer that stalls, without charging it', async () => {
    let now = 1_000;
    const local = await Chain.open(genesis, new MemoryStore());
    const sync = new HeaderSync<FakePeer>(
      local,
      {
        sendGetHeaders: () => {},
        sendHeaders: () => {},
        requestBlocks: () => {},
        penalize: () => {
          throw new Error('penalised');
        },
        now: () => now,
      },
      { blockWindow: 256, maxPendingHeaders: 1000, stallMs: 500 },
    );
    const peer = peerOf(remote);
    sync.maybeSync(peer);
    expect(sync.active).toBe(true);
    now += 400;
    expect(sync.checkStalls()).toEqual([]);
    now += 200;
    expect(sync.checkStalls()).toEqual([peer]);
    expect(sync.active).toBe(false);
  });
});
