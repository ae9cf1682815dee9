/**
 * The query of GET /api/audit: paging and filters. Every parameter is optional, and with none the
 * answer is what it always was (newest first, at most 500), so the existing client is unaffected.
 * Bad values are a 400 naming the parameter.
 */
import { z } from 'zod';
import { AuditAction } from '../services/audit-log.js';

export const AUDIT_PAGE_MAX = 500;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** A calendar date (whole UTC day) or an ISO date-time with an offset. */
const instant = z
  .string('expected a string')
  .max(40, 'at most 40 characters')
  .refine((s) => {
    const t = Date.parse(DATE.test(s) ? `${s}T00:00:00Z` : s);
    if (!Number.isFinite(t)) return false;
    return DATE.test(s)
      ? new Date(t).toISOString().slice(0, 10) === s
      : z.iso.datetime({ offset: true }).safeParse(s).success;
  }, 'expected a date YYYY-MM-DD or an ISO date-time');

const toMs = (s: string): number => Date.parse(DATE.test(s) ? `${s}T00:00:00Z` : s);

export const AuditQuerySchema = z
  .object({
    limit: z.coerce
      .number('expected a number')
      .int('expected a whole number')
      .min(1)
      .max(AUDIT_PAGE_MAX)
      .optional(),
    /** Cursor: entries older than this sequence number (the `next` of the previous page). */
    before: z.coerce
      .number('expected a number')
      .int('expected a whole number')
      .min(1)
      .max(Number.MAX_SAFE_INTEGER)
      .optional(),
    action: z.enum(Object.values(AuditAction) as [AuditAction, ...AuditAction[]]).optional(),
    /** From this instant on; a date means from the start of that UTC day. */
    from: instant.optional(),
    /** Up to this instant; a date includes that whole UTC day. */
    to: instant.optional(),
    /** Whose actions: `me` (the caller's own), `others`, or one actor's id. */
    who: z
      .union([z.literal('me'), z.literal('others'), z.string().regex(/^[0-9a-f]{32}$/)], {
        error: 'expected "me", "others" or a 32-hex id',
      })
      .optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || toMs(q.from) <= toMs(q.to), {
    path: ['to'],
    message: 'must not be before from',
  });
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** The half-open range [from, to) in the stored ISO form, which sorts as text. */
export function auditTimeRange(q: Pick<AuditQuery, 'from' | 'to'>): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  if (q.from !== undefined) out.from = new Date(toMs(q.from)).toISOString();
  if (q.to !== undefined) {
    const end = DATE.test(q.to) ? toMs(q.to) + DAY_MS : toMs(q.to) + 1;
    out.to = new Date(end).toISOString();
  }
  return out;
}
