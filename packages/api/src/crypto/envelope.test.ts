import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecryptError, newSalt, openRecord, sealRecord, unwrapSecret, wrapSecret } from './envelope.js';

const master = randomBytes(32);
const ids = fc.stringMatching(/^[0-9a-f]{32}$/);
const records = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !/^\d+$/.test(k) && k !== '__proto__'),
  fc.string({ maxLength: 200 }),
  { maxKeys: 12 },
);

describe('record envelope', () => {
  it('round-trips any record, keeping its key order and salt', () => {
    fc.assert(
      fc.property(ids, ids, records, (rid, pid, record) => {
        const salt = newSalt();
        const sealed = sealRecord(master, rid, pid, record, salt);
        const opened = openRecord(master, rid, pid, sealed);
        expect(Object.keys(opened.record)).toEqual(Object.keys(record));
        expect(opened.record).toEqual(record);
        expect(Buffer.from(opened.salt).equals(Buffer.from(salt))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses any flipped bit of the ciphertext or the wrapped key', () => {
    const sealed = sealRecord(master, 'a'.repeat(32), 'b'.repeat(32), { diagnosis: 'x' }, newSalt());
    fc.assert(
      fc.property(fc.boolean(), fc.nat(), fc.integer({ min: 0, max: 7 }), (which, at, bit) => {
        const target = Buffer.from(which ? sealed.ciphertext : sealed.wrappedKey);
        target[at % target.length]! ^= 1 << bit;
        const altered = which ? { ...sealed, ciphertext: target } : { ...sealed, wrappedKey: target };
        expect(() => openRecord(master, 'a'.repeat(32), 'b'.repeat(32), altered)).toThrow(DecryptError);
      }),
      { numRuns: 200 },
    );
  });

  it('does not open under another record id, patient id or master key', () => {
    const sealed = sealRecord(master, 'a'.repeat(32), 'b'.repeat(32), { diagnosis: 'x' }, newSalt());
    expect(() => openRecord(master, 'c'.repeat(32), 'b'.repeat(32), sealed)).toThrow(DecryptError);
    expect(() => openRecord(master, 'a'.repeat(32), 'c'.repeat(32), sealed)).toThrow(DecryptError);
    expect(() => openRecord(randomBytes(32), 'a'.repeat(32), 'b'.repeat(32), sealed)).toThrow(DecryptError);
  });

  it('never stores the plaintext or the data key in clear', () => {
    const sealed = sealRecord(
      master,
      'a'.repeat(32),
      'b'.repeat(32),
      { diagnosis: 'Hypertension' },
      newSalt(),
    );
    expect(sealed.ciphertext.includes(Buffer.from('Hypertension'))).toBe(false);
    expect(sealed.wrappedKey.length).toBe(12 + 32 + 16);
  });

  it('wraps private keys bound to their owner', () => {
    const seed = randomBytes(32);
    const w = wrapSecret(master, 'owner-1', seed);
    expect(Buffer.from(unwrapSecret(master, 'owner-1', w)).equals(seed)).toBe(true);
    expect(() => unwrapSecret(master, 'owner-2', w)).toThrow(DecryptError);
  });
});
