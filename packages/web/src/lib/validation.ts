/** Field rules shared by the create forms (contract 2.3–2.5 Target rules). */
import { z } from 'zod';

/** A required, trimmed string of at most 200 characters. */
export const requiredText = (label: string) =>
  z.string().trim().min(1, `${label} is required`).max(200, `${label} must be at most 200 characters`);

export const newPassword = z
  .string()
  .min(8, 'Password must be at least 8 characters')
  .max(256, 'Password must be at most 256 characters');

/**
 * Formats the contract shows by example (2.3, 2.18–2.20): a 13-digit personal ID
 * ("2308992715066", the Serbian JMBG every demo patient has) and a phone number with an optional
 * country code ("+381 65 993 1270"). The server stores both as text; checking them here tells
 * the user at the field instead of after a round trip.
 */
export const PERSONAL_ID_HINT = '13 digits, e.g. 2308992715066';
export const personalId = (label = 'Personal ID') =>
  requiredText(label).regex(/^\d{13}$/, `${label} must be 13 digits`);

export const PHONE_HINT = 'Digits, spaces and an optional leading +, e.g. +381 65 993 1270';
export const phoneNumber = (label = 'Phone') =>
  requiredText(label)
    .regex(/^\+?[0-9][0-9 ()./-]*$/, `${label} may hold only digits, spaces, ( ) . / - and a leading +`)
    .refine((s) => {
      const digits = s.replace(/\D/g, '').length;
      return digits >= 6 && digits <= 15;
    }, `${label} must have 6 to 15 digits`);

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
