import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { burnPasswordCheck, DUMMY_HASH, hashPassword, parseHash, verifyPassword } from './passwords.js';

const vectors = JSON.parse(
  readFileSync(new URL('../../test/vectors/passwords.json', import.meta.url), 'utf8'),
) as { vectors: Array<{ password: string; hash: string; valid: boolean; desc?: string }> };

describe('passwords (Werkzeug scrypt format)', () => {
  for (const v of vectors.vectors) {
    it(`${v.valid ? 'accepts' : 'rejects'} ${v.desc ?? JSON.stringify(v.password)}`, async () => {
      expect(await verifyPassword(v.password, v.hash)).toBe(v.valid);
    });
  }

  it('hashes in the same format, verifiable, salted per hash', async () => {
    const a = await hashPassword('Ana!Health1');
    const b = await hashPassword('Ana!Health1');
    expect(a).toMatch(/^scrypt:32768:8:1\$[A-Za-z0-9]{16}\$[0-9a-f]{128}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Ana!Health1', a)).toBe(true);
    expect(await verifyPassword('Ana!Health2', a)).toBe(false);
  });

  it('a dummy check for unknown users is false and has the parameters of a real hash', async () => {
    expect(await burnPasswordCheck('whatever')).toBe(false);
    const dummy = parseHash(DUMMY_HASH)!;
    const real = parseHash(await hashPassword('x'))!;
    expect({ n: dummy.n, r: dummy.r, p: dummy.p, len: dummy.key.length }).toEqual({
      n: real.n,
      r: real.r,
      p: real.p,
      len: real.key.length,
    });
  });
});
