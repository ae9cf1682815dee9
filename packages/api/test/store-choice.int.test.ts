/**
 * A test says which store it runs on, and the shell does not change it: with DATABASE_URL,
 * CHARTPROOF_MASTER_KEY and JWT_SECRET set in this process's environment (as in a developer's
 * shell that also runs the API on PostgreSQL), an API child started on PGlite still runs on its
 * own PGlite directory with secrets of its own.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiEnv, USERS } from './harness.js';

// Nothing listens on port 9 (discard): an API that took this URL would fail to start.
const SHELL = {
  DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:9/not_this_one',
  CHARTPROOF_MASTER_KEY: 'ab'.repeat(32),
  JWT_SECRET: 'a shell secret that no test API may take, 42 bytes',
} as const;

describe('the store of a test child comes from the test, not the shell', () => {
  let env: ApiEnv | undefined;
  const saved = new Map<string, string | undefined>();

  beforeAll(() => {
    for (const [k, v] of Object.entries(SHELL)) {
      saved.set(k, process.env[k]);
      process.env[k] = v;
    }
  });
  afterAll(async () => {
    await env?.stop();
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('a PGlite API child ignores DATABASE_URL, CHARTPROOF_MASTER_KEY and JWT_SECRET of the shell', async () => {
    env = await ApiEnv.start({ store: 'pglite', child: true });
    // The embedded database and the generated secrets are in the test's data directory.
    expect(existsSync(join(env.dir, 'api', 'db', 'PG_VERSION'))).toBe(true);
    expect(readFileSync(join(env.dir, 'api', 'master.key'), 'utf8').trim()).not.toBe(
      SHELL.CHARTPROOF_MASTER_KEY,
    );
    expect(existsSync(join(env.dir, 'api', 'jwt.secret'))).toBe(true);
    await env.demoReady();
    expect(await env.login(USERS.marko.id, USERS.marko.password)).toMatch(/\./);
  }, 150_000);
});
