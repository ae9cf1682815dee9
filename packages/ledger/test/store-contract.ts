/**
 * The KeyValueStore contract, as one suite that every implementation runs: what the chain relies
 * on from its store (atomic batches, byte-ordered ranges, deletes, ordered commits), written once
 * so the memory store used by the unit tests cannot drift from LMDB.
 */
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../src/bytes.js';
import { isLedgerError } from '../src/errors.js';
import type { KeyValueStore, WriteOp } from '../src/store/store.js';

const b = (...xs: number[]) => new Uint8Array(xs);
const hex = (v: Uint8Array | undefined) => (v === undefined ? undefined : bytesToHex(v));
const put = (key: Uint8Array, value: Uint8Array): WriteOp => ({ key, value });
const del = (key: Uint8Array): WriteOp => ({ key, value: undefined });

function entries(store: KeyValueStore, start: Uint8Array, end: Uint8Array): Array<[string, string]> {
  return [...store.range(start, end)].map(([k, v]) => [bytesToHex(k), bytesToHex(v)]);
}

export function describeStoreContract(name: string, open: () => Promise<KeyValueStore>): void {
  describe(`${name} satisfies the KeyValueStore contract`, () => {
    it('reads back what a commit wrote, and nothing for an absent key', async () => {
      const store = await open();
      expect(store.get(b(1))).toBeUndefined();
      const value = b(10, 20, 30);
      await store.commit([put(b(1), value)]);
      value[0] = 99; // the store keeps its own copy
      expect(hex(store.get(b(1)))).toBe('0a141e');
      const buffer = Buffer.from([1, 2, 3]); // whose slice() is a view, not a copy
      await store.commit([put(b(2), buffer)]);
      buffer[0] = 99;
      expect(hex(store.get(b(2)))).toBe('010203');
      await store.close();
    });

    it('applies every write of a batch in one commit', async () => {
      const store = await open();
      const ops = Array.from({ length: 300 }, (_, i) => put(b(2, i >> 8, i & 0xff), b(i & 0xff)));
      await store.commit(ops);
      expect(entries(store, b(2), b(3))).toHaveLength(300);
      expect(hex(store.get(b(2, 1, 0x2b)))).toBe('2b');
      await store.close();
    });

    it('refuses a batch holding a bad op and applies none of it', async () => {
      const store = await open();
      await store.commit([put(b(3, 0), b(0))]);
      const bad: WriteOp[][] = [
        [put(b(3, 1), b(1)), put(new Uint8Array(0), b(2))],
        [put(b(3, 2), b(1)), del(b(3, 0)), put(new Uint8Array(512), b(2))],
        [put(b(3, 3), b(1)), { key: b(3, 4), value: 'text' as unknown as Uint8Array }],
      ];
      for (const ops of bad) await expect(store.commit(ops)).rejects.toThrow(/ops\[\d\]/);
      expect(entries(store, b(3), b(4))).toEqual([['0300', '00']]);
      await store.commit([put(b(3, 5), b(5))]); // still usable
      expect(hex(store.get(b(3, 5)))).toBe('05');
      await store.close();
    });

    it('ranges over [start, end) in unsigned byte order, shorter prefix first', async () => {
      const store = await open();
      const keys = [b(4, 0xff, 0xff), b(4, 0x80), b(4), b(4, 0x7f), b(4, 0xff), b(4, 0, 0), b(4, 0), b(5)];
      await store.commit([...keys.map((k, i) => put(k, b(i))), put(b(3, 0xff), b(9))]);
      expect(entries(store, b(4), b(5)).map(([k]) => k)).toEqual([
        '04',
        '0400',
        '040000',
        '047f',
        '0480',
        '04ff',
        '04ffff',
      ]);
      expect(entries(store, b(4, 0x7f), b(4, 0xff)).map(([k]) => k)).toEqual(['047f', '0480']);
      expect(entries(store, b(6), b(7))).toEqual([]);
      await store.close();
    });

    it('yields entries that stay valid after iteration moves on', async () => {
      const store = await open();
      await store.commit([put(b(6, 1), b(0xa1)), put(b(6, 2), b(0xa2)), put(b(6, 3), b(0xa3))]);
      const collected = [...store.range(b(6), b(7))];
      expect(collected.map(([k, v]) => `${bytesToHex(k)}=${bytesToHex(v)}`)).toEqual([
        '0601=a1',
        '0602=a2',
        '0603=a3',
      ]);
      await store.close();
    });

    it('deletes keys, and applies the ops of a batch in order', async () => {
      const store = await open();
      await store.commit([put(b(7, 1), b(1)), put(b(7, 2), b(2)), put(b(7, 3), b(3))]);
      await store.commit([
        del(b(7, 1)),
        del(b(7, 9)), // absent: not an error
        put(b(7, 2), b(0x22)),
        del(b(7, 2)),
        del(b(7, 3)),
        put(b(7, 3), b(0x33)),
      ]);
      expect(entries(store, b(7), b(8))).toEqual([['0703', '33']]);
      await store.close();
    });

    it('applies commits in call order even when not awaited one by one', async () => {
      const store = await open();
      await Promise.all([
        store.commit([put(b(8), b(1))]),
        store.commit([put(b(8), b(2))]),
        store.commit([del(b(8)), put(b(8, 1), b(3))]),
      ]);
      expect(entries(store, b(8), b(9))).toEqual([['0801', '03']]);
      await store.close();
    });

    it('refuses use after close with STORE_CLOSED', async () => {
      const store = await open();
      await store.close();
      let caught: unknown;
      try {
        store.get(b(1));
      } catch (e) {
        caught = e;
      }
      expect(isLedgerError(caught, 'STORE_CLOSED')).toBe(true);
      await expect(store.commit([put(b(1), b(1))])).rejects.toSatisfy((e) =>
        isLedgerError(e, 'STORE_CLOSED'),
      );
    });
  });
}
