/**
 * Every route under random bodies, path parameters, query strings and headers, with random
 * credentials: never a 5xx, never a body without `error` and `message` on a 4xx, and never a
 * change to the data (the audit log, which records refused attempts by design, is left out).
 * Text is hostile (NUL, lone surrogates, overlong, mixed scripts) and every field a route reads
 * gets every JSON type; each route gets its own runs, mostly with its own role's token, so that
 * the class of 500s of issue 13 (odd text reaching the database or a hash) is found on both stores.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiEnv, postgresAvailable, type Store, USERS } from './harness.js';

const pgOk = await postgresAvailable();
const RUNS_PER_ROUTE = 60;

type Who = 'ana' | 'marko' | 'sm' | 'ca' | null;
const PATIENT = [
  'first_name',
  'last_name',
  'personal_id',
  'date_of_birth',
  'gender',
  'address',
  'phone',
  'citizenship',
  'password',
];
/** Method, path, the body fields the route reads (RECORD: a record's free-form fields), and the role it serves. */
const ROUTES: Array<[string, string, readonly string[] | 'RECORD', Who]> = [
  ['POST', '/api/login', ['id', 'password'], null],
  ['POST', '/api/auth/verify', ['token'], null],
  ['POST', '/api/patients', PATIENT, 'ca'],
  ['POST', '/api/health-authority', ['name', 'type', 'address', 'phone', 'password'], 'ca'],
  ['POST', '/api/doctors', ['first_name', 'last_name', 'password'], 'sm'],
  ['POST', '/api/health-records', 'RECORD', 'marko'],
  ['POST', '/api/health-records/decrypt/:p', ['secret_key'], 'marko'],
  ['POST', '/api/health-records/verify/:p', ['secret_key'], 'ana'],
  ['GET', '/api/health-records', [], 'ana'],
  ['GET', '/api/health-records/authority', [], 'sm'],
  ['GET', '/api/health-records/secret_key/:p', [], 'ana'],
  ['GET', '/api/health-records/patient/:p', [], 'marko'],
  ['GET', '/api/health-records/:p/proof', [], 'ana'],
  ['POST', '/api/requests', ['health_record_id', 'patient_id'], 'marko'],
  ['GET', '/api/requests/patient', [], 'ana'],
  ['GET', '/api/requests/doctors', [], 'marko'],
  ['DELETE', '/api/requests/:p', [], 'ana'],
  ['PATCH', '/api/requests/:p', ['secret_key'], 'ana'],
  ['GET', '/api/grants', [], 'ana'],
  ['GET', '/api/doctors/:p', [], 'sm'],
  ['GET', '/api/doctors', [], 'sm'],
  ['GET', '/api/health_authority/:p', [], 'sm'],
  ['GET', '/api/patients/:p', [], 'ca'],
  ['GET', '/api/patients', [], 'ca'],
  ['GET', '/api/health-authorities', [], 'ca'],
  ['GET', '/api/patients/personal_id/:p', [], 'marko'],
  ['GET', '/api/central-authority/:p', [], 'ca'],
  ['GET', '/api/audit', [], 'ana'],
  ['GET', '/api/audit/:p/proof', [], 'ana'],
  ['GET', '/api/audit/verify', [], 'ca'],
  ['GET', '/api/network', [], null],
  ['GET', '/api/health', [], null],
  ['GET', '/api/nowhere/:p', [], null],
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

/**
 * Text that breaks naive code: a NUL, lone UTF-16 surrogates (no UTF-8 form), overlong strings,
 * mixed scripts and combining or invisible characters. None is a valid new password, so no
 * random body ever creates an account.
 */
const lone = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff');
const around = (core: fc.Arbitrary<string>) =>
  fc.tuple(fc.string({ maxLength: 12 }), core, fc.string({ maxLength: 12 })).map(([a, b, c]) => a + b + c);
const hostile = fc.oneof(
  around(fc.constant('\u0000')),
  around(lone),
  around(fc.tuple(fc.constant('\u0000'), lone).map(([a, b]) => a + b)),
  fc.constantFrom('x'.repeat(257), 'é'.repeat(10_001), '\u{1F600}'.repeat(5_001)),
  fc.constantFrom('Ђорђе', '中文字', 'العربية', 'a\u200bb', '🙂🙃', 'İı', 'e\u0301', 'ŠĐČĆŽ'),
);
/** Any JSON type; strings are short or hostile (a random long string could be a valid password). */
const anyValue = fc.oneof(
  { arbitrary: hostile, weight: 3 },
  { arbitrary: fc.string({ maxLength: 7 }), weight: 1 },
  {
    arbitrary: fc.oneof(
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
    ),
    weight: 1,
  },
);

/** Percent-encodes like a careless client: a lone surrogate becomes its (invalid) 3-byte form. */
function encodeLoose(s: string): string {
  let out = '';
  for (const ch of s) {
    const u = ch.charCodeAt(0);
    if (ch.length === 1 && u >= 0xd800 && u <= 0xdfff) {
      out += [0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(ch);
  }
  return out;
}

/** A path parameter, already encoded. */
const param = fc.oneof(
  fc.stringMatching(/^[0-9a-f]{32}$/),
  fc.string({ maxLength: 80 }).map(encodeLoose),
  hostile.map(encodeLoose),
  fc.constantFrom(
    '8ee9c6326d1d4438a1945af1d3320a98',
    '2308992715066',
    '1',
    '-1',
    '..',
    '%',
    '%00',
    'a%00',
    '2308992715066%00',
    '%C0%80',
    '%ED%A0%80',
    '%FF',
    '0'.repeat(300),
    "'%20or%201%3D1%20--",
  ),
);

/** A body for one route: random JSON, raw text, none, or the route's own fields with any value. */
function bodyFor(fields: readonly string[] | 'RECORD') {
  const own =
    fields === 'RECORD'
      ? fc
          .tuple(
            fc.oneof({ arbitrary: fc.constant(USERS.ana.id), weight: 3 }, { arbitrary: anyValue, weight: 1 }),
            fc.array(fc.tuple(fc.oneof(hostile, fc.string({ maxLength: 10 })), hostile), { maxLength: 2 }),
            // Always one field no record may hold (a lone surrogate in its value), so none is created.
            fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), around(lone)),
            fc.array(fc.tuple(fc.oneof(hostile, fc.string({ maxLength: 10 })), hostile), { maxLength: 2 }),
          )
          // The poison last, so that no other field of the same name replaces it.
          .map(([patient, before, poison, after]) => ({
            patient_id: patient,
            ...Object.fromEntries([...before, ...after, poison]),
          }))
      : fc.record(Object.fromEntries(fields.map((f) => [f, anyValue])));
  return fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('json' as const), value: own }), weight: 3 },
    {
      arbitrary: fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 3 }) }),
      weight: 1,
    },
    {
      arbitrary: fc.record({ kind: fc.constant('raw' as const), value: fc.string({ maxLength: 200 }) }),
      weight: 1,
    },
    { arbitrary: fc.record({ kind: fc.constant('none' as const), value: fc.constant(null) }), weight: 1 },
  );
}
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
    const tokens: Record<Exclude<Who, null>, string> = { ana: '', marko: '', sm: '', ca: '' };

    beforeAll(async () => {
      env = await ApiEnv.start({ store });
      await env.demoReady();
      tokens.ana = await env.login(USERS.ana.id, USERS.ana.password);
      tokens.marko = await env.login(USERS.marko.id, USERS.marko.password);
      tokens.sm = await env.login(USERS.saintMary.id, USERS.saintMary.password);
      tokens.ca = await env.login(USERS.ca.id, USERS.ca.password);
      await env.api!.background.stop(); // no checkpoint or reconciliation writes during the snapshot
    }, 150_000);
    afterAll(async () => env?.stop());

    it('never answers 5xx, always {error, message} on 4xx, and changes no data', async () => {
      const before = await snapshot(env);
      const anyToken = fc.constantFrom(...Object.values(tokens)).map((t) => `Bearer ${t}`);
      let requests = 0;
      // Each route gets its own runs, mostly with the token of the role it serves.
      for (const [method, path, fields, who] of ROUTES) {
        const auth = fc.oneof(
          { arbitrary: who === null ? anyToken : fc.constant(`Bearer ${tokens[who]}`), weight: 4 },
          { arbitrary: anyToken, weight: 1 },
          { arbitrary: fc.constant(undefined), weight: 1 },
          { arbitrary: header, weight: 1 },
          { arbitrary: header.map((h) => `Bearer ${h}`), weight: 1 },
        );
        await fc.assert(
          fc.asyncProperty(param, query, bodyFor(fields), contentType, auth, async (p, q, b, ct, a) => {
            requests++;
            const headers: Record<string, string> = {};
            if (ct !== '') headers['content-type'] = ct;
            if (a !== undefined && a !== '') headers.authorization = a;
            const payload =
              b.kind === 'json' ? JSON.stringify(b.value) : b.kind === 'raw' ? b.value : undefined;
            const url = `${env.url}${path.replace(':p', p || 'x')}${q}`;
            const res = await fetch(url, {
              method,
              headers,
              body: method === 'GET' || method === 'DELETE' ? undefined : payload,
              signal: AbortSignal.timeout(30_000),
            });
            const text = await res.text();
            const shown = `${method} ${url.slice(0, 200)} ${payload?.slice(0, 200) ?? ''}`;
            expect(res.status, `${shown} → ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500);
            if (res.status >= 400) {
              const json = JSON.parse(text) as { error?: unknown; message?: unknown };
              expect(
                typeof json.error === 'string' && json.message === json.error,
                `${shown}: ${text.slice(0, 200)}`,
              ).toBe(true);
            }
          }),
          { numRuns: RUNS_PER_ROUTE },
        );
      }
      expect(requests).toBe(ROUTES.length * RUNS_PER_ROUTE);
      expect(await snapshot(env)).toBe(before);
    }, 600_000);
  });
}
