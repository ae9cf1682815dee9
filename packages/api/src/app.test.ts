/**
 * The HTTP surface without a chain (in-process, `inject`): the contract's error body on every
 * kind of failure, empty JSON bodies accepted, CORS from the allow-list (on errors too), security
 * headers, OpenAPI, metrics, and the login answers that give nothing away. On PGlite and, when
 * available, PostgreSQL.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeKeyFile } from '@chartproof/ledger';
import { testGenesisDoc, testKey } from '@chartproof/ledger/testing';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgres, postgresAvailable, type Store } from '../test/harness.js';
import { type ApiApp, buildApp } from './app.js';
import { configFromEnv, type Limits, parseEnv } from './config.js';
import { createApiLogger } from './log.js';

const pgOk = await postgresAvailable();
const ORIGIN = 'http://localhost:5173';

for (const store of ['pglite', 'postgres'] as Store[]) {
  describe.skipIf(store === 'postgres' && !pgOk)(`HTTP surface on ${store}`, () => {
    let api: ApiApp;
    let drop: (() => Promise<void>) | undefined;
    let webDir = '';

    beforeAll(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cp-app-'));
      writeFileSync(join(dir, 'genesis.json'), JSON.stringify(testGenesisDoc()));
      writeFileSync(join(dir, 'ca.json'), JSON.stringify(encodeKeyFile(testKey('central-authority'))));
      webDir = join(dir, 'web');
      mkdirSync(join(webDir, 'assets'), { recursive: true });
      writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>ChartProof</title>');
      writeFileSync(join(webDir, 'assets', 'app-1.js'), 'console.log(1)');
      const env: Record<string, string> = {
        CHARTPROOF_DATA: dir,
        CHARTPROOF_GENESIS: join(dir, 'genesis.json'),
        CHARTPROOF_CA_KEY: join(dir, 'ca.json'),
        PEER_FOR_COMMUNICATION: 'ws://127.0.0.1:1',
        CHARTPROOF_DEMO: 'false',
        CHARTPROOF_WEB_DIR: webDir,
      };
      if (store === 'postgres') {
        const db = await freshPostgres();
        drop = db.drop;
        env.DATABASE_URL = db.url;
      }
      api = await buildApp(configFromEnv(parseEnv(env), { bodyLimitBytes: 64 * 1024 }), {
        say: () => {},
        logger: createApiLogger('silent'),
      });
      await api.services.accounts.createCentralAuthority(
        '4c1b2e8f9a3d47e39b25f0c6a7d18b52',
        'Serbian Government',
        '12345',
      );
    }, 60_000);
    afterAll(async () => {
      await api?.close();
      await drop?.();
    });

    const inject = (o: InjectOptions) => api.app.inject(o);
    const expectError = (
      r: { statusCode: number; json: () => unknown },
      status: number,
      message?: RegExp | string,
    ) => {
      expect(r.statusCode).toBe(status);
      const body = r.json() as { error: string; message: string };
      expect(body.error).toBe(body.message);
      if (message !== undefined) expect(body.error).toMatch(message);
    };

    it('answers unknown paths 404 and wrong methods 405, as JSON', async () => {
      expectError(await inject({ method: 'GET', url: '/api/nothing' }), 404, 'Not found');
      expectError(await inject({ method: 'GET', url: '/api/health-records/' }), 404);
      expectError(await inject({ method: 'PUT', url: '/api/login' }), 405, 'Method not allowed');
      expectError(await inject({ method: 'GET', url: '/api/login' }), 405);
    });

    it('serves the web app: its files, its deep links, files built after start; the API keeps its 404 and 405', async () => {
      const index = await inject({ method: 'GET', url: '/' });
      expect(index.statusCode).toBe(200);
      expect(index.body).toContain('<title>ChartProof</title>');
      const deep = await inject({ method: 'GET', url: '/dashboard/records?tab=2' });
      expect(deep.statusCode).toBe(200);
      expect(deep.headers['content-type']).toMatch(/html/);
      expect((await inject({ method: 'GET', url: '/assets/app-1.js' })).body).toBe('console.log(1)');
      writeFileSync(join(webDir, 'assets', 'app-2.js'), 'console.log(2)');
      expect((await inject({ method: 'GET', url: '/assets/app-2.js' })).body).toBe('console.log(2)');
      expectError(await inject({ method: 'GET', url: '/api/login' }), 405);
      expectError(await inject({ method: 'GET', url: '/api/nothing' }), 404, 'Not found');
      expectError(await inject({ method: 'POST', url: '/dashboard' }), 404);
    });

    it('answers bad JSON, a wrong content type and a large body with the error body', async () => {
      const post = (payload: string, type = 'application/json') =>
        inject({ method: 'POST', url: '/api/login', payload, headers: { 'content-type': type } });
      expectError(await post('{"id": '), 400, /not valid JSON/);
      expectError(await post('id=1', 'application/x-www-form-urlencoded'), 400, /must be JSON/);
      expectError(await post(JSON.stringify({ id: 'x'.repeat(70_000), password: 'p' })), 413, /too large/);
      expectError(await post('[1,2]'), 400, 'ID and password are required!');
      expectError(await post('{"id": {"$ne": null}, "password": "x"}'), 400, 'ID and password are required!');
      expectError(await post('{"__proto__": {"x": 1}, "id": "a", "password": "b"}'), 400);
    });

    it('accepts an empty body with a JSON content type on GET, DELETE and auth/verify', async () => {
      const h = { 'content-type': 'application/json' };
      expectError(
        await inject({ method: 'GET', url: '/api/health-records', headers: h }),
        401,
        'Token required to access!',
      );
      expectError(
        await inject({ method: 'DELETE', url: `/api/requests/${'a'.repeat(32)}`, headers: h }),
        401,
      );
      const v = await inject({ method: 'POST', url: '/api/auth/verify', headers: h });
      expect(v.statusCode).toBe(400);
      expect(v.json()).toMatchObject({ valid: false, message: 'Token nije pronađen' });
    });

    it('gives the same answer for an unknown user and a wrong password', async () => {
      const login = (id: string, password: string) =>
        inject({ method: 'POST', url: '/api/login', payload: { id, password } });
      const unknown = await login('ffffffffffffffffffffffffffffffff', '12345');
      const wrong = await login('4c1b2e8f9a3d47e39b25f0c6a7d18b52', '54321');
      expect(unknown.statusCode).toBe(401);
      expect(unknown.body).toBe(wrong.body);
      expect(wrong.json()).toEqual({ error: 'Invalid credentials!', message: 'Invalid credentials!' });
      const ok = await login('4c1b2e8f9a3d47e39b25f0c6a7d18b52', '12345');
      expect(ok.json()).toMatchObject({ message: 'Login successful' });
      const [, payload] = (ok.json() as { access_token: string }).access_token.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      expect(claims).toMatchObject({
        sub: '4c1b2e8f9a3d47e39b25f0c6a7d18b52',
        user_type: 'central_authority',
        type: 'access',
      });
      expect(claims.exp - claims.iat).toBe(3600);
    });

    it('answers CORS preflights from allowed origins only, and puts CORS headers on errors', async () => {
      const pre = await inject({
        method: 'OPTIONS',
        url: '/api/health-records',
        headers: {
          origin: ORIGIN,
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(pre.statusCode).toBe(204);
      expect(pre.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(String(pre.headers['access-control-allow-methods'])).toContain('PATCH');
      expect(pre.headers['access-control-allow-credentials']).toBeUndefined();
      const evil = await inject({
        method: 'OPTIONS',
        url: '/api/health-records',
        headers: { origin: 'http://evil.example', 'access-control-request-method': 'GET' },
      });
      expect(evil.headers['access-control-allow-origin']).toBeUndefined();
      const err = await inject({ method: 'GET', url: '/api/health-records', headers: { origin: ORIGIN } });
      expect(err.statusCode).toBe(401);
      expect(err.headers['access-control-allow-origin']).toBe(ORIGIN);
    });

    it('sends security headers and no-store on API answers', async () => {
      const r = await inject({ method: 'GET', url: '/api/network' });
      expect(r.statusCode).toBe(200);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['cache-control']).toBe('no-store');
      expect(String(r.headers['content-security-policy'])).toContain("default-src 'self'");
      expect(r.json()).toMatchObject({ network: 'chartproof-test', nodes: ['http://127.0.0.1:1'] });
    });

    it('describes every route in OpenAPI and serves Swagger UI at /api/docs', async () => {
      const spec = (await inject({ method: 'GET', url: '/api/docs/json' })).json() as {
        paths: Record<string, unknown>;
      };
      for (const p of [
        '/api/login',
        '/api/health-records',
        '/api/requests/{id}',
        '/api/health-records/verify/{id}',
        '/api/audit',
        '/api/auth/password',
      ]) {
        expect(Object.keys(spec.paths)).toContain(p);
      }
      // The password change (issue #14) documents its body's two fields and its new token.
      expect(JSON.stringify(spec.paths['/api/auth/password'])).toMatch(
        /current_password.*new_password.*at least 12 characters.*access_token/s,
      );
      const ui = await inject({ method: 'GET', url: '/api/docs/' });
      expect(ui.statusCode).toBe(200);
      expect(ui.headers['content-type']).toMatch(/html/);
    });

    it('exposes Prometheus metrics by route and status', async () => {
      const m = await inject({ method: 'GET', url: '/metrics' });
      expect(m.body).toMatch(
        /chartproof_api_request_seconds_count\{route="\/api\/login",method="POST",status="401"\} \d+/,
      );
      expect(m.body).toContain('chartproof_api_records_created_total');
      expect(m.body).toContain('chartproof_api_anchors_pending');
    });

    it('refuses to listen beyond loopback on a database with the demo users unless demo mode is named', async () => {
      const shared = { kind: api.ctx.dbKind, db: api.ctx.db, close: async () => {} };
      const quiet = { say: () => {}, logger: createApiLogger('silent'), db: shared };
      const exposed = { ...api.ctx.config, host: '0.0.0.0', demo: false, demoExplicit: false };
      await expect(buildApp(exposed, quiet)).rejects.toThrow(
        /^refusing to listen on 0\.0\.0\.0: this database holds the demo users, whose passwords are public; set CHARTPROOF_DEMO=true/,
      );
      const named = await buildApp({ ...exposed, demo: true, demoExplicit: true }, quiet);
      await named.close();
      const loopback = await buildApp({ ...exposed, host: '127.0.0.1' }, quiet);
      await loopback.close();
    });

    it('rate-limits logins per address with the error body', async () => {
      const limited = await buildApp(
        { ...api.ctx.config, limits: { ...api.ctx.config.limits, loginPerMinute: 3 } },
        {
          say: () => {},
          logger: createApiLogger('silent'),
          db: { kind: api.ctx.dbKind, db: api.ctx.db, close: async () => {} },
        },
      );
      try {
        const codes: number[] = [];
        for (let i = 0; i < 5; i++) {
          codes.push(
            (
              await limited.app.inject({
                method: 'POST',
                url: '/api/login',
                payload: { id: 'a', password: 'b' },
              })
            ).statusCode,
          );
        }
        expect(codes).toEqual([401, 401, 401, 429, 429]);
        const r = await limited.app.inject({
          method: 'POST',
          url: '/api/login',
          payload: { id: 'a', password: 'b' },
        });
        expectError(r, 429, /Too many requests/);
      } finally {
        await limited.close();
      }
    });

    /** A second app on the same database, with other limits or configuration. */
    async function sibling(config: Partial<ApiApp['ctx']['config']>, limits: Partial<Limits> = {}) {
      return buildApp(
        { ...api.ctx.config, ...config, limits: { ...api.ctx.config.limits, ...limits } },
        {
          say: () => {},
          logger: createApiLogger('silent'),
          db: { kind: api.ctx.dbKind, db: api.ctx.db, close: async () => {} },
        },
      );
    }

    it('answers %00 in path ids and a NUL in a login id with 400 naming the field, never 500', async () => {
      const ca = (
        (
          await inject({
            method: 'POST',
            url: '/api/login',
            payload: { id: '4c1b2e8f9a3d47e39b25f0c6a7d18b52', password: '12345' },
          })
        ).json() as { access_token: string }
      ).access_token;
      const auth = { authorization: `Bearer ${ca}` };
      for (const [url, field] of [
        ['/api/patients/%00', 'id'],
        ['/api/patients/personal_id/2308992715066%00', 'personal_id'],
        ['/api/health-records/patient/%00', 'personal_id'],
        ['/api/doctors/%00', 'id'],
        ['/api/health_authority/%00', 'id'],
        ['/api/central-authority/a%00', 'id'],
        ['/api/requests/%00', 'id'],
      ] as const) {
        const method = url.startsWith('/api/requests') ? 'DELETE' : 'GET';
        const r = await inject({ method, url, headers: auth });
        expect(r.statusCode, `${url} → ${r.body}`).toBe(400);
        expectError(r, 400, new RegExp(`^${field}: `));
      }
      const nul = await inject({
        method: 'POST',
        url: '/api/login',
        payload: { id: 'a\u0000', password: 'x' },
      });
      expectError(nul, 400, /^id: /);
      const lone = await inject({
        method: 'POST',
        url: '/api/login',
        payload: '{"id": "\\ud800", "password": "x"}',
        headers: { 'content-type': 'application/json' },
      });
      expectError(lone, 400, /^id: /);
      const patient = await inject({
        method: 'POST',
        url: '/api/patients',
        headers: auth,
        payload: {
          first_name: 'A\u0000',
          last_name: 'B',
          personal_id: '1',
          date_of_birth: '1990-01-01',
          gender: 'x',
          address: 'x',
          phone: 'x',
          citizenship: 'x',
          password: 'long enough',
        },
      });
      expectError(patient, 400, /^first_name: /);
    });

    it('throttles failed logins per account and address with growing delays; the owner still logs in from elsewhere', async () => {
      const CA = '4c1b2e8f9a3d47e39b25f0c6a7d18b52';
      const throttled = await sibling(
        {},
        { loginPerMinute: 10_000, loginDelayBaseMs: 60_000, loginFailuresPerUser: 50 },
      );
      try {
        const login = (password: string, from: string) =>
          throttled.app.inject({
            method: 'POST',
            url: '/api/login',
            payload: { id: CA, password },
            remoteAddress: from,
          });
        // One address: a few free tries, then it must wait, and longer each time.
        const codes: number[] = [];
        for (let i = 0; i < 12; i++) codes.push((await login('wrong', '10.9.0.1')).statusCode);
        expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
        expect(codes.slice(5)).toEqual(Array(7).fill(429));
        const waiting = await login('wrong', '10.9.0.1');
        expectError(waiting, 429, /try again/);
        expect(Number(waiting.headers['retry-after'])).toBeGreaterThanOrEqual(60);
        // The owner, from another address, is not locked out by it.
        expect((await login('12345', '10.9.0.2')).statusCode).toBe(200);
        // Many addresses together reach the account's ceiling; then an address that failed waits,
        // while one that never failed still gets its try, and the right password still works.
        for (let a = 0; a < 20; a++) {
          for (let i = 0; i < 4; i++) await login('wrong', `10.9.1.${a}`);
        }
        expect((await login('wrong', '10.9.1.0')).statusCode).toBe(429);
        expect((await login('12345', '10.9.2.1')).statusCode).toBe(200);
        const m = await throttled.app.inject({ method: 'GET', url: '/metrics' });
        expect(m.body).toMatch(/chartproof_api_login_throttled_total\{scope="source"\} [1-9]/);
        expect(m.body).toMatch(/chartproof_api_login_throttled_total\{scope="account"\} [1-9]/);
        expect(m.body).toMatch(/chartproof_api_login_failures_total [1-9]/);
      } finally {
        await throttled.close();
      }
    });

    it('serves /metrics only to loopback callers, or to anyone with METRICS_TOKEN as a bearer token', async () => {
      expect((await inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(
        200,
      );
      expectError(await inject({ method: 'GET', url: '/metrics', remoteAddress: '192.0.2.7' }), 404);
      const withToken = await sibling({ metricsToken: 'scrape-me-0123456789' });
      try {
        const get = (authorization?: string, remoteAddress = '192.0.2.7') =>
          withToken.app.inject({
            method: 'GET',
            url: '/metrics',
            remoteAddress,
            headers: authorization === undefined ? {} : { authorization },
          });
        expectError(await get(), 401);
        expectError(await get(undefined, '127.0.0.1'), 401);
        expectError(await get('Bearer scrape-me-012345678'), 401);
        const ok = await get('Bearer scrape-me-0123456789');
        expect(ok.statusCode).toBe(200);
        expect(ok.body).toContain('chartproof_api_request_seconds');
      } finally {
        await withToken.close();
      }
    });

    it('answers a URL over the HTTP parser limit with the error body too (431)', async () => {
      const address = await api.app.listen({ host: '127.0.0.1', port: 0 });
      const r = await fetch(
        `${address.replace('localhost', '127.0.0.1')}/api/patients/${'x'.repeat(20_000)}`,
      );
      expect(r.status).toBe(431);
      const body = (await r.json()) as { error: string; message: string };
      expect(body).toEqual({ error: body.message, message: 'Request URL or headers are too large' });
    });

    it('runs its migrations again without harm', async () => {
      const { migrate } = await import('./db/database.js');
      await migrate(api.ctx.db);
      const users = await api.ctx.db.selectFrom('users').select('id').execute();
      expect(users).toHaveLength(1);
    });
  });
}
