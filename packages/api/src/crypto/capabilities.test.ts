import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Capabilities, sameToken } from './capabilities.js';

const v = JSON.parse(
  readFileSync(new URL('../../test/vectors/capabilities.json', import.meta.url), 'utf8'),
) as {
  secret_hex: string;
  tokens: Array<{ kind: 'patient' | 'owner' | 'grant'; message: string; token: string }>;
};

describe('capability tokens', () => {
  const caps = new Capabilities(Buffer.from(v.secret_hex, 'hex'));
  it('match the vectors', () => {
    for (const t of v.tokens) {
      const [, a, b] = t.message.split(':') as [string, string, string];
      const got =
        t.kind === 'patient' ? caps.patient(a, b) : t.kind === 'owner' ? caps.owner(a, b) : caps.grant(a, b);
      expect(got).toBe(t.token);
    }
  });

  it('differ per principal, record and kind', () => {
    const r = 'e'.repeat(32);
    const all = [
      caps.patient('a'.repeat(32), r),
      caps.owner('a'.repeat(32), r),
      caps.grant('a'.repeat(32), r),
      caps.patient('b'.repeat(32), r),
    ];
    expect(new Set(all).size).toBe(all.length);
  });

  it('compare equal only when identical', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(sameToken(a, b)).toBe(a === b);
      }),
    );
  });
});
