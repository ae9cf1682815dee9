import { describe, expect, it } from 'vitest';
import { blockFromJson, blockToJson } from './block.js';
import type { Id128 } from './brand.js';
import { Chain } from './chain-state.js';
import { isLedgerError } from './errors.js';
import { MemoryStore } from './store/memory-store.js';
import { buildBlock, testGenesis, testKey } from './testing.js';
import { signTransaction } from './tx/signing.js';

const genesis = testGenesis();
const ca = testKey('central-authority');
const ha = testKey('hospital');
const patient = testKey('patient');
const id = (n: number) => n.toString(16).padStart(32, '0') as Id128;

function register(key = ha, role: 'health_authority' | 'patient' = 'health_authority', subject = id(1)) {
  return signTransaction(
    'account.register',
    { account: key.publicKey, role, subject },
    ca,
    genesis.hashBytes,
  );
}

function anchor(recordId: Id128) {
  return signTransaction(
    'record.anchor',
    {
      record_id: recordId,
      patient: patient.publicKey,
      creator: ha.publicKey,
      date: '2025-11-04T12:17:34.969Z',
      commitment: 'ab'.repeat(32) as never,
    },
    ha,
    genesis.hashBytes,
  );
}

/** A memory store whose next commit waits until `release` is called. */
class HeldStore extends MemoryStore {
  private held: Promise<void> | null = null;
  release: () => void = () => {};
  hold(): void {
    this.held = new Promise((resolve) => {
      this.release = resolve;
    });
  }
  override async commit(ops: Parameters<MemoryStore['commit']>[0]): Promise<void> {
    const held = this.held;
    this.held = null;
    if (held !== null) await held;
    return super.commit(ops);
  }
}

/** A memory store whose commits each wait for a gate, and can be made to fail. */
class GatedStore extends MemoryStore {
  gates: Array<{ open: () => void; fail: (e: Error) => void }> = [];
  override async commit(ops: Parameters<MemoryStore['commit']>[0]): Promise<void> {
    await new Promise<void>((open, fail) => this.gates.push({ open, fail }));
    return super.commit(ops);
  }
}

const tick = () => new Promise((r) => setTimeout(r, 5));

/** Waits until `cond` holds (checks run in worker threads, so a fixed tick is too short on a loaded machine). */
async function until(cond: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await tick();
  }
}

async function gatedChain(): Promise<{ store: GatedStore; chain: Chain }> {
  const store = new GatedStore();
  const open = Chain.open(genesis, store);
  await until(() => store.gates.length > 0, 'the genesis commit');
  store.gates.shift()!.open(); // genesis and layout version
  return { store, chain: await open };
}

describe('Chain commits', () => {
  it('checks and connects the next block while the previous commit is on its way, resolving each only once durable', async () => {
    const { store, chain } = await gatedChain();
    const b1 = buildBlock(chain, chain.tip, [register(), register(patient, 'patient', id(2))]);
    let connected = false;
    const first = chain.addBlock(b1, { onConnected: () => (connected = true) });
    await until(() => connected, 'b1 connected');
    const b2 = buildBlock(chain, chain.tip, [anchor(id(7))]);
    let secondDone = false;
    const second = chain.addBlock(b2).then((r) => {
      secondDone = true;
      return r;
    });
    await until(() => chain.tip.hash === b2.hash, 'b2 connected'); // on b1 while b1's commit is held
    expect(store.gates).toHaveLength(1); // b2's commit waits behind b1's
    store.gates.shift()!.open();
    expect((await first).status).toBe('extended');
    await tick();
    expect(secondDone).toBe(false);
    store.gates.shift()!.open();
    expect((await second).status).toBe('extended');
    expect((await Chain.open(genesis, store)).tip.hash).toBe(b2.hash);
  });

  it('refuses every block after a failed commit (STORE_FAILED); what is on disk reopens valid', async () => {
    const { store, chain } = await gatedChain();
    const b1 = buildBlock(chain, chain.tip, [register(), register(patient, 'patient', id(2))]);
    await Promise.all([
      chain.addBlock(b1),
      until(() => store.gates.length > 0, "b1's commit").then(() => store.gates.shift()!.open()),
    ]);
    const b2 = buildBlock(chain, chain.tip, [anchor(id(8))]);
    const second = chain.addBlock(b2).catch((e: unknown) => e);
    await until(() => store.gates.length === 1, "b2's commit");
    const b3 = buildBlock(chain, chain.tip, [anchor(id(9))]);
    const third = chain.addBlock(b3).catch((e: unknown) => e);
    await tick();
    store.gates.shift()!.fail(new Error('MDB_MAP_FULL'));
    for (const outcome of [await second, await third]) {
      expect(isLedgerError(outcome, 'STORE_FAILED')).toBe(true);
      expect((outcome as Error).message).toMatch(/MDB_MAP_FULL.*restart the node/);
    }
    expect(store.gates).toHaveLength(0); // b3's commit never reached the store
    await expect(chain.addBlock(buildBlock(chain, chain.tip, []))).rejects.toSatisfy((e: unknown) =>
      isLedgerError(e, 'STORE_FAILED'),
    );
    await chain.idle();
    // The store holds b1 and nothing after it: a restart carries on from there.
    expect((await Chain.open(genesis, store)).tip.hash).toBe(b1.hash);
  });
});

describe('Chain', () => {
  it('finds the new tip, its block and its transactions while the tip commit is still on its way', async () => {
    const store = new HeldStore();
    const chain = await Chain.open(genesis, store);
    const block = buildBlock(chain, chain.tip, [register()]);
    store.hold();
    const adding = chain.addBlock(block);
    await until(() => chain.state.txs.get(block.txIds[0]!) !== undefined, 'the block connected');
    // The state already shows the transaction (connect runs before the commit): its block too.
    const loc = chain.state.txs.get(block.txIds[0]!);
    expect(loc?.blockHash).toBe(block.hash);
    expect(chain.getBlock(block.hash)?.hash).toBe(block.hash);
    expect(chain.getEntry(block.hash)).toBe(chain.tip);
    expect(chain.isOnBestChain(block.hash)).toBe(true);
    store.release();
    expect((await adding).status).toBe('extended');
  });

  it('extends the tip, indexes transactions, and survives a JSON round trip of its blocks', async () => {
    const chain = await Chain.open(genesis, new MemoryStore());
    const b1 = buildBlock(chain, chain.tip, [register(), register(patient, 'patient', id(2))]);
    const again = blockFromJson(JSON.parse(JSON.stringify(blockToJson(b1))), genesis);
    expect(again.hash).toBe(b1.hash);
    expect((await chain.addBlock(again)).status).toBe('extended');
    const b2 = buildBlock(chain, chain.tip, [anchor(id(10))]);
    await chain.addBlock(b2);
    expect(chain.height).toBe(2);
    expect(chain.state.record(id(10))?.patient).toBe(patient.publicKey);
    expect(chain.state.txs.get(b2.txIds[0]!)).toEqual({ blockHash: b2.hash, height: 2, index: 0 });
  });

  it('rejects a replayed transaction and an anchor of an unregistered patient', async () => {
    const chain = await Chain.open(genesis, new MemoryStore());
    const reg = register();
    await chain.addBlock(buildBlock(chain, chain.tip, [reg]));
    await expect(chain.addBlock(buildBlock(chain, chain.tip, [reg]))).rejects.toMatchObject({
      code: 'BLOCK_BAD_TX',
      details: { reason: 'TX_DUPLICATE' },
    });
    await expect(chain.addBlock(buildBlock(chain, chain.tip, [anchor(id(3))]))).rejects.toMatchObject({
      details: { reason: 'TX_UNKNOWN_ACCOUNT' },
    });
    expect(chain.height).toBe(1);
  });

  it('reorganises to the branch with more work and returns the abandoned transactions', async () => {
    const chain = await Chain.open(genesis, new MemoryStore());
    await chain.addBlock(buildBlock(chain, chain.tip, [register(), register(patient, 'patient', id(2))]));
    const fork = chain.tip;
    const a = buildBlock(chain, fork, [anchor(id(20))]);
    await chain.addBlock(a);
    const digestA = chain.state.digest();
    const b1 = buildBlock(chain, fork, [], { miner: testKey('validator-1') });
    expect((await chain.addBlock(b1)).status).toBe('side');
    const b2 = buildBlock(chain, chain.getEntry(b1.hash)!, []);
    const r = await chain.addBlock(b2);
    expect(r.status).toBe('reorg');
    if (r.status !== 'reorg') return;
    expect(chain.tip.hash).toBe(b2.hash);
    expect(chain.state.record(id(20))).toBeUndefined();
    expect(Chain.returnedTransactions(r.reorg).map((t) => t.type)).toEqual(['record.anchor']);
    // and back again: the first branch grows longer
    const a2 = buildBlock(chain, chain.getEntry(a.hash)!, []);
    await chain.addBlock(a2);
    const a3 = buildBlock(chain, chain.getEntry(a2.hash)!, []);
    await chain.addBlock(a3);
    expect(chain.tip.hash).toBe(a3.hash);
    expect(chain.state.record(id(20))).toBeDefined();
    expect(chain.state.digest()).toBe(digestA); // a2 and a3 are empty: the state is a's again
  });

  it('refuses a block from a key that is not a validator, whatever its work', async () => {
    const chain = await Chain.open(genesis, new MemoryStore());
    const b = buildBlock(chain, chain.tip, [], { miner: testKey('stranger') });
    await expect(chain.addBlock(b)).rejects.toSatisfy((e) => isLedgerError(e, 'BLOCK_NOT_VALIDATOR'));
  });

  it('reopens a store to the same tip and state', async () => {
    const store = new MemoryStore();
    const chain = await Chain.open(genesis, store);
    await chain.addBlock(buildBlock(chain, chain.tip, [register(), register(patient, 'patient', id(2))]));
    await chain.addBlock(buildBlock(chain, chain.tip, [anchor(id(30))]));
    const again = await Chain.open(genesis, store);
    expect(again.tip.hash).toBe(chain.tip.hash);
    expect(again.state.digest()).toBe(chain.state.digest());
  });
});

describe('block templates', () => {
  it('built from known ids and leaf hashes, equal one computed from the transactions', async () => {
    const { createTemplate, sealBlock } = await import('./block.js');
    const { hashLeaf } = await import('./merkle.js');
    const { txId, txLeafData } = await import('./tx/signing.js');
    const chain = await Chain.open(genesis, new MemoryStore());
    const txs = [register(), register(patient, 'patient', id(2))];
    const miner = testKey('validator-0');
    const plain = createTemplate(
      chain.tip,
      chain.nextBitsAfter(chain.tip),
      1_700_000_001_000,
      miner.publicKey,
      txs,
    );
    const known = createTemplate(
      chain.tip,
      chain.nextBitsAfter(chain.tip),
      1_700_000_001_000,
      miner.publicKey,
      txs,
      {
        ids: txs.map((t) => txId(t, genesis.hashBytes)),
        leafHashes: txs.map((t) => hashLeaf(txLeafData(t))),
      },
    );
    expect(known.header.merkleRoot).toBe(plain.header.merkleRoot);
    expect(sealBlock(known, 7, miner, genesis).txIds).toEqual(sealBlock(plain, 7, miner, genesis).txIds);
  });
});
