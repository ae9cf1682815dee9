import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoginThrottle, MIN_SOURCES, sourceOf, type ThrottleLimits } from './login-throttle.js';

const LIMITS: ThrottleLimits = {
  freeFailures: 5,
  delayBaseMs: 1_000,
  delayMaxMs: 15 * 60_000,
  accountCeiling: 100,
  windowMs: 60 * 60_000,
};
const ID = '4c1b2e8f9a3d47e39b25f0c6a7d18b52';

/** Guesses from one address as fast as the throttle lets it, for `ms`; answers the throttle. */
function guessFrom(t: LoginThrottle, ip: string, start: number, ms: number): number {
  let now = start;
  while (now < start + ms) {
    const v = t.check(ID, ip, now);
    if (v.ok) {
      t.failed(ID, ip, now);
      now += 1;
    } else now += v.retryAfterMs;
  }
  return now;
}

describe('login throttle', () => {
  it('gives an address a few free failures, then delays that double, capped', () => {
    const t = new LoginThrottle(LIMITS);
    for (let i = 0; i < 5; i++) {
      expect(t.check(ID, '10.0.0.1', 0).ok).toBe(true);
      t.failed(ID, '10.0.0.1', 0);
    }
    expect(t.check(ID, '10.0.0.1', 0)).toEqual({ ok: false, scope: 'source', retryAfterMs: 1_000 });
    expect(t.check(ID, '10.0.0.1', 1_000).ok).toBe(true);
    t.failed(ID, '10.0.0.1', 1_000);
    expect(t.check(ID, '10.0.0.1', 1_000)).toMatchObject({ retryAfterMs: 2_000 });
    for (let i = 0; i < 30; i++) t.failed(ID, '10.0.0.1', 2_000);
    expect(t.check(ID, '10.0.0.1', 2_000)).toMatchObject({ retryAfterMs: LIMITS.delayMaxMs });
    // Another address, and the same address on another account, are not slowed.
    expect(t.check(ID, '10.0.0.2', 2_000).ok).toBe(true);
    expect(t.check('other', '10.0.0.1', 2_000).ok).toBe(true);
    t.succeeded(ID, '10.0.0.1');
    expect(t.check(ID, '10.0.0.1', 2_000).ok).toBe(true);
  });

  it('never lets one address reach the account ceiling, however long it guesses', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 48 }), (ceiling, hours) => {
        const t = new LoginThrottle({ ...LIMITS, accountCeiling: ceiling });
        guessFrom(t, '192.0.2.1', 0, hours * 3_600_000);
        // An address that never failed is admitted, and so is the attacker's after its delay.
        const end = hours * 3_600_000 + LIMITS.delayMaxMs;
        expect(t.check(ID, '192.0.2.99', end).ok).toBe(true);
        t.failed(ID, '192.0.2.99', end);
        expect(t.check(ID, '192.0.2.99', end).ok).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it(`takes at least ${MIN_SOURCES} addresses to reach the ceiling; then only addresses that failed wait`, () => {
    const t = new LoginThrottle({ ...LIMITS, freeFailures: 1_000 });
    for (let a = 0; a < MIN_SOURCES - 1; a++) for (let i = 0; i < 100; i++) t.failed(ID, `10.1.0.${a}`, 0);
    t.failed(ID, '10.1.1.1', 0);
    expect(t.check(ID, '10.1.1.1', 0).ok).toBe(true);
    for (let i = 0; i < 100; i++) t.failed(ID, '10.1.0.9', 0);
    const v = t.check(ID, '10.1.1.1', 10);
    expect(v).toEqual({ ok: false, scope: 'account', retryAfterMs: LIMITS.windowMs - 10 });
    expect(t.check(ID, '10.1.9.9', 10).ok).toBe(true);
    expect(t.check(ID, '10.1.1.1', LIMITS.windowMs).ok).toBe(true);
  });

  it('counts IPv6 clients by their /64 and IPv4-mapped clients as IPv4', () => {
    expect(sourceOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(sourceOf('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(sourceOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(sourceOf('::1')).toBe('0:0:0:0::/64');
    expect(sourceOf('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(sourceOf('10.0.0.1')).toBe('10.0.0.1');
  });
});
