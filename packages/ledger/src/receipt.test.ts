import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { signAck } from './ack.js';
import { isLedgerError } from './errors.js';
import { parseGenesis } from './genesis.js';
import { type Receipt, verifyReceipt } from './receipt.js';
import { testGenesisDoc, testKey, testReceipt } from './testing.js';

const VECTOR = new URL('../test/vectors/receipt/receipt.json', import.meta.url);
const { receipt, genesis } = await testReceipt();

function reason(r: unknown, g = genesis): string | null {
  try {
    verifyReceipt(r, g);
    return null;
  } catch (e) {
    if (isLedgerError(e, 'RECEIPT_INVALID')) return String(e.details.reason);
    throw e;
  }
}

/** Every hex digit of the receipt, as a path into the JSON and a character index. */
function hexSites(
  value: unknown,
  path: (string | number)[] = [],
): Array<{ path: (string | number)[]; at: number }> {
  if (typeof value === 'string') {
    return /^[0-9a-f]+$/.test(value) ? [...value].map((_, at) => ({ path, at })) : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => hexSites(v, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => hexSites(v, [...path, k]));
  }
  return [];
}

function changeDigit(r: Receipt, site: { path: (string | number)[]; at: number }, by: number): unknown {
  const copy = structuredClone(r) as unknown as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of site.path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = site.path[site.path.length - 1]!;
  const s = parent[last] as string;
  const digit = ((Number.parseInt(s[site.at]!, 16) + by) % 16).toString(16);
  parent[last] = s.slice(0, site.at) + digit + s.slice(site.at + 1);
  return copy;
}

describe('receipts', () => {
  it('verifies offline against the genesis alone', () => {
    const check = verifyReceipt(
      JSON.parse(readFileSync(VECTOR, 'utf8')).receipt,
      parseGenesis(testGenesisDoc()),
    );
    expect(check.height).toBe(2);
    expect(check.txId).toBe(receipt.tx_id);
    expect([...check.acknowledgedBy].sort()).toEqual(
      [testKey('validator-0').publicKey, testKey('validator-1').publicKey].sort(),
    );
  });

  it('fails with any one hex digit changed anywhere (proof, headers, signatures, acks, transaction)', () => {
    const sites = hexSites(receipt);
    expect(sites.length).toBeGreaterThan(1000);
    fc.assert(
      fc.property(fc.nat(sites.length - 1), fc.integer({ min: 1, max: 15 }), (i, by) => {
        expect(reason(changeDigit(receipt, sites[i]!, by))).not.toBeNull();
      }),
      { numRuns: 400 },
    );
  });

  it('fails one acknowledgement short of the quorum', () => {
    expect(reason({ ...receipt, acks: receipt.acks.slice(0, 1) })).toBe('quorum');
  });

  it('fails with the same validator counted twice', () => {
    expect(reason({ ...receipt, acks: [receipt.acks[0]!, receipt.acks[0]!] })).toBe('ack_duplicate');
  });

  it('fails with an acknowledgement of a block the receipt does not link', () => {
    const stray = signAck(testKey('validator-2'), 3, 'ee'.repeat(32) as never, genesis);
    expect(reason({ ...receipt, acks: [receipt.acks[0]!, stray] })).toBe('ack_block');
  });

  it('fails with the linking header removed (the acknowledged block is no longer tied to the anchor)', () => {
    expect(reason({ ...receipt, headers: [] })).toBe('ack_block');
  });

  it('fails against another network', () => {
    const other = parseGenesis(testGenesisDoc({ timestamp: 1 }));
    expect(reason(receipt, other)).toBe('genesis');
  });

  it('fails on malformed input with a schema reason, never a crash', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        expect(reason(junk)).toBe('schema');
      }),
      { numRuns: 200 },
    );
  });
});
