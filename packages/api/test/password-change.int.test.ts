/**
 * Issue #14 point 7 over real sockets, on PGlite and on PostgreSQL, with a real node network: a
 * non-demo system whose central authority was made by init (generated password) has no demo
 * login; that password opens nothing but the password change until it is changed; every role
 * changes its password (400 naming the field, 401 on a wrong current password); a session from
 * before a change is refused after it; no password reaches the log.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpCentralAuthority } from '../src/services/central-authority.js';
import { ApiEnv, LogCapture, postgresAvailable, type Store, USERS } from './harness.js';

const pgOk = await postgresAvailable();

for (const store of ['pglite', 'postgres'] as Store[]) {
  describe.skipIf(store === 'postgres' && !pgOk)(`password change on ${store}`, () => {
    let env: ApiEnv;
    const logs = new LogCapture();
    let ca = { id: '', password: '' };
    const secrets: string[] = [];

    beforeAll(async () => {
      env = await ApiEnv.start({ store, demo: false, logs });
      const made = await setUpCentralAuthority(env.api!.ctx.db, {
        name: 'Ministry of Health',
        password: null,
      });
      if (!made.created || made.password === null) throw new Error('no central authority made');
      ca = { id: made.id, password: made.password };
      secrets.push(made.password);
    }, 150_000);
    afterAll(async () => env?.stop());

    const change = (token: string | undefined, body: unknown) =>
      env.call('POST', '/api/auth/password', { ...(token !== undefined ? { token } : {}), body });

    it('has no demo login, and a second setup changes nothing and shows no password', async () => {
      const demo = await env.call('POST', '/api/login', { body: USERS.ca });
      expect(demo.status).toBe(401);
      const again = await setUpCentralAuthority(env.api!.ctx.db, { password: null });
      expect(again).toEqual({ created: false, id: ca.id, name: 'Ministry of Health' });
    });

    it('lets a generated password do nothing but change itself, then works with the new one', async () => {
      const first = await env.call('POST', '/api/login', { body: ca });
      expect(first.status).toBe(200);
      expect(first.body.must_change_password).toBe(true);
      const token: string = first.body.access_token;
      expect(decodeJwt(token)).toMatchObject({
        sub: ca.id,
        user_type: 'central_authority',
        must_change_password: true,
      });
      const verify = await env.call('POST', '/api/auth/verify', { token });
      expect(verify.body).toMatchObject({ valid: true, must_change_password: true });

      for (const [method, path, body] of [
        ['GET', `/api/central-authority/${ca.id}`, undefined],
        ['GET', '/api/audit/verify', undefined],
        [
          'POST',
          '/api/health-authority',
          { name: 'H', type: 'Hospital', address: 'a', phone: '1', password: 'long enough 1' },
        ],
      ] as const) {
        const r = await env.call(method, path, { token, ...(body ? { body } : {}) });
        expect(r.status, path).toBe(403);
        expect(r.body).toMatchObject({
          code: 'PASSWORD_CHANGE_REQUIRED',
          error: expect.stringMatching(/Password change required/),
        });
      }

      // Bad input: 400 naming the field; a wrong current password: 401; no token: 401.
      expect((await change(token, {})).body.error).toMatch(/^current_password: /);
      expect((await change(token, { current_password: ca.password })).body.error).toMatch(/^new_password: /);
      const short = await change(token, { current_password: ca.password, new_password: 'short' });
      expect(short).toMatchObject({
        status: 400,
        body: { error: 'new_password: must be at least 12 characters' },
      });
      const same = await change(token, { current_password: ca.password, new_password: ca.password });
      expect(same).toMatchObject({
        status: 400,
        body: { error: expect.stringMatching(/^new_password: must differ/) },
      });
      const typed = await change(token, { current_password: 5, new_password: 'x' });
      expect(typed.status).toBe(400);
      expect(typed.body.error).toMatch(/^current_password: /);
      const raw = await env.call('POST', '/api/auth/password', {
        token,
        raw: '{"current_password":',
        headers: { 'content-type': 'application/json' },
      });
      expect(raw.status).toBe(400);
      const wrong = await change(token, {
        current_password: 'not it at all',
        new_password: 'a fresh long passphrase',
      });
      expect(wrong).toMatchObject({
        status: 401,
        body: { error: 'current_password: is not your current password' },
      });
      expect((await change(undefined, { current_password: ca.password, new_password: 'x' })).status).toBe(
        401,
      );

      const next = 'ministry passphrase one';
      secrets.push(next);
      const done = await change(token, { current_password: ca.password, new_password: next });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body.message).toBe('Password changed');
      const fresh: string = done.body.access_token;
      expect(decodeJwt(fresh).must_change_password).toBeUndefined();
      // The token of before the change is refused; the new one opens everything the role may do.
      const stale = await env.call('GET', `/api/central-authority/${ca.id}`, { token });
      expect(stale).toMatchObject({
        status: 401,
        body: { error: 'Token revoked: the password was changed' },
      });
      expect((await env.call('POST', '/api/auth/verify', { token })).status).toBe(401);
      const details = await env.call('GET', `/api/central-authority/${ca.id}`, { token: fresh });
      expect(details).toMatchObject({ status: 200, body: { name: 'Ministry of Health' } });
      expect((await env.call('POST', '/api/login', { body: ca })).status).toBe(401);
      const again = await env.call('POST', '/api/login', { body: { id: ca.id, password: next } });
      expect(again.body.must_change_password).toBe(false);
      ca = { id: ca.id, password: next };
    });

    it('lets every role change its own password, and ends its other sessions', async () => {
      const caToken = await env.login(ca.id, ca.password);
      const created = async (path: string, token: string, body: Record<string, string>) => {
        const r = await env.call('POST', path, { token, body });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        return r.body.id as string;
      };
      const users = {
        health_authorities: {
          id: await created('/api/health-authority', caToken, {
            name: 'North Hospital',
            type: 'Hospital',
            address: '1 North Road',
            phone: '+381 11 000 111',
            password: 'North hospital 1',
          }),
          password: 'North hospital 1',
        },
        patients: {
          id: await created('/api/patients', caToken, {
            first_name: 'Vera',
            last_name: 'Kostić',
            personal_id: '0101990710011',
            date_of_birth: '1990-01-01',
            gender: 'Female',
            address: '2 South Street',
            phone: '+381 64 000 222',
            citizenship: 'Serbian',
            password: 'Vera patient 1',
          }),
          password: 'Vera patient 1',
        },
      } as Record<string, { id: string; password: string }>;
      const haToken = await env.login(users.health_authorities!.id, users.health_authorities!.password);
      users.doctors = {
        id: await created('/api/doctors', haToken, {
          first_name: 'Zoran',
          last_name: 'Ilić',
          password: 'Doctor Zoran 1',
        }),
        password: 'Doctor Zoran 1',
      };
      users.central_authority = ca;
      const detail: Record<string, (id: string) => string> = {
        central_authority: (id) => `/api/central-authority/${id}`,
        health_authorities: (id) => `/api/health_authority/${id}`,
        doctors: (id) => `/api/doctors/${id}`,
        patients: (id) => `/api/patients/${id}`,
      };
      for (const [role, user] of Object.entries(users)) {
        const one = await env.login(user.id, user.password);
        const other = await env.login(user.id, user.password);
        expect((await env.call('GET', detail[role]!(user.id), { token: other })).status, role).toBe(200);
        const next = `${role} new passphrase`;
        secrets.push(user.password, next);
        const wrong = await change(one, { current_password: `${user.password}x`, new_password: next });
        expect(wrong.status, role).toBe(401);
        const done = await change(one, { current_password: user.password, new_password: next });
        expect(done.status, `${role}: ${JSON.stringify(done.body)}`).toBe(200);
        expect((await env.call('GET', detail[role]!(user.id), { token: other })).status, role).toBe(401);
        expect(
          (await env.call('GET', detail[role]!(user.id), { token: done.body.access_token })).status,
          role,
        ).toBe(200);
        expect((await env.call('POST', '/api/login', { body: user })).status, role).toBe(401);
        await env.login(user.id, next);
      }
      // Each change is in the audit log, under the one who made it: here the authority's own view.
      const audit = await env.call('GET', '/api/audit?action=password_change&who=me', {
        token: await env.login(users.health_authorities!.id, 'health_authorities new passphrase'),
      });
      expect(audit.status, JSON.stringify(audit.body)).toBe(200);
      const outcomes = audit.body.entries.map((e: { action: string; actor_id: string }) => [
        e.action,
        e.actor_id,
      ]);
      expect(outcomes).toContainEqual(['password_change', users.health_authorities!.id]);
    }, 120_000);

    it('never writes a password to the log', async () => {
      await env.api!.ctx.audit.flush();
      expect(logs.text.length).toBeGreaterThan(0);
      for (const s of secrets) expect(logs.text).not.toContain(s);
    });
  });
}
