import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stubFetch } from '../../testing/fetch-stub';
import { classifySearch, NotFound, resolveSearch } from './search';

const N = 'http://n1';
const HASH = 'ab'.repeat(32);
const NOT_FOUND = { status: 404, body: { error: 'not found', message: 'not found' } };

describe('classifySearch', () => {
  it('tells heights, 64-hex hashes and 32-hex record ids apart', () => {
    expect(classifySearch(' 42 ')).toEqual({ kind: 'height', height: 42 });
    expect(classifySearch(HASH.toUpperCase())).toEqual({ kind: 'hash', hex: HASH });
    expect(classifySearch(`0x${HASH}`)).toEqual({ kind: 'hash', hex: HASH });
    expect(classifySearch('cd'.repeat(16))).toEqual({ kind: 'record', id: 'cd'.repeat(16) });
  });

  it('refuses anything else', () => {
    for (const q of ['', 'block 4', '-1', '4294967296', 'ab'.repeat(20), `${HASH}0`, 'zz'.repeat(16)])
      expect(classifySearch(q)).toBeNull();
  });

  it('classifies every height, hash and record id, and nothing of another length', () => {
    fc.assert(
      fc.property(fc.nat({ max: 0xffff_ffff }), (h) => {
        expect(classifySearch(String(h))).toEqual({ kind: 'height', height: h });
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{1,80}$/), (hex) => {
        const got = classifySearch(hex);
        if (/^\d{1,10}$/.test(hex) && Number(hex) <= 0xffff_ffff) expect(got?.kind).toBe('height');
        else if (hex.length === 64) expect(got).toEqual({ kind: 'hash', hex });
        else if (hex.length === 32) expect(got).toEqual({ kind: 'record', id: hex });
        else expect(got).toBeNull();
      }),
    );
  });
});

describe('resolveSearch', () => {
  it('finds a block by height through the paged block list', async () => {
    const net = stubFetch({
      [`GET ${N}/blocks?limit=1&before=8`]: {
        body: { height: 20, blocks: [{ height: 7, hash: HASH, timestamp: 1, miner: 'm', txs: 0 }] },
      },
    });
    expect(await resolveSearch(N, { kind: 'height', height: 7 })).toEqual({ kind: 'block', hash: HASH });
    expect(net.calls).toHaveLength(1);
  });

  it('says the chain is not that high yet', async () => {
    stubFetch({
      [`GET ${N}/blocks?limit=1&before=100`]: {
        body: { height: 20, blocks: [{ height: 20, hash: HASH, timestamp: 1, miner: 'm', txs: 0 }] },
      },
    });
    await expect(resolveSearch(N, { kind: 'height', height: 99 })).rejects.toThrow(
      new NotFound('There is no block 99 yet: the chain is at height 20.'),
    );
  });

  it('tries a 64-hex value as a block, then as a transaction', async () => {
    stubFetch({ [`GET ${N}/blocks/${HASH}`]: NOT_FOUND, [`GET ${N}/tx/${HASH}`]: { body: { tx_id: HASH } } });
    expect(await resolveSearch(N, { kind: 'hash', hex: HASH })).toEqual({ kind: 'tx', id: HASH });
    stubFetch({ [`GET ${N}/blocks/${HASH}`]: NOT_FOUND, [`GET ${N}/tx/${HASH}`]: NOT_FOUND });
    await expect(resolveSearch(N, { kind: 'hash', hex: HASH })).rejects.toBeInstanceOf(NotFound);
  });

  it("finds a record's anchor transaction, and says when a record is not anchored", async () => {
    const rid = 'cd'.repeat(16);
    stubFetch({ [`GET ${N}/records/${rid}`]: { body: { record_id: rid, tx_id: HASH } } });
    expect(await resolveSearch(N, { kind: 'record', id: rid })).toEqual({ kind: 'tx', id: HASH });
    stubFetch({ [`GET ${N}/records/${rid}`]: NOT_FOUND });
    await expect(resolveSearch(N, { kind: 'record', id: rid })).rejects.toThrow(
      `Record ${rid} is not anchored on the chain.`,
    );
  });

  it('lets a node failure through as a failure, not as "not found"', async () => {
    stubFetch({ [`GET ${N}/blocks/${HASH}`]: { status: 503, body: { error: 'node is starting' } } });
    await expect(resolveSearch(N, { kind: 'hash', hex: HASH })).rejects.toThrow('node is starting');
  });
});
