import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToUtf8 } from '../bytes.js';
import { canonicalJson } from '../jcs.js';
import { testGenesis, testKey } from '../testing.js';
import { encodeTransaction, signedPayload } from './encoding.js';
import type { Transaction } from './schema.js';
import { signTransaction } from './signing.js';

const text = (b: Uint8Array) => bytesToUtf8(b);
const jcsPayload = (tx: Transaction) => canonicalJson({ type: tx.type, signer: tx.signer, body: tx.body });

describe('transaction encodings assembled around the canonical body', () => {
  it('equal JCS of the whole transaction and of {type, signer, body} for any JSON body', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), fc.string(), fc.string(), (body, type, signer, sig) => {
        const tx = { type, signer, body, sig } as unknown as Transaction;
        const enc = encodeTransaction(tx);
        expect(text(enc.leaf)).toBe(canonicalJson(tx));
        expect(text(enc.payload)).toBe(jcsPayload(tx));
        expect(text(signedPayload(tx))).toBe(jcsPayload(tx));
      }),
      { numRuns: 300 },
    );
  });

  it('equal JCS for real signed transactions, unicode in the body included', () => {
    const genesis = testGenesis();
    const tx = signTransaction(
      'account.register',
      { account: testKey('x').publicKey, role: 'patient', subject: 'ab'.repeat(16) as never },
      testKey('central-authority'),
      genesis.hashBytes,
    );
    const enc = encodeTransaction(tx);
    expect(text(enc.leaf)).toBe(canonicalJson(tx));
    expect(text(enc.payload)).toBe(jcsPayload(tx));
    const odd = { ...tx, body: { 'é€😀': '\u2028\u0007"', z: [1e21, -0, 0.1] } } as unknown as Transaction;
    expect(text(encodeTransaction(odd).leaf)).toBe(canonicalJson(odd));
  });

  it('give the result, or the error, of JCS of the object when it is not a plain envelope', () => {
    const outcome = (f: () => Uint8Array | string) => {
      try {
        const r = f();
        return typeof r === 'string' ? r : text(r);
      } catch (e) {
        return `threw ${(e as Error).message}`;
      }
    };
    const base = { type: 'record.anchor', signer: 'aa', body: { a: 1 }, sig: 'bb' };
    const cases = [
      { ...base, extra: true },
      { ...base, sig: undefined },
      { ...base, body: { a: undefined } },
      { ...base, body: { d: new Date(0) } },
      { type: 't', signer: 's', body: 1 },
      Object.assign(Object.create({ sig: 'inherited' }), { type: 't', signer: 's', body: 1, other: 2 }),
      Object.assign(Object.create({ x: 1 }), base),
    ] as unknown as Transaction[];
    for (const tx of cases) {
      const leaf = outcome(() => canonicalJson(tx));
      expect(outcome(() => encodeTransaction(tx).leaf)).toBe(leaf);
      // Both encodings or neither: a transaction whose leaf cannot be encoded is refused whole.
      if (!leaf.startsWith('threw')) {
        expect(outcome(() => encodeTransaction(tx).payload)).toBe(outcome(() => jcsPayload(tx)));
      }
      expect(outcome(() => signedPayload(tx))).toBe(outcome(() => jcsPayload(tx)));
    }
    expect(outcome(() => encodeTransaction(cases[2]!).leaf)).toMatch(/threw .*body\.a/);
  });
});
