/**
 * Access tokens: a verified token is remembered, but its expiry still holds on every use, and a
 * token that differs in any byte from a remembered one is verified afresh (and refused).
 */
import { describe, expect, it } from 'vitest';
import { TOKEN_LIFETIME_S, Tokens } from './jwt.js';

const secret = new Uint8Array(32).fill(7);

describe('Tokens.check', () => {
  it('accepts its own token, again from memory, and refuses it once expired', async () => {
    const tokens = new Tokens(secret);
    const now = Math.floor(Date.now() / 1000);
    const t = await tokens.issue('doctor-1', 'doctors', now);
    const first = await tokens.check(t, now);
    expect(first).toEqual({
      ok: true,
      claims: expect.objectContaining({ sub: 'doctor-1', user_type: 'doctors' }),
    });
    expect(await tokens.check(t, now + 10)).toEqual(first);
    expect(await tokens.check(t, now + TOKEN_LIFETIME_S)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a remembered token with one character changed, and a token of another secret', async () => {
    const tokens = new Tokens(secret);
    const t = await tokens.issue('patient-1', 'patients');
    expect((await tokens.check(t)).ok).toBe(true);
    const i = t.length - 5;
    const changed = t.slice(0, i) + (t[i] === 'A' ? 'B' : 'A') + t.slice(i + 1);
    expect(await tokens.check(changed)).toEqual({ ok: false, reason: 'invalid' });
    const other = await new Tokens(new Uint8Array(32).fill(8)).issue('patient-1', 'patients');
    expect(await tokens.check(other)).toEqual({ ok: false, reason: 'invalid' });
  });
});
