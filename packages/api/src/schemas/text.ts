/**
 * Text the database and canonical JSON can hold: PostgreSQL refuses a NUL in a text value, and a
 * lone UTF-16 surrogate has no UTF-8 form (RFC 8785 hashes UTF-8), so either would surface as a
 * 500 deep inside a query or a hash. Checked once at the boundary instead, so that the answer is
 * a 400 naming the field.
 */
import { z } from 'zod';

// Without the `u` flag a regular expression sees UTF-16 code units, so it can find unpaired halves.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const NOT_WELL_FORMED = 'must be well-formed Unicode (a lone UTF-16 surrogate was found)';

/** Whether `s` has a UTF-8 form: no unpaired surrogate. */
export const isWellFormed = (s: string): boolean => !LONE_SURROGATE.test(s);

/** Why `s` is not storable text, or null when it is. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'must not contain a NUL character';
  if (!isWellFormed(s)) return NOT_WELL_FORMED;
  return null;
}

/** A zod string refinement with the same rule, for schemas. */
export const storableText = <S extends z.ZodType<string>>(schema: S) =>
  schema.superRefine((s, ctx) => {
    const problem = textProblem(s);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A path parameter: at most 256 characters of storable text. */
export const PathParam = storableText(z.string().max(256));
