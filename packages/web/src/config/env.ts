/**
 * Build-time configuration. The app is served by the API server itself, so the API base URL is
 * '' (same origin) unless VITE_API_URL says otherwise (e.g. `vite dev` on 5173 against :5000).
 * zod/mini keeps this check out of the first-load budget.
 */
import * as z from 'zod/mini';

const EnvSchema = z.object({
  VITE_API_URL: z.optional(
    z.string().check(z.regex(/^(https?:\/\/[^/\s]+)?$/, 'expected an origin such as http://localhost:5000')),
  ),
});

function parseEnv(raw: Record<string, unknown>): { apiUrl: string } {
  const r = EnvSchema.safeParse(raw);
  if (!r.success) {
    const problems = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  return { apiUrl: (r.data.VITE_API_URL ?? '').replace(/\/+$/, '') };
}

export const env = parseEnv(import.meta.env);
