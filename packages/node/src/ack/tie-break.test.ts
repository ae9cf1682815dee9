import { describe, expect, it } from 'vitest';
import { shouldBreakTie } from './tie-break.js';

const rule = (patient = false) => ({ validators: 3, quorum: 2, patient });
const at = (hash: string, height = 5) => ({ height, hash });

describe('shouldBreakTie', () => {
  it('does nothing when no validator acknowledges another block at our height', () => {
    expect(shouldBreakTie(at('bb'), [at('bb'), at('bb')], rule())).toBe(false);
    expect(shouldBreakTie(at('bb'), [at('aa', 4), at('bb')], rule())).toBe(false);
  });

  it('lets the side with a quorum extend, at once', () => {
    expect(shouldBreakTie(at('bb'), [at('bb'), at('bb'), at('aa')], rule())).toBe(true);
    expect(shouldBreakTie(at('aa'), [at('bb'), at('bb'), at('aa')], rule(true))).toBe(false);
  });

  it('without a quorum waits for every vote, then the lower hash wins an even split', () => {
    const two = [at('bb'), at('aa')];
    expect(shouldBreakTie(at('aa'), two, { validators: 4, quorum: 3, patient: false })).toBe(false);
    const four = [at('bb'), at('aa'), at('bb'), at('aa')];
    expect(shouldBreakTie(at('aa'), four, { validators: 4, quorum: 3, patient: false })).toBe(true);
    expect(shouldBreakTie(at('bb'), four, { validators: 4, quorum: 3, patient: false })).toBe(false);
  });

  it('decides on the votes at hand once patient (silent validators)', () => {
    expect(shouldBreakTie(at('aa'), [at('bb'), at('aa')], rule(false))).toBe(false);
    expect(shouldBreakTie(at('aa'), [at('bb'), at('aa')], rule(true))).toBe(true);
    expect(shouldBreakTie(at('bb'), [at('bb'), at('aa')], rule(true))).toBe(false);
  });

  it('never acts at genesis', () => {
    expect(shouldBreakTie(at('aa', 0), [at('bb', 0), at('bb', 0)], rule(true))).toBe(false);
  });
});
