import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuditQuerySchema, auditTimeRange } from './audit-query.js';

const PARAMS = ['limit', 'before', 'action', 'from', 'to', 'who'] as const;

describe('AuditQuerySchema', () => {
  it('never throws, and a rejected parameter is the one named in the first issue', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PARAMS), fc.string({ maxLength: 60 }), (param, value) => {
        const r = AuditQuerySchema.safeParse({ [param]: value });
        if (!r.success) expect(r.error.issues[0]!.path).toEqual([param]);
      }),
    );
  });

  it('accepts the empty query (the existing client) and the values the web app sends', () => {
    expect(AuditQuerySchema.parse({})).toEqual({});
    expect(
      AuditQuerySchema.parse({
        limit: '50',
        before: '120',
        action: 'login',
        from: '2026-12-01',
        to: '2026-12-07',
        who: 'me',
      }),
    ).toEqual({ limit: 50, before: 120, action: 'login', from: '2026-12-01', to: '2026-12-07', who: 'me' });
  });

  it('reads a date as whole UTC days and a date-time as that instant', () => {
    expect(auditTimeRange({ from: '2026-12-07', to: '2026-12-07' })).toEqual({
      from: '2026-12-07T00:00:00.000Z',
      to: '2026-12-08T00:00:00.000Z',
    });
    expect(auditTimeRange({ from: '2026-12-07T10:00:00+01:00' })).toEqual({
      from: '2026-12-07T09:00:00.000Z',
    });
  });

  it('keeps every accepted range in order: from never after to', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (a, b) => {
          const q = { from: a.toISOString(), to: b.toISOString() };
          const r = AuditQuerySchema.safeParse(q);
          expect(r.success).toBe(a.getTime() <= b.getTime());
          if (r.success) {
            const t = auditTimeRange(r.data);
            expect(t.from! < t.to!).toBe(true);
          }
        },
      ),
    );
  });
});
