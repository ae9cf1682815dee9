import {
  Chain,
  type Id128,
  MemoryStore,
  signTransaction,
  type Transaction,
  type TxId,
  txId,
} from '@chartproof/ledger';
import { buildBlock, testGenesis, testKey } from '@chartproof/ledger/testing';
import { describe, expect, it } from 'vitest';
import { Mempool } from './mempool.js';

const genesis = testGenesis();
const ca = testKey('central-authority');
const id = (n: number) => n.toString(16).padStart(32, '0') as Id128;

function register(n: number, role: 'health_authority' | 'patient' = 'patient') {
  return signTransaction(
    'account.register',
    { account: testKey(`account-${n}`).publicKey, role, subject: id(n) },
    ca,
    genesis.hashBytes,
  );
}

function anchor(hospital: number, patient: number, record: number) {
  return signTransaction(
    'record.anchor',
    {
      record_id: id(record),
      patient: testKey(`account-${patient}`).publicKey,
      creator: testKey(`account-${hospital}`).publicKey,
      date: '2025-11-04T12:17:34.969Z',
      commitment: 'ab'.repeat(32) as never,
    },
    testKey(`account-${hospital}`),
    genesis.hashBytes,
  );
}

const idOf = (tx: Transaction) => txId(tx, genesis.hashBytes);
const ids = (pool: Mempool) => pool.select(1e9, 1e12).map((e) => e.id);

async function setup(options = { maxTxs: 1000, maxBytes: 1 << 20, verifiedCacheSize: 1000 }) {
  const chain = await Chain.open(genesis, new MemoryStore());
  return { chain, pool: new Mempool(genesis.hashBytes, chain.state, options) };
}

describe('Mempool', () => {
  it('de-duplicates by id, in the pool and on the chain', async () => {
    const { chain, pool } = await setup();
    const tx = register(1);
    expect(pool.add(tx)).toEqual({ status: 'added', id: idOf(tx) });
    expect(pool.add(structuredClone(tx))).toEqual({ status: 'known', id: idOf(tx) });
    expect(pool.size).toBe(1);
    const mined = register(2);
    await chain.addBlock(buildBlock(chain, chain.tip, [mined]));
    pool.rebuild(chain.state);
    expect(pool.add(mined).status).toBe('known');
  });

  it('rejects a bad signature as the sender’s fault, and a state conflict as not', async () => {
    const { pool } = await setup();
    const tx = register(1);
    const forged = {
      ...tx,
      sig: `${tx.sig.slice(0, -2)}${tx.sig.endsWith('00') ? '01' : '00'}`,
    } as Transaction;
    const r = pool.add(forged);
    expect(r).toMatchObject({ status: 'rejected', peerFault: true, error: { code: 'TX_BAD_SIGNATURE' } });
    // A correctly signed anchor by an unregistered hospital: invalid now, but not a forgery.
    const orphan = anchor(50, 51, 1);
    expect(pool.add(orphan)).toMatchObject({ status: 'rejected', peerFault: false });
    expect(pool.size).toBe(0);
  });

  it('is bounded in count and bytes, and a full pool is not the sender’s fault', async () => {
    const { pool } = await setup({ maxTxs: 3, maxBytes: 1 << 20, verifiedCacheSize: 100 });
    for (let i = 1; i <= 3; i++) expect(pool.add(register(i)).status).toBe('added');
    expect(pool.add(register(4))).toMatchObject({ status: 'rejected', peerFault: false });
    expect(pool.size).toBe(3);
    const one = pool.byteSize / 3;
    const small = await setup({ maxTxs: 100, maxBytes: Math.floor(one * 2.5), verifiedCacheSize: 100 });
    expect(small.pool.add(register(1)).status).toBe('added');
    expect(small.pool.add(register(2)).status).toBe('added');
    expect(small.pool.add(register(3))).toMatchObject({ status: 'rejected', peerFault: false });
    expect(small.pool.byteSize).toBeLessThanOrEqual(Math.floor(one * 2.5));
  });

  it('accepts dependent transactions in order against the pending state', async () => {
    const { pool } = await setup();
    const hospital = register(10, 'health_authority');
    const patient = register(11);
    const record = anchor(10, 11, 1);
    // The anchor alone has no registered creator yet.
    const alone = await setup();
    expect(alone.pool.add(record).status).toBe('rejected');
    expect(pool.add(hospital).status).toBe('added');
    expect(pool.add(patient).status).toBe('added');
    expect(pool.add(record).status).toBe('added');
    expect(ids(pool)).toEqual([idOf(hospital), idOf(patient), idOf(record)]);
    // The same anchor again is already pending.
    expect(pool.add(anchor(10, 11, 1)).status).toBe('known');
    const { chain } = await setup();
    const block = buildBlock(
      chain,
      chain.tip,
      pool.select(100, 1e9).map((e) => e.tx),
    );
    await expect(chain.addBlock(block)).resolves.toMatchObject({ status: 'extended' });
  });

  it('remembers checked signatures so a block need not check them again', async () => {
    const { pool } = await setup();
    const tx = register(1);
    pool.add(tx);
    const key = `${idOf(tx)}:${tx.sig}`;
    expect(pool.verifiedSignatures.has(key)).toBe(true);
    expect(pool.verifiedSignatures.has(`${idOf(tx)}:${'0'.repeat(128)}`)).toBe(false);
  });

  it('drops mined transactions after a block and keeps the others', async () => {
    const { chain, pool } = await setup();
    const txs = [register(1), register(2), register(3)];
    for (const tx of txs) pool.add(tx);
    await chain.addBlock(buildBlock(chain, chain.tip, [txs[0]!, txs[2]!]));
    expect(pool.rebuild(chain.state)).toEqual({ dropped: 0, returned: 0 });
    expect(ids(pool)).toEqual([idOf(txs[1]!)]);
  });

  it('drops transactions that no longer fit the new tip', async () => {
    const { chain, pool } = await setup();
    const mine = register(1);
    pool.add(mine);
    // Another registration of the same account (different subject) wins in a block.
    const rival = signTransaction(
      'account.register',
      { account: testKey('account-1').publicKey, role: 'patient', subject: id(99) },
      ca,
      genesis.hashBytes,
    );
    await chain.addBlock(buildBlock(chain, chain.tip, [rival]));
    expect(pool.rebuild(chain.state)).toEqual({ dropped: 1, returned: 0 });
    expect(pool.size).toBe(0);
  });

  it('puts the transactions of a reorganised-away block back first, ahead of the waiting ones', async () => {
    const { chain, pool } = await setup();
    const fork = chain.tip;
    const a = [register(1), register(2)];
    await chain.addBlock(buildBlock(chain, fork, a));
    const waiting = register(3);
    pool.add(waiting);
    pool.rebuild(chain.state);
    // A heavier branch without them takes over.
    const b1 = buildBlock(chain, fork, [], { miner: testKey('validator-1') });
    await chain.addBlock(b1);
    const b2 = buildBlock(chain, chain.getEntry(b1.hash)!, [], { miner: testKey('validator-1') });
    const r = await chain.addBlock(b2);
    expect(r.status).toBe('reorg');
    if (r.status !== 'reorg') return;
    const returned = Chain.returnedTransactions(r.reorg);
    expect(returned.map(idOf)).toEqual(a.map(idOf));
    expect(pool.rebuild(chain.state, returned)).toEqual({ dropped: 0, returned: 2 });
    expect(ids(pool)).toEqual([...a.map(idOf), idOf(waiting)] as TxId[]);
  });

  it('selects within the block limits, in order', async () => {
    const { pool } = await setup();
    for (let i = 1; i <= 5; i++) pool.add(register(i));
    expect(pool.select(2, 1e9).length).toBe(2);
    const one = pool.byteSize / 5;
    expect(pool.select(100, Math.floor(one * 3.5)).length).toBe(3);
    expect(pool.select(100, 1).length).toBe(0);
  });
});
