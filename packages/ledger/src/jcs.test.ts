import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refCanonical } from '../test/reference/jcs.js';
import { isLedgerError } from './errors.js';
import { canonicalBytes, canonicalJson } from './jcs.js';

function code(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    return isLedgerError(e) ? e.code : 'OTHER';
  }
}

const json = fc.jsonValue();

describe('jcs', () => {
  it('parse(canonical(x)) canonicalizes identically', () => {
    fc.assert(
      fc.property(json, (v) => {
        const c = canonicalJson(v);
        expect(canonicalJson(JSON.parse(c))).toBe(c);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the naive RFC 8785 reference on random JSON, including unicode keys', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (v) => {
        expect(canonicalJson(v)).toBe(refCanonical(v));
      }),
      { numRuns: 300 },
    );
  });

  it('is independent of key insertion order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), (d) => {
        const reversed = Object.fromEntries(Object.entries(d).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(d));
      }),
    );
  });

  it('sorts by UTF-16 code units, not code points', () => {
    // U+1F600 is D83D DE00 in UTF-16, so it sorts before U+FB33 although its code point is higher.
    expect(canonicalJson({ '\ufb33': 1, '\u{1f600}': 2 })).toBe('{"\u{1f600}":2,"\ufb33":1}');
  });

  it('writes UTF-8 bytes', () => {
    expect([...canonicalBytes('é')]).toEqual([0x22, 0xc3, 0xa9, 0x22]);
  });

  it('refuses values JSON cannot represent instead of dropping them', () => {
    const refused: unknown[] = [
      undefined,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      '\ud800',
      { a: undefined },
      [undefined],
      { a: () => 1 },
      [Symbol('s')],
      // biome-ignore lint/suspicious/noSparseArray: the hole is the point
      [1, , 3],
      10n,
      new Date(0),
      new Uint8Array(2),
      new Map(),
    ];
    for (const [i, v] of refused.entries())
      expect(
        code(() => canonicalJson(v)),
        `case ${i}`,
      ).toBe('BAD_ENCODING');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(code(() => canonicalJson(cyclic))).toBe('BAD_ENCODING');
  });

  it('accepts shared (non-cyclic) sub-objects and null-prototype objects', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const bare = Object.create(null) as Record<string, number>;
    bare.z = 1;
    expect(canonicalJson(bare)).toBe('{"z":1}');
  });
});
