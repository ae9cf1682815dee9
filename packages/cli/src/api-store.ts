/** Which store the API started by `chartproof up` uses, as the API itself decides (config.ts). */
import { join } from 'node:path';

/** Never shows the password of DATABASE_URL. */
export function describeApiStore(env: Record<string, string | undefined>, dataDir: string): string {
  const url = env.DATABASE_URL;
  if (url === undefined || url === '') return `embedded PGlite in ${join(dataDir, 'api', 'db')}`;
  try {
    const u = new URL(url);
    u.password = '';
    return `PostgreSQL at ${u.host}${u.pathname} (DATABASE_URL)`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}
