import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import {
  assertSameRequest,
  INVALID_KEY,
  KEY_REUSED,
  parseIdempotencyKey,
  requestHash,
} from './idempotency.js';

const status = (f: () => unknown): number | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return (e as ApiError).status;
  }
};

describe('Idempotency-Key', () => {
  it('takes no header as no key, and a UUID or any visible ASCII up to 128 characters as one', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(parseIdempotencyKey('7f0b1c9e-4d1a-4e2b-9c3d-0a1b2c3d4e5f')).toBe(
      '7f0b1c9e-4d1a-4e2b-9c3d-0a1b2c3d4e5f',
    );
    expect(parseIdempotencyKey('k'.repeat(128))).toBe('k'.repeat(128));
  });

  it('refuses empty, overlong, control, space, non-ASCII and repeated headers with a 400 naming the header', () => {
    for (const bad of ['', 'k'.repeat(129), 'a b', 'a\u0000', 'é', 'a\tb', '\ud800', ['a', 'b']]) {
      try {
        parseIdempotencyKey(bad);
        expect.unreachable(JSON.stringify(bad));
      } catch (e) {
        expect((e as ApiError).status).toBe(400);
        expect((e as ApiError).message).toBe(INVALID_KEY);
        expect((e as ApiError).extra).toEqual({ field: 'Idempotency-Key' });
      }
    }
  });

  it('accepts a string exactly when it is 1 to 128 characters of 0x21..0x7e', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 140 }), (s) => {
        const ok = s.length >= 1 && s.length <= 128 && [...s].every((c) => c >= '!' && c <= '~');
        expect(status(() => parseIdempotencyKey(s))).toBe(ok ? undefined : 400);
      }),
    );
  });

  it('hashes bodies by content, not key order, and tells different bodies apart', () => {
    expect(requestHash({ a: '1', b: '2' })).toBe(requestHash({ b: '2', a: '1' }));
    expect(requestHash({ a: '1' })).not.toBe(requestHash({ a: '2' }));
    // Computed outside: printf '%s' '{"a":"1","b":"2"}' | sha256sum
    expect(requestHash({ b: '2', a: '1' })).toBe(
      '21f76dfbfe6dfe21f762080ef484112cf2952974cef30741fd1931e1c6d92112',
    );
  });

  it('answers 422 for a key reused with another body, and lets the same body through', () => {
    const h = requestHash({ diagnosis: 'Flu' });
    expect(status(() => assertSameRequest(h, h))).toBeUndefined();
    expect(status(() => assertSameRequest(h, requestHash({ diagnosis: 'Cold' })))).toBe(422);
    expect(status(() => assertSameRequest(null, h))).toBe(422);
    try {
      assertSameRequest(null, h);
    } catch (e) {
      expect((e as ApiError).message).toBe(KEY_REUSED);
    }
  });
});
