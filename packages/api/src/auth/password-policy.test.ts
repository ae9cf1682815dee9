/** The new-password rule: every refusal names its reason, and a long random password passes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LENGTH, MIN_LENGTH, newPasswordProblem } from './password-policy.js';

const ID = '4c1b2e8f9a3d47e39b25f0c6a7d18b52';

describe('newPasswordProblem', () => {
  it('refuses short, overlong, unchanged, id-bearing, repetitive, known and unstorable passwords', () => {
    expect(newPasswordProblem('short', 'old', ID)).toMatch(/at least 12 characters/);
    expect(newPasswordProblem(`${'x'.repeat(MAX_LENGTH)}abcde`, 'old', ID)).toMatch(/at most 256/);
    expect(newPasswordProblem('same old secret!', 'same old secret!', ID)).toMatch(/differ/);
    expect(newPasswordProblem(`my ${ID.toUpperCase()}`, 'old', ID)).toMatch(/your ID/);
    expect(newPasswordProblem('abababababababab', 'old', ID)).toMatch(/different characters/);
    expect(newPasswordProblem('Smh@2025Secure', 'old', ID)).toMatch(/well-known/);
    expect(newPasswordProblem('a good long one\u0000', 'old', ID)).toMatch(/NUL/);
    expect(newPasswordProblem('a lone half \ud800 here', 'old', ID)).toMatch(/well-formed/);
  });

  it('counts characters, not UTF-16 units: eleven emoji are too short, twelve distinct ones are fine', () => {
    const emoji = [...'😀😁😂🤣😃😄😅😆😉😊😋😎'];
    expect(newPasswordProblem(emoji.slice(0, MIN_LENGTH - 1).join(''), 'old', ID)).toMatch(/at least/);
    expect(newPasswordProblem(emoji.join(''), 'old', ID)).toBeNull();
  });

  it('accepts any password of 12 to 256 characters with enough variety (fast-check)', () => {
    const word = fc
      .string({ minLength: MIN_LENGTH, maxLength: MAX_LENGTH, unit: 'grapheme-ascii' })
      .filter((s) => new Set(s.toLowerCase()).size >= 5 && !s.toLowerCase().includes(ID));
    fc.assert(
      fc.property(
        word,
        (s) =>
          newPasswordProblem(s, `${s}!`, ID) === null ||
          /well-known/.test(newPasswordProblem(s, `${s}!`, ID)!),
      ),
    );
  });

  it('never throws, and a refusal is always one readable line (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), fc.string(), (next, current) => {
        const p = newPasswordProblem(next, current, ID);
        return p === null || (p.length > 0 && !p.includes('\n'));
      }),
    );
  });
});
