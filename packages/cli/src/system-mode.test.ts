/** The system file's parser: the two forms it knows, and a reason for anything else (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSystemMode } from './system-mode.js';

const ID = '9689d253071847198c3db53e5b7bb80e';

describe('parseSystemMode', () => {
  it('reads a real system with its central authority, and a demo', () => {
    expect(parseSystemMode({ mode: 'real', central_authority: ID })).toEqual({
      mode: 'real',
      central_authority: ID,
    });
    expect(parseSystemMode({ mode: 'demo' })).toEqual({ mode: 'demo' });
  });

  it('names what is wrong', () => {
    expect(parseSystemMode(null)).toBe('expected an object');
    expect(parseSystemMode({ mode: 'prod' })).toMatch(/^mode: /);
    expect(parseSystemMode({ mode: 'real' })).toMatch(/^central_authority: /);
    expect(parseSystemMode({ mode: 'real', central_authority: ID.toUpperCase() })).toMatch(
      /^central_authority: /,
    );
  });

  it('never throws, and answers a mode or a reason for any JSON (fast-check)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = parseSystemMode(v);
        return typeof r === 'string' ? r.length > 0 : r.mode === 'real' || r.mode === 'demo';
      }),
    );
  });
});
