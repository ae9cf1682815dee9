import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runtimeProblem } from './runtime.js';

describe('runtimeProblem', () => {
  it('accepts the maintained lines', () => {
    for (const v of ['v22.12.0', '22.20.1', 'v24.0.0', 'v24.21.0', 'v26.10.0'])
      expect(runtimeProblem(v)).toBeUndefined();
  });

  it('refuses end-of-life and too-old lines with one line naming the fix', () => {
    for (const v of ['v20.20.2', 'v18.0.0', 'v22.11.9', 'v21.7.3']) {
      const p = runtimeProblem(v);
      expect(p).toMatch(/is not supported/);
      expect(p).toMatch(/npm start/);
      expect(p).not.toContain('\n');
    }
  });

  it('agrees with a plain major.minor comparison for every version', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.nat(30), fc.nat(30), (major, minor, patch) => {
        const ok = major > 22 || (major === 22 && minor >= 12);
        expect(runtimeProblem(`v${major}.${minor}.${patch}`) === undefined).toBe(ok);
      }),
    );
  });

  it('names a version it cannot read', () => {
    expect(runtimeProblem('garbage')).toMatch(/cannot read/);
  });

  it('accepts the runtime the tests run on (CI runs on the pinned Node 24)', () => {
    expect(runtimeProblem(process.version)).toBeUndefined();
  });
});
