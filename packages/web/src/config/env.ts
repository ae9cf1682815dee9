/**
 * Build-time configuration. The app is served by the API server itself, so the API base URL is
 * '' (same origin) unless VITE_API_URL says otherwise (e.g. `vite dev` on 5173 against :5000).
 * Checked by hand rather than with zod: this module is in the first chunk, and zod's core would
 * add 15 KB gzipped to it for one regular expression.
 */
const ORIGIN = /^https?:\/\/[^/\s]+\/?$/;

export function parseEnv(raw: Record<string, unknown>): { apiUrl: string } {
  const problems: string[] = [];
  const apiUrl = raw.VITE_API_URL;
  if (apiUrl !== undefined && apiUrl !== '' && (typeof apiUrl !== 'string' || !ORIGIN.test(apiUrl))) {
    problems.push(
      `VITE_API_URL: expected an origin such as http://localhost:5000, got ${JSON.stringify(apiUrl)}`,
    );
  }
  if (problems.length > 0) throw new Error(`Invalid environment: ${problems.join('; ')}`);
  return { apiUrl: typeof apiUrl === 'string' ? apiUrl.replace(/\/+$/, '') : '' };
}

export const env = parseEnv(import.meta.env);
