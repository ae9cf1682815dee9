/**
 * Turning untrusted bodies into typed values with the contract's messages (2.3–2.6): an absent or
 * empty body is "No data provided", a missing key "Missing required field: <field>" (checked in
 * the contract's order), anything else "<field>: <reason>". Always a 400 that names the field.
 */
import type { z } from 'zod';
import { badRequest } from '../errors.js';

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'body';
  return `${field}: ${issue.message}`;
}

/** Parses a create body whose fields are all required, in `order`. */
export function parseFields<S extends z.ZodType>(
  schema: S,
  order: readonly string[],
  body: unknown,
): z.output<S> {
  if (body === undefined || body === null || (isPlainObject(body) && Object.keys(body).length === 0)) {
    throw badRequest('No data provided');
  }
  if (!isPlainObject(body)) throw badRequest('Request body must be a JSON object');
  for (const field of order) {
    if (!Object.hasOwn(body, field)) throw badRequest(`Missing required field: ${field}`);
  }
  const r = schema.safeParse(body);
  if (!r.success) throw badRequest(firstIssue(r.error));
  return r.data;
}
