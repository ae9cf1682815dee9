import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadVector } from '../../test/load-vectors.js';
import type { TxFile } from '../../test/vector-types.js';
import { hexToBytes } from '../bytes.js';
import { isLedgerError, type LedgerError } from '../errors.js';
import { canonicalBytes } from '../jcs.js';
import { testGenesis, testKey } from '../testing.js';
import { type Transaction, TX_TYPES } from './schema.js';
import {
  parseTransaction,
  signTransaction,
  txId,
  txLeafData,
  verifyTransactionSignature,
} from './signing.js';

const v = loadVector<TxFile>('tx/transactions.json');
const genesis = testGenesis();
const other = testGenesis({ timestamp: 1_700_000_000_001 });
const txs = v.cases.map((c) => parseTransaction(c.tx, v.maxTxBytes));
const anchor = txs.find((t) => t.type === 'record.anchor')!;

function parseError(json: unknown, max = v.maxTxBytes): LedgerError {
  try {
    parseTransaction(json, max);
  } catch (e) {
    if (isLedgerError(e)) return e;
    throw e;
  }
  throw new Error('parsed');
}

describe('transaction signing', () => {
  it('a signature made for one genesis does not verify for another, and ids differ', () => {
    expect(other.hash).not.toBe(genesis.hash);
    for (const c of v.cases) {
      const tx = signTransaction(
        c.tx.type as Transaction['type'],
        c.tx.body as never,
        testKey(c.signer),
        other.hashBytes,
      );
      expect(verifyTransactionSignature(tx, other.hashBytes)).toBe(true);
      expect(verifyTransactionSignature(tx, genesis.hashBytes)).toBe(false);
      expect(txId(tx, other.hashBytes)).not.toBe(txId(tx, genesis.hashBytes));
    }
  });

  it('a signature made for one type does not verify as another type with the same body', () => {
    const grant = txs.find((t) => t.type === 'access.grant')!;
    const asRevoke = { ...grant, type: 'access.revoke' } as Transaction;
    expect(verifyTransactionSignature(grant, genesis.hashBytes)).toBe(true);
    expect(verifyTransactionSignature(asRevoke, genesis.hashBytes)).toBe(false);
    expect(txId(asRevoke, genesis.hashBytes)).not.toBe(txId(grant, genesis.hashBytes));
    expect(TX_TYPES.length).toBe(5);
  });

  it('the id leaves out the signature; the leaf commits to it', () => {
    const resigned = { ...anchor, sig: txs[0]!.sig } as Transaction;
    expect(txId(resigned, genesis.hashBytes)).toBe(txId(anchor, genesis.hashBytes));
    expect(txLeafData(resigned)).not.toEqual(txLeafData(anchor));
  });

  it('any changed body byte invalidates the signature', () => {
    fc.assert(
      fc.property(fc.nat({ max: 31 }), fc.integer({ min: 1, max: 15 }), (at, d) => {
        const c = anchor.body.commitment;
        const digit = ((Number.parseInt(c[at]!, 16) + d) % 16).toString(16);
        const tx = {
          ...anchor,
          body: { ...anchor.body, commitment: c.slice(0, at) + digit + c.slice(at + 1) },
        };
        expect(verifyTransactionSignature(tx as Transaction, genesis.hashBytes)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
});

describe('parseTransaction', () => {
  it('rejects unknown fields at the top level and in the body, naming them', () => {
    const top = parseError({ ...anchor, memo: 'x' });
    expect(top.code).toBe('TX_SCHEMA');
    expect(top.message).toContain('memo');
    const inBody = parseError({ ...anchor, body: { ...anchor.body, extra: 1 } });
    expect(inBody.details.field).toBe('body');
    expect(inBody.message).toContain('extra');
  });

  it('rejects uppercase hex in every hex field, naming the field', () => {
    for (const field of ['signer', 'sig'] as const) {
      const e = parseError({ ...anchor, [field]: anchor[field].toUpperCase() });
      expect(e.details.field).toBe(field);
    }
    for (const field of ['record_id', 'patient', 'creator', 'commitment'] as const) {
      const e = parseError({
        ...anchor,
        body: { ...anchor.body, [field]: anchor.body[field].toUpperCase() },
      });
      expect(e.details.field).toBe(`body.${field}`);
      expect(e.message).toContain(`body.${field}`);
    }
  });

  it('accepts only real UTC dates with milliseconds', () => {
    const date = (d: unknown) => ({ ...anchor, body: { ...anchor.body, date: d } });
    for (const bad of [
      '2025-13-01T00:00:00.000Z',
      '2024-02-30T00:00:00.000Z',
      '2025-11-04 12:17:34.969Z',
      '2025-11-04T12:17:34.969',
      '2025-11-04T12:60:00.000Z',
      '',
    ]) {
      expect(parseError(date(bad)).details.field, bad).toBe('body.date');
    }
    expect(parseTransaction(date('2024-02-29T23:59:59.999Z'), v.maxTxBytes).type).toBe('record.anchor');
  });

  it('enforces the size limit on the canonical form, exactly', () => {
    const size = canonicalBytes(anchor).length;
    expect(parseTransaction(anchor, size)).toEqual(anchor);
    const e = parseError(anchor, size - 1);
    expect(e.code).toBe('TX_TOO_LARGE');
    expect(e.details).toMatchObject({ size, maxBytes: size - 1 });
  });

  it('rejects non-objects at the root', () => {
    for (const j of [null, 1, 'tx', [anchor]]) expect(parseError(j).details.field).toBe('(root)');
  });

  it('round-trips every vector transaction through JSON', () => {
    for (const tx of txs) expect(parseTransaction(JSON.parse(JSON.stringify(tx)), v.maxTxBytes)).toEqual(tx);
    expect(hexToBytes(txId(anchor, genesis.hashBytes)).length).toBe(32);
  });
});
