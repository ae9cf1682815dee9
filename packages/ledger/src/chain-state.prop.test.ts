/**
 * Property tests of the real Chain over a MemoryStore: fork choice whatever the arrival order,
 * reorgs and their reverse, returned transactions, tampered blocks and transactions, invalid
 * side branches, and reopening the store.
 *
 * With the test genesis every block carries the same work (timestamps are never earlier than one
 * block interval after the parent, so the target stays at the floor), so a branch's work is its
 * length. Transactions come from a fixed pool of signed transactions with dependencies (a patient
 * is registered before a record of theirs is anchored, granted, revoked): the same pool item on
 * two branches is the same transaction, so branches overlap.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Block, blockFromJson, blockToJson, decodeBlock, encodeBlock } from './block.js';
import type { BlockHash, Hash32, Id128, PublicKey, TxId } from './brand.js';
import { type AddBlockResult, type BlockEntry, Chain, type Reorg, signatureKey } from './chain-state.js';
import { isLedgerError, type LedgerError } from './errors.js';
import { HEADER_SIZE } from './header.js';
import type { KeyPair } from './keys.js';
import { MemoryStore } from './store/memory-store.js';
import { buildBlock, testAnchor, testGenesis, testKey, testRegistrations } from './testing.js';
import type { Transaction, TxBody, TxType } from './tx/schema.js';
import { parseTransaction, signTransaction, txId } from './tx/signing.js';

const genesis = testGenesis();
const ca = testKey('central-authority');
const ha = testKey('hospital');
const validators = [0, 1, 2].map((i) => testKey(`validator-${i}`));
const PATIENTS = 6;
const patients = Array.from({ length: PATIENTS }, (_, i) => testKey(`patient-${i}`));
const id = (n: number) => n.toString(16).padStart(32, '0') as Id128;
const idOf = (t: Transaction) => txId(t, genesis.hashBytes);
const sign = <T extends TxType>(type: T, body: TxBody<T>, key: KeyPair) =>
  signTransaction(type, body, key, genesis.hashBytes);

// ---- the transaction pool ----------------------------------------------------------------------

interface PoolItem {
  readonly key: string;
  readonly deps: readonly string[];
  readonly tx: Transaction;
}

const POOL: readonly PoolItem[] = [
  {
    key: 'ha',
    deps: [],
    tx: sign('account.register', { account: ha.publicKey, role: 'health_authority', subject: id(1) }, ca),
  },
  ...patients.flatMap((p, i): PoolItem[] => [
    {
      key: `p${i}`,
      deps: [],
      tx: sign('account.register', { account: p.publicKey, role: 'patient', subject: id(10 + i) }, ca),
    },
    {
      key: `a${i}`,
      deps: ['ha', `p${i}`],
      tx: sign(
        'record.anchor',
        {
          record_id: id(100 + i),
          patient: p.publicKey,
          creator: ha.publicKey,
          date: '2025-11-04T12:17:34.969Z',
          commitment: (i + 1).toString(16).padStart(64, '0') as Hash32,
        },
        ha,
      ),
    },
    {
      key: `g${i}`,
      deps: [`a${i}`],
      tx: sign('access.grant', { record_id: id(100 + i), grantee: ha.publicKey, request_id: id(200 + i) }, p),
    },
    {
      key: `r${i}`,
      deps: [`g${i}`],
      tx: sign(
        'access.revoke',
        { record_id: id(100 + i), grantee: ha.publicKey, request_id: id(200 + i) },
        p,
      ),
    },
  ]),
];

/** The pool items `picks` select that are valid after `done`, in order; and the new `done`. */
function planTxs(picks: readonly number[], done: ReadonlySet<string>) {
  const next = new Set(done);
  const txs: Transaction[] = [];
  for (const p of picks) {
    const item = POOL[p % POOL.length]!;
    if (next.has(item.key) || !item.deps.every((d) => next.has(d))) continue;
    next.add(item.key);
    txs.push(item.tx);
  }
  return { txs, done: next };
}

// ---- building blocks off-chain -----------------------------------------------------------------

/** A block with the model of the state it leaves, built without any chain holding its parent. */
interface Node {
  readonly block: Block | null; // null for genesis
  readonly entry: BlockEntry;
  readonly done: ReadonlySet<string>;
  readonly parent: Node | null;
}

let builder: Chain; // only for its genesis entry and retarget rule: never receives a block
let root: Node;
beforeAll(async () => {
  builder = await Chain.open(genesis, new MemoryStore());
  root = { block: null, entry: builder.tip, done: new Set(), parent: null };
});

/**
 * A child of `parent` holding the pool items `picks` selects (or exactly `txs`). `delay` (ms past
 * one block interval) and the miner keep siblings distinct; neither changes the work.
 */
function child(
  parent: Node,
  picks: readonly number[],
  opts: { miner?: number; delay?: number; txs?: readonly Transaction[] } = {},
): Node {
  const planned = planTxs(picks, parent.done);
  const txs = opts.txs ?? planned.txs;
  const block = buildBlock(builder, parent.entry, txs, {
    miner: validators[opts.miner ?? 0]!,
    timestamp: parent.entry.header.timestamp + genesis.params.block_interval_ms + (opts.delay ?? 0),
  });
  const entry: BlockEntry = {
    hash: block.hash,
    header: block.header,
    height: block.header.height,
    work: 0n, // not used by buildBlock
    parent: parent.entry,
    status: 'side',
  };
  return { block, entry, done: opts.txs === undefined ? planned.done : parent.done, parent };
}

/** `n` blocks in a line below `from`. */
function line(
  from: Node,
  picks: readonly (readonly number[])[],
  opts: { miner?: number; delay?: number } = {},
) {
  const out: Node[] = [];
  let at = from;
  for (const p of picks) {
    at = child(at, p, opts);
    out.push(at);
  }
  return out;
}

const blocksTo = (n: Node): Block[] => {
  const out: Block[] = [];
  for (let x: Node | null = n; x?.block != null; x = x.parent) out.push(x.block);
  return out.reverse();
};

async function freshChain(blocks: readonly Block[], store = new MemoryStore()) {
  const chain = await Chain.open(genesis, store);
  for (const b of blocks) expect((await chain.addBlock(b)).status).toBe('extended');
  return chain;
}

async function rejection(p: Promise<unknown>): Promise<LedgerError> {
  try {
    await p;
  } catch (e) {
    if (isLedgerError(e)) return e;
    throw e;
  }
  throw new Error('expected a LedgerError, the promise resolved');
}

const picksArb = fc.array(fc.nat(), { maxLength: 4 });

// ---- (a) fork choice whatever the arrival order ------------------------------------------------

/** A random topological order of `nodes` (parents before children), steered by `seeds`. */
function topologicalOrder(nodes: readonly Node[], seeds: readonly number[]): Node[] {
  const placed = new Set<Node>([root]);
  const out: Node[] = [];
  for (let k = 0; out.length < nodes.length; k++) {
    const ready = nodes.filter((n) => !placed.has(n) && placed.has(n.parent!));
    const pick = ready[(seeds[k % seeds.length] ?? 0) % ready.length]!;
    placed.add(pick);
    out.push(pick);
  }
  return out;
}

describe('Chain fork choice (property)', () => {
  it('ends on a most-work tip whatever order a block tree arrives in, with the state of that branch alone', async () => {
    const specArb = fc.array(fc.record({ parent: fc.nat(), miner: fc.nat(2), picks: picksArb }), {
      minLength: 1,
      maxLength: 10,
    });
    const ordersArb = fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 10 }), {
      minLength: 3,
      maxLength: 3,
    });
    let unique = 0;
    let tied = 0;
    await fc.assert(
      fc.asyncProperty(specArb, ordersArb, async (spec, orders) => {
        const nodes: Node[] = [];
        for (const [i, s] of spec.entries()) {
          const all = [root, ...nodes];
          nodes.push(child(all[s.parent % all.length]!, s.picks, { miner: s.miner, delay: i }));
        }
        const maxHeight = Math.max(...nodes.map((n) => n.entry.height));
        const tops = nodes.filter((n) => n.entry.height === maxHeight);
        if (tops.length === 1) unique++;
        else tied++;

        const tips: BlockHash[] = [];
        for (const seeds of orders) {
          const store = new MemoryStore();
          const chain = await Chain.open(genesis, store);
          const order = topologicalOrder(nodes, seeds);
          for (const n of order) {
            const r = await chain.addBlock(n.block!);
            expect(r.status).not.toBe('known');
          }
          // the most work of any block in the tree
          let max = 0n;
          for (const n of nodes) {
            const w = chain.getEntry(n.entry.hash)!.work;
            if (w > max) max = w;
          }
          expect(chain.tip.work).toBe(max);
          expect(chain.tip.height).toBe(maxHeight);
          // between equal work the first seen stays
          const firstTop = order.find((n) => n.entry.height === maxHeight)!;
          expect(chain.tip.hash).toBe(firstTop.entry.hash);
          tips.push(chain.tip.hash);

          const reference = await freshChain(blocksTo(firstTop));
          expect(chain.state.digest()).toBe(reference.state.digest());
          for (let h = 0; h <= chain.height; h++) {
            expect(chain.entryAtHeight(h)?.hash).toBe(reference.entryAtHeight(h)?.hash);
          }
          // (g) reopening the store gives the same tip and state
          const reopened = await Chain.open(genesis, store);
          expect(reopened.tip.hash).toBe(chain.tip.hash);
          expect(reopened.state.digest()).toBe(chain.state.digest());
        }
        if (tops.length === 1) expect(new Set(tips).size).toBe(1);
      }),
      { numRuns: 25 },
    );
    expect(unique).toBeGreaterThan(0);
    expect(tied).toBeGreaterThan(0);
  });
});

// ---- (b), (c), (g) a reorg and its reverse -------------------------------------------------------

function expectReorg(r: AddBlockResult): Reorg {
  expect(r.status).toBe('reorg');
  if (r.status !== 'reorg') throw new Error('unreachable');
  return r.reorg;
}

/** What returnedTransactions must give: abandoned transactions, oldest first, minus the new branch's. */
function expectedReturned(abandoned: readonly Node[], connected: readonly Node[]): TxId[] {
  const kept = new Set(connected.flatMap((n) => n.block!.txIds));
  return abandoned.flatMap((n) => n.block!.txIds).filter((t) => !kept.has(t));
}

describe('Chain reorganisation (property)', () => {
  it('a reorg and its reverse restore the state of the final best branch, fed alone; reopening agrees', async () => {
    const arb = fc.record({
      prefix: fc.array(picksArb, { maxLength: 2 }),
      a: fc.array(picksArb, { minLength: 1, maxLength: 3 }),
      bExtra: fc.integer({ min: 1, max: 2 }),
      b: fc.array(picksArb, { minLength: 5, maxLength: 5 }),
      extExtra: fc.integer({ min: 1, max: 2 }),
      ext: fc.array(picksArb, { minLength: 5, maxLength: 5 }),
      emptyExt: fc.boolean(),
    });
    let overlaps = 0;
    await fc.assert(
      fc.asyncProperty(arb, async (s) => {
        const store = new MemoryStore();
        const chain = await Chain.open(genesis, store);
        const prefix = line(root, s.prefix, { miner: 2 });
        const fork = prefix.at(-1) ?? root;
        const a = line(fork, s.a, { miner: 0 });
        const b = line(fork, s.b.slice(0, s.a.length + s.bExtra), { miner: 1, delay: 1 });
        const extPicks = s.ext.slice(0, b.length - a.length + s.extExtra).map((p) => (s.emptyExt ? [] : p));
        const ext = line(a.at(-1)!, extPicks, { miner: 0, delay: 2 });

        for (const n of [...prefix, ...a]) expect((await chain.addBlock(n.block!)).status).toBe('extended');
        const digestA = chain.state.digest();

        // branch B: side while it has no more work than A (a tie does not switch), then the reorg
        let reorgB: Reorg | undefined;
        for (const [i, n] of b.entries()) {
          const r = await chain.addBlock(n.block!);
          if (i < a.length) expect(r.status).toBe('side');
          else if (i === a.length) reorgB = expectReorg(r);
          else expect(r.status).toBe('extended');
        }
        expect(chain.tip.hash).toBe(b.at(-1)!.entry.hash);
        const connectedB = b.slice(0, a.length + 1);
        expect(reorgB!.fork.hash).toBe(fork.entry.hash);
        expect(reorgB!.disconnected.map((x) => x.hash)).toEqual(a.map((n) => n.entry.hash).reverse());
        expect(reorgB!.connected.map((x) => x.hash)).toEqual(connectedB.map((n) => n.entry.hash));
        // (c) the abandoned transactions come back, except those the new branch holds
        const returnedB = Chain.returnedTransactions(reorgB!);
        expect(returnedB.map(idOf)).toEqual(expectedReturned(a, connectedB));
        if (returnedB.length < a.flatMap((n) => n.block!.txs).length) overlaps++;
        // ... and can all be mined again on the new branch
        const remine = await freshChain(blocksTo(connectedB.at(-1)!));
        expect((await remine.addBlock(buildBlock(remine, remine.tip, returnedB))).status).toBe('extended');

        const onB = await freshChain(blocksTo(b.at(-1)!));
        expect(chain.state.digest()).toBe(onB.state.digest());
        const reopenedB = await Chain.open(genesis, store);
        expect(reopenedB.tip.hash).toBe(chain.tip.hash);
        expect(reopenedB.state.digest()).toBe(chain.state.digest());

        // A grows past B: the reorg back
        let reorgA: Reorg | undefined;
        const overtake = b.length - a.length; // index in ext of the block that gives A more work
        for (const [i, n] of ext.entries()) {
          const r = await chain.addBlock(n.block!);
          if (i < overtake) expect(r.status).toBe('side');
          else if (i === overtake) reorgA = expectReorg(r);
          else expect(r.status).toBe('extended');
        }
        const connectedA = [...a, ...ext.slice(0, overtake + 1)];
        expect(reorgA!.disconnected.map((x) => x.hash)).toEqual(b.map((n) => n.entry.hash).reverse());
        expect(reorgA!.connected.map((x) => x.hash)).toEqual(connectedA.map((n) => n.entry.hash));
        expect(Chain.returnedTransactions(reorgA!).map(idOf)).toEqual(expectedReturned(b, connectedA));

        const best = ext.at(-1)!;
        expect(chain.tip.hash).toBe(best.entry.hash);
        const onA = await freshChain(blocksTo(best));
        expect(chain.state.digest()).toBe(onA.state.digest());
        if (s.emptyExt) expect(chain.state.digest()).toBe(digestA); // the reverse restores A's state
        // (g)
        const reopened = await Chain.open(genesis, store);
        expect(reopened.tip.hash).toBe(best.entry.hash);
        expect(reopened.state.digest()).toBe(chain.state.digest());
      }),
      { numRuns: 30 },
    );
    expect(overlaps).toBeGreaterThan(0); // some runs had transactions on both branches
  });

  it('returns nothing when the abandoned blocks hold only what the new branch holds', async () => {
    const chain = await Chain.open(genesis, new MemoryStore());
    const [a1] = line(root, [[0, 1]], { miner: 0 });
    const [b1, b2] = line(root, [[0, 1], []], { miner: 1 });
    await chain.addBlock(a1!.block!);
    await chain.addBlock(b1!.block!);
    const reorg = expectReorg(await chain.addBlock(b2!.block!));
    expect(reorg.disconnected.map((x) => x.hash)).toEqual([a1!.entry.hash]);
    expect(Chain.returnedTransactions(reorg)).toEqual([]);
  });
});

// ---- (d) a tampered byte anywhere in an encoded block --------------------------------------------

describe('Chain and tampered blocks (property)', () => {
  /** A chain whose tip has registered everyone, and a valid next block holding every tx type. */
  async function setup() {
    const chain = await Chain.open(genesis, new MemoryStore());
    const service = testKey('api-service');
    const reg = (k: KeyPair, role: 'health_authority' | 'patient' | 'service', n: number) =>
      sign('account.register', { account: k.publicKey, role, subject: id(n) }, ca);
    const b1 = buildBlock(chain, chain.tip, [
      POOL[0]!.tx,
      ...POOL.filter((p) => p.key === 'p0' || p.key === 'p1').map((p) => p.tx),
      reg(service, 'service', 5),
    ]);
    await chain.addBlock(b1);
    const b2 = buildBlock(
      chain,
      chain.tip,
      POOL.filter((p) => p.key === 'a0' || p.key === 'g0').map((p) => p.tx),
    );
    await chain.addBlock(b2);
    const candidates: Transaction[] = [
      reg(testKey('new-patient'), 'patient', 7),
      POOL.find((p) => p.key === 'a1')!.tx,
      sign('access.grant', { record_id: id(100), grantee: ha.publicKey, request_id: id(300) }, patients[0]!),
      POOL.find((p) => p.key === 'r0')!.tx,
      sign('audit.checkpoint', { from: 1, to: 5, root: 'cd'.repeat(32) as Hash32 }, service),
    ];
    return { chain, candidates };
  }

  it('rejects a block with any one byte changed: decodeBlock throws or addBlock rejects, with a LedgerError', async () => {
    const { chain, candidates } = await setup();
    const good = buildBlock(chain, chain.tip, candidates);
    const bytes = encodeBlock(good);
    const SIG_END = HEADER_SIZE + 64;
    const tipBefore = chain.tip.hash;
    const digestBefore = chain.state.digest();
    const outcomes = { decode: 0, add: 0 };

    const tamper = async (pos: number, xor: number) => {
      const bad = bytes.slice();
      bad[pos]! ^= xor;
      let block: Block;
      try {
        block = decodeBlock(bad, genesis);
      } catch (e) {
        expect(isLedgerError(e), `decodeBlock threw ${String(e)} for byte ${pos} ^ ${xor}`).toBe(true);
        outcomes.decode++;
        return;
      }
      const err = await rejection(chain.addBlock(block));
      expect(err.code).toBeDefined();
      outcomes.add++;
    };

    const position = fc.oneof(
      fc.integer({ min: 0, max: HEADER_SIZE - 1 }),
      fc.integer({ min: HEADER_SIZE, max: SIG_END - 1 }),
      fc.integer({ min: SIG_END, max: bytes.length - 1 }),
    );
    await fc.assert(
      fc.asyncProperty(position, fc.integer({ min: 1, max: 255 }), (pos, xor) => tamper(pos, xor)),
      { numRuns: 600 },
    );
    // and every position at least once, with the lowest bit flipped
    for (let pos = 0; pos < bytes.length; pos++) await tamper(pos, 1);

    expect(outcomes.decode).toBeGreaterThan(0);
    expect(outcomes.add).toBeGreaterThan(0);
    expect(chain.tip.hash).toBe(tipBefore);
    expect(chain.state.digest()).toBe(digestBefore);
    // the untampered bytes are a good block
    expect((await chain.addBlock(decodeBlock(bytes, genesis))).status).toBe('extended');
  });

  // ---- (e) a transaction tampered in any field -------------------------------------------------

  const HEX = '0123456789abcdef';
  const ROLES = ['health_authority', 'patient', 'service'] as const;

  /** `tx` with one field changed to another value of the right shape. */
  function tamperTx(tx: Transaction, field: number, n: number): Transaction {
    const body = tx.body as Record<string, unknown>;
    const fields = ['signer', 'sig', ...Object.keys(body).map((k) => `body.${k}`)];
    if (tx.type === 'access.grant' || tx.type === 'access.revoke') fields.push('type');
    const f = fields[field % fields.length]!;
    const flipHex = (s: string) => {
      const i = n % s.length;
      const c = HEX[(HEX.indexOf(s[i]!) + 1 + (Math.floor(n / s.length) % 15)) % 16]!;
      return s.slice(0, i) + c + s.slice(i + 1);
    };
    if (f === 'type')
      return { ...tx, type: tx.type === 'access.grant' ? 'access.revoke' : 'access.grant' } as Transaction;
    if (f === 'signer') return { ...tx, signer: flipHex(tx.signer) as PublicKey };
    if (f === 'sig') return { ...tx, sig: flipHex(tx.sig) as Transaction['sig'] };
    const k = f.slice('body.'.length);
    const v = body[k];
    let changed: unknown;
    if (k === 'role') changed = ROLES[(ROLES.indexOf(v as (typeof ROLES)[number]) + 1 + (n % 2)) % 3];
    else if (k === 'date') changed = new Date(Date.parse(v as string) + 1 + (n % 1e9)).toISOString();
    else if (k === 'from')
      changed = 2 + (n % 4); // still <= to (5)
    else if (k === 'to') changed = 6 + (n % 1000);
    else changed = flipHex(v as string);
    return { ...tx, body: { ...body, [k]: changed } } as Transaction;
  }

  it('rejects a block holding a transaction changed in any field (signer, body, sig, type) as BLOCK_BAD_TX', async () => {
    const { chain, candidates } = await setup();
    for (const t of candidates) chain.state.check(t, idOf(t)); // all valid as they stand
    const tipBefore = chain.tip.hash;
    await fc.assert(
      fc.asyncProperty(fc.nat(candidates.length - 1), fc.nat(), fc.nat(), async (k, field, n) => {
        const tampered = tamperTx(candidates[k]!, field, n);
        expect(tampered).not.toEqual(candidates[k]);
        expect(parseTransaction(tampered, genesis.params.max_tx_bytes)).toEqual(tampered); // still well formed
        const txs = candidates.map((t, i) => (i === k ? tampered : t));
        const wire = JSON.parse(JSON.stringify(blockToJson(buildBlock(chain, chain.tip, txs))));
        const block = blockFromJson(wire, genesis);
        const err = await rejection(chain.addBlock(block));
        expect(err.code).toBe('BLOCK_BAD_TX');
        // refused by the signature check, not by a state rule
        expect(err.details).toMatchObject({ index: k, txId: idOf(tampered) });
        expect(err.details.reason).toBeUndefined();
      }),
      { numRuns: 250 },
    );
    expect(chain.tip.hash).toBe(tipBefore);
    expect((await chain.addBlock(buildBlock(chain, chain.tip, candidates))).status).toBe('extended');
  });

  // A transaction id leaves out the signature (tx/signing.ts), so the cache of checked signatures
  // is keyed by id and signature: a node holding the genuine transaction in its mempool must reject
  // a block carrying it with a forged signature, exactly as a node without it does.
  it('rejects a tampered signature even when the genuine signature was checked before', async () => {
    const genuine = new Set((await setup()).candidates.map((t) => signatureKey(idOf(t), t.sig)));
    const results: string[] = [];
    for (const verifiedSignatures of [undefined, genuine]) {
      const { chain, candidates } = await setup();
      const forged = candidates.map((t) => tamperTx(t, 1, 7)); // field 1 is `sig`
      for (const [i, t] of forged.entries()) expect(idOf(t)).toBe(idOf(candidates[i]!));
      const block = buildBlock(chain, chain.tip, forged);
      results.push(
        await chain.addBlock(block, { verifiedSignatures }).then(
          (r) => r.status,
          (e: LedgerError) => e.code,
        ),
      );
    }
    expect(results).toEqual(['BLOCK_BAD_TX', 'BLOCK_BAD_TX']); // a node's mempool must not change the verdict
  });

  it('skips the check only for the exact signature that was checked', async () => {
    const { chain, candidates } = await setup();
    const checked = new Set(candidates.map((t) => signatureKey(idOf(t), t.sig)));
    const r = await chain.addBlock(buildBlock(chain, chain.tip, candidates), { verifiedSignatures: checked });
    expect(r.status).toBe('extended');
  });
});

// ---- (e') a block large enough that its signatures are checked on the thread pool ---------------

describe('Chain and a large block (parallel signature checks)', () => {
  it('names the first bad signature in block order, whichever check finishes first', async () => {
    const chain = await Chain.open(genesis, new MemoryStore());
    await chain.addBlock(buildBlock(chain, chain.tip, testRegistrations(genesis)));
    const anchors = Array.from({ length: 48 }, (_, i) => testAnchor(genesis, 5000 + i));
    const forge = (t: Transaction): Transaction => ({
      ...t,
      sig: (t.sig.slice(0, 10) + (t.sig[10] === '0' ? '1' : '0') + t.sig.slice(11)) as Transaction['sig'],
    });
    const tipBefore = chain.tip.hash;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.nat(anchors.length - 1), { minLength: 1, maxLength: 4 }),
        async (bad) => {
          const txs = anchors.map((t, i) => (bad.includes(i) ? forge(t) : t));
          const err = await rejection(chain.addBlock(buildBlock(chain, chain.tip, txs)));
          expect(err.code).toBe('BLOCK_BAD_TX');
          expect(err.details.index).toBe(Math.min(...bad));
        },
      ),
      { numRuns: 40 },
    );
    expect(chain.tip.hash).toBe(tipBefore);
    expect((await chain.addBlock(buildBlock(chain, chain.tip, anchors))).status).toBe('extended');
  });
});

// ---- (f), (g) an invalid side branch that would win by work ------------------------------------

describe('Chain and invalid side branches', () => {
  it('refuses a branch whose older block is invalid: keeps tip and state, marks it and its descendants, a valid branch still wins', async () => {
    const store = new MemoryStore();
    const chain = await Chain.open(genesis, store);
    const [b1] = line(root, [[0, 1, 2]], { miner: 2 }); // ha, p0, a0
    const a = line(b1!, [[3], [5], [], []], { miner: 0 }); // g0, p1: heights 2..5
    for (const n of [b1!, ...a]) await chain.addBlock(n.block!);
    const tip = chain.tip.hash;
    const digest = chain.state.digest();

    const x2 = child(b1!, [3], { miner: 1 }); // g0 again: valid, side
    const y3 = child(x2, [], { miner: 1, txs: [POOL[0]!.tx] }); // replays b1's registration
    const [z4, z5] = line(y3, [[], []], { miner: 1 });
    const z5b = child(z4!, [], { miner: 2 }); // a sibling of z5
    const z6 = child(z5!, [], { miner: 1 });
    for (const n of [x2, y3, z4!, z5!, z5b]) expect((await chain.addBlock(n.block!)).status).toBe('side');

    const err = await rejection(chain.addBlock(z6.block!));
    expect(err.code).toBe('BLOCK_BAD_TX');
    expect(chain.tip.hash).toBe(tip);
    expect(chain.state.digest()).toBe(digest);
    expect(chain.getEntry(x2.entry.hash)!.status).toBe('side');
    for (const n of [y3, z4!, z5!, z5b, z6]) expect(chain.getEntry(n.entry.hash)!.status).toBe('invalid');
    for (const n of a) expect(chain.isOnBestChain(n.entry.hash)).toBe(true);

    // known-invalid blocks and their children stay refused
    expect((await rejection(chain.addBlock(z6.block!))).code).toBe('BLOCK_BAD_TX');
    expect((await rejection(chain.addBlock(child(z6, []).block!))).code).toBe('HEADER_BAD_PREV');
    expect((await rejection(chain.addBlock(child(z5b, [], { miner: 0 }).block!))).code).toBe(
      'HEADER_BAD_PREV',
    );

    // (g) a reopened store finds the same tip and state
    const reopened = await Chain.open(genesis, store);
    expect(reopened.tip.hash).toBe(tip);
    expect(reopened.state.digest()).toBe(digest);

    // a valid branch from x2 with more work than A wins
    const c = line(x2, [[5], [6], [], []], { miner: 2, delay: 3 }); // p1, a1: heights 3..6
    const results: string[] = [];
    for (const n of c) results.push((await chain.addBlock(n.block!)).status);
    expect(results).toEqual(['side', 'side', 'side', 'reorg']);
    expect(chain.tip.hash).toBe(c.at(-1)!.entry.hash);
    const reference = await freshChain(blocksTo(c.at(-1)!));
    expect(chain.state.digest()).toBe(reference.state.digest());
    const again = await Chain.open(genesis, store);
    expect(again.tip.hash).toBe(chain.tip.hash);
    expect(again.state.digest()).toBe(chain.state.digest());
  });

  it('refuses a reorg to an invalid new block, and its valid sibling can win afterwards', async () => {
    const store = new MemoryStore();
    const chain = await Chain.open(genesis, store);
    const [b1] = line(root, [[0, 1]], { miner: 2 }); // ha, p0
    const a = line(b1!, [[2], []], { miner: 0 }); // a0: heights 2..3
    for (const n of [b1!, ...a]) await chain.addBlock(n.block!);
    const tip = chain.tip.hash;
    const digest = chain.state.digest();

    const x = line(b1!, [[5], [6]], { miner: 1 }); // p1, a1: heights 2..3, side
    for (const n of x) expect((await chain.addBlock(n.block!)).status).toBe('side');
    // an anchor for a patient never registered on this branch
    const bad = child(x.at(-1)!, [], { miner: 1, txs: [POOL.find((p) => p.key === 'a2')!.tx] });
    const err = await rejection(chain.addBlock(bad.block!));
    expect(err.code).toBe('BLOCK_BAD_TX');
    expect(chain.tip.hash).toBe(tip);
    expect(chain.state.digest()).toBe(digest);
    expect(chain.getEntry(bad.entry.hash)!.status).toBe('invalid');
    for (const n of x) expect(chain.getEntry(n.entry.hash)!.status).toBe('side');

    const good = child(x.at(-1)!, [7], { miner: 2 }); // g1
    const reorg = expectReorg(await chain.addBlock(good.block!));
    expect(reorg.connected.map((b) => b.hash)).toEqual([...x, good].map((n) => n.entry.hash));
    expect(Chain.returnedTransactions(reorg).map(idOf)).toEqual(a.flatMap((n) => n.block!.txIds));
    const reference = await freshChain(blocksTo(good));
    expect(chain.state.digest()).toBe(reference.state.digest());
    const reopened = await Chain.open(genesis, store);
    expect(reopened.tip.hash).toBe(good.entry.hash);
    expect(reopened.state.digest()).toBe(chain.state.digest());
  });
});
