import { Chain, type Id128, MemoryStore, type PublicKey, type TxId } from '@chartproof/ledger';
import { testGenesis, testKey } from '@chartproof/ledger/testing';
import { describe, expect, it } from 'vitest';
import { AckBook } from '../ack/ack-book.js';
import { Mempool } from '../mempool/mempool.js';
import { chainQueries } from './chain-queries.js';
import { type NodeQueries, QueryError } from './node-queries.js';

const genesis = testGenesis();
const ID = '0'.repeat(31).concat('7') as Id128;
const TX = 'ab'.repeat(32) as TxId;

async function queries(): Promise<NodeQueries> {
  const store = new MemoryStore();
  const chain = await Chain.open(genesis, store);
  const mempool = new Mempool(genesis.hashBytes, chain.state);
  const acks = new AckBook(chain, genesis, store, null);
  return chainQueries({ chain, mempool, acks, status: () => ({}) as never });
}

const thrown = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe('chainQueries', () => {
  it('answers every missing thing one way: QueryError NOT_FOUND naming it', async () => {
    const q = await queries();
    const cases: Array<[() => unknown, RegExp]> = [
      [() => q.tx(TX), /transaction (ab){32} not found/],
      [() => q.record(ID), /record 0+7 is not anchored/],
      [() => q.account(testKey('nobody').publicKey), /account [0-9a-f]{64} is not registered/],
      [() => q.grant(ID), /no grant for request 0+7/],
      [() => q.block(TX as unknown as Parameters<NodeQueries['block']>[0]), /block (ab){32} not found/],
      [() => q.receipt({ record_id: ID }), /record 0+7 is not anchored/],
      [() => q.receipt({ tx_id: TX }), /transaction (ab){32} is not on the best chain/],
    ];
    for (const [query, message] of cases) {
      const e = thrown(query);
      expect(e).toBeInstanceOf(QueryError);
      expect(e).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(message) });
    }
  });

  it('answers what is there: the genesis block, an empty page of anchors, the central authority', async () => {
    const q = await queries();
    expect(q.block(genesis.hash)).toMatchObject({ height: 0, on_best_chain: true, confirmations: 1 });
    expect(q.blocks(null, 10)).toMatchObject({ height: 0, blocks: [{ height: 0, hash: genesis.hash }] });
    expect(q.anchors(testKey('patient').publicKey as PublicKey, 0, 10)).toEqual({
      patient: testKey('patient').publicKey,
      total: 0,
      offset: 0,
      anchors: [],
    });
    const ca = testKey('central-authority').publicKey;
    expect(q.account(ca)).toEqual({ key: ca, role: 'central_authority', subject: null });
  });
});
