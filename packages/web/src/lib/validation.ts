/** Field rules shared by the create forms (contract 2.3–2.5 Target rules). */
import { z } from 'zod';

/** A required, trimmed string of at most 200 characters. */
export const requiredText = (label: string) =>
  z.string().trim().min(1, `${label} is required`).max(200, `${label} must be at most 200 characters`);

export const newPassword = z
  .string()
  .min(8, 'Password must be at least 8 characters')
  .max(256, 'Password must be at most 256 characters');

/** YYYY-MM-DD, a real calendar date, in the past. */
export const pastDate = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date (YYYY-MM-DD)`)
    .refine((s) => {
      const t = Date.parse(`${s}T00:00:00Z`);
      return Number.isFinite(t) && new Date(t).toISOString().startsWith(s);
    }, `${label} is not a real date`)
    .refine((s) => Date.parse(`${s}T00:00:00Z`) < Date.now(), `${label} must be in the past`);

/** zod issues → the first message for each field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}
