/**
 * Every route under random bodies, path parameters, query strings and headers, with random
 * credentials: never a 5xx, never a body without `error` and `message` on a 4xx, and never a
 * change to the data (the audit log, which records refused attempts by design, is left out).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiEnv, postgresAvailable, type Store, USERS } from './harness.js';

const pgOk = await postgresAvailable();

const ROUTES: Array<[string, string]> = [
  ['POST', '/api/login'],
  ['POST', '/api/auth/verify'],
  ['POST', '/api/patients'],
  ['POST', '/api/health-authority'],
  ['POST', '/api/doctors'],
  ['POST', '/api/health-records'],
  ['POST', '/api/health-records/decrypt/:p'],
  ['POST', '/api/health-records/verify/:p'],
  ['GET', '/api/health-records'],
  ['GET', '/api/health-records/authority'],
  ['GET', '/api/health-records/secret_key/:p'],
  ['GET', '/api/health-records/patient/:p'],
  ['GET', '/api/health-records/:p/proof'],
  ['POST', '/api/requests'],
  ['GET', '/api/requests/patient'],
  ['GET', '/api/requests/doctors'],
  ['DELETE', '/api/requests/:p'],
  ['PATCH', '/api/requests/:p'],
  ['GET', '/api/grants'],
  ['GET', '/api/doctors/:p'],
  ['GET', '/api/doctors'],
  ['GET', '/api/health_authority/:p'],
  ['GET', '/api/patients/:p'],
  ['GET', '/api/patients'],
  ['GET', '/api/health-authorities'],
  ['GET', '/api/patients/personal_id/:p'],
  ['GET', '/api/central-authority/:p'],
  ['GET', '/api/audit'],
  ['GET', '/api/audit/:p/proof'],
  ['GET', '/api/audit/verify'],
  ['GET', '/api/network'],
  ['GET', '/api/health'],
  ['GET', '/api/nowhere/:p'],
];

const DATA_TABLES = [
  'users',
  'central_authorities',
  'health_authorities',
  'patients',
  'doctors',
  'health_records',
  'access_requests',
  'service_keys',
  'meta',
];

const param = fc.oneof(
  fc.stringMatching(/^[0-9a-f]{32}$/),
  fc.string({ maxLength: 80 }),
  fc.constantFrom(
    '8ee9c6326d1d4438a1945af1d3320a98',
    '2308992715066',
    '1',
    '-1',
    '..',
    '%',
    '0'.repeat(300),
    "' or 1=1 --",
  ),
);
const body = fc.oneof(
  fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ kind: fc.constant('raw' as const), value: fc.string({ maxLength: 200 }) }),
  fc.record({ kind: fc.constant('none' as const), value: fc.constant(null) }),
  fc.record({
    kind: fc.constant('json' as const),
    value: fc.record(
      {
        id: fc.oneof(fc.string(), fc.jsonValue()),
        password: fc.oneof(fc.string(), fc.jsonValue()),
        secret_key: fc.oneof(fc.string(), fc.jsonValue()),
        patient_id: fc.oneof(fc.stringMatching(/^[0-9a-f]{32}$/), fc.constant(USERS.ana.id), fc.jsonValue()),
        health_record_id: fc.oneof(fc.constant('8ee9c6326d1d4438a1945af1d3320a98'), fc.jsonValue()),
        token: fc.string(),
      },
      { requiredKeys: [] },
    ),
  }),
);
const header = fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    '',
  ),
  header,
);
const query = fc.oneof(
  fc.constant(''),
  fc.constant('?own=true'),
  fc
    .dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 3 })
    .map((d) => `?${new URLSearchParams(d)}`),
);

async function snapshot(env: ApiEnv): Promise<string> {
  const h = createHash('sha256');
  for (const t of DATA_TABLES) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(t)} order by 1`.execute(
      env.api!.ctx.db,
    );
    h.update(t).update(
      JSON.stringify(rows.rows, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)),
    );
  }
  return h.digest('hex');
}

for (const store of ['pglite', 'postgres'] as Store[]) {
  describe.skipIf(store === 'postgres' && !pgOk)(`random requests on ${store}`, () => {
    let env: ApiEnv;
    const tokens: string[] = [];

    beforeAll(async () => {
      env = await ApiEnv.start({ store });
      await env.demoReady();
      for (const u of [USERS.ana, USERS.marko, USERS.saintMary, USERS.ca])
        tokens.push(await env.login(u.id, u.password));
      await env.api!.background.stop(); // no checkpoint or reconciliation writes during the snapshot
    }, 150_000);
    afterAll(async () => env?.stop());

    it('never answers 5xx, always {error, message} on 4xx, and changes no data', async () => {
      const before = await snapshot(env);
      const auth = fc.oneof(
        fc.constantFrom(...tokens).map((t) => `Bearer ${t}`),
        fc.constant(undefined),
        header,
        header.map((h) => `Bearer ${h}`),
      );
      let requests = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ROUTES),
          param,
          query,
          body,
          contentType,
          auth,
          async ([method, path], p, q, b, ct, a) => {
            requests++;
            const headers: Record<string, string> = {};
            if (ct !== '') headers['content-type'] = ct;
            if (a !== undefined && a !== '') headers.authorization = a;
            const payload =
              b.kind === 'json' ? JSON.stringify(b.value) : b.kind === 'raw' ? b.value : undefined;
            const url = `${env.url}${path.replace(':p', encodeURIComponent(p) || 'x')}${q}`;
            const res = await fetch(url, {
              method,
              headers,
              body: method === 'GET' || method === 'DELETE' ? undefined : payload,
              signal: AbortSignal.timeout(30_000),
            });
            const text = await res.text();
            expect(res.status, `${method} ${url} → ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500);
            if (res.status >= 400) {
              const json = JSON.parse(text) as { error?: unknown; message?: unknown };
              expect(
                typeof json.error === 'string' && json.message === json.error,
                `${method} ${url}: ${text.slice(0, 200)}`,
              ).toBe(true);
            }
          },
        ),
        { numRuns: 400 },
      );
      expect(requests).toBe(400);
      expect(await snapshot(env)).toBe(before);
    }, 240_000);
  });
}
