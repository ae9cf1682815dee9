import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHash32, parseId128, parsePublicKey } from './brand.js';

const hexOf = (bytes: number) =>
  fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(b).toString('hex'));

describe('named parsers', () => {
  it('accept exactly the lowercase hex of their length, unchanged', () => {
    fc.assert(
      fc.property(hexOf(16), hexOf(32), (id, key) => {
        expect(parseId128(id)).toBe(id);
        expect(parsePublicKey(key)).toBe(key);
        expect(parseHash32(key)).toBe(key);
      }),
    );
  });

  it('reject any other string with a RangeError naming the argument, the expectation and what arrived', () => {
    expect(() => parseId128('ab'.repeat(15), 'record_id')).toThrow(
      new RangeError(
        `"record_id" expected 128-bit id: 32 lowercase hex digits, got "abababababababababab"… (length=30)`,
      ),
    );
    expect(() => parsePublicKey('AB'.repeat(32))).toThrow(/^"publicKey" expected Ed25519 public key/);
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        fc.pre(!/^[0-9a-f]{32}$/.test(s));
        expect(() => parseId128(s, 'subject')).toThrow(RangeError);
        expect(() => parseId128(s, 'subject')).toThrow(/^"subject" expected 128-bit id/);
      }),
    );
  });

  it('reject a value that is not a string with a TypeError', () => {
    expect(() => parseHash32(7, 'root')).toThrow(new TypeError('"root" expected string, got number'));
    expect(() => parseId128(null)).toThrow(new TypeError('"id" expected string, got null'));
    fc.assert(
      fc.property(
        fc.anything().filter((v) => typeof v !== 'string'),
        (v) => {
          expect(() => parsePublicKey(v)).toThrow(TypeError);
        },
      ),
    );
  });
});
