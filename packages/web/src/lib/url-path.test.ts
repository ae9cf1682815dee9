import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { path, UnsafePathValue } from './url-path';

describe('path', () => {
  it('keeps each value inside its own segment', () => {
    expect(path`/api/patients/personal_id/${'../../audit?x='}`).toBe(
      '/api/patients/personal_id/..%2F..%2Faudit%3Fx%3D',
    );
    expect(path`/api/audit/${12}/proof`).toBe('/api/audit/12/proof');
    expect(path`/api/health-records/patient/${'a b#c'}?own=true`).toBe(
      '/api/health-records/patient/a%20b%23c?own=true',
    );
  });

  it('refuses values no encoding makes safe', () => {
    for (const v of ['', '.', '..']) expect(() => path`/api/doctors/${v}`).toThrow(UnsafePathValue);
  });

  it('never lets a value change the path outside its segment', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).filter((s) => s !== '' && s !== '.' && s !== '..'),
        (v) => {
          if (/[\ud800-\udfff]/.test(v.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) {
            expect(() => path`/api/patients/${v}/x`).toThrow(UnsafePathValue);
            return;
          }
          const url = new URL(path`/api/patients/${v}/x`, 'http://app.invalid');
          const parts = url.pathname.split('/');
          expect(parts).toHaveLength(5);
          expect([parts[1], parts[2], parts[4]]).toEqual(['api', 'patients', 'x']);
          expect(url.search).toBe('');
          expect(decodeURIComponent(parts[3]!)).toBe(v);
        },
      ),
    );
  });
});
