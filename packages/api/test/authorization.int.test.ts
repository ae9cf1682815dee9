/**
 * The authorisation matrix: every route × every role × own and someone else's resource × no,
 * expired and forged tokens, with the status the contract's Target gives. Then the properties
 * behind it: no patient ever reads another's data, no doctor reads without a live grant on chain,
 * a revoked grant stops the next read, and a deleted user's token stops working.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokens } from '../src/auth/jwt.js';
import { UserType } from '../src/db/tables.js';
import { ApiEnv, postgresAvailable, type Store, USERS } from './harness.js';

const pgOk = await postgresAvailable();
const ANA_RECORD = '8ee9c6326d1d4438a1945af1d3320a98'; // by Ivana, Saint Mary
type Who = 'none' | 'expired' | 'forged' | 'ana' | 'nikola' | 'marko' | 'petar' | 'sm' | 'chi' | 'ca';
const ROLES: Who[] = ['ana', 'nikola', 'marko', 'petar', 'sm', 'chi', 'ca'];

interface Case {
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: (ids: Ids) => string;
  readonly body?: (ids: Ids) => unknown;
  /** Expected status per role; a role not listed gets 403 (wrong user type). */
  readonly expect: Partial<Record<Who, number>>;
}

interface Ids {
  anaKey: string;
  jelenaRequest: string;
}

const CASES: Case[] = [
  {
    name: 'patient details',
    method: 'GET',
    path: () => `/api/patients/${USERS.ana.id}`,
    expect: { ana: 200, nikola: 404, marko: 404, petar: 404, sm: 404, chi: 404, ca: 200 },
  },
  {
    name: 'doctor details',
    method: 'GET',
    path: () => `/api/doctors/${USERS.marko.id}`,
    expect: { ana: 404, nikola: 404, marko: 200, petar: 404, sm: 200, chi: 404, ca: 404 },
  },
  {
    name: 'health authority details',
    method: 'GET',
    path: () => `/api/health_authority/${USERS.saintMary.id}`,
    expect: { ana: 404, nikola: 404, marko: 200, petar: 404, sm: 200, chi: 404, ca: 404 },
  },
  {
    name: 'central authority details',
    method: 'GET',
    path: () => `/api/central-authority/${USERS.ca.id}`,
    expect: { ana: 404, nikola: 404, marko: 404, petar: 404, sm: 404, chi: 404, ca: 200 },
  },
  {
    name: 'patient by personal id',
    method: 'GET',
    path: () => '/api/patients/personal_id/2308992715066',
    expect: { marko: 200, petar: 200, ca: 200 },
  },
  {
    name: 'own records',
    method: 'GET',
    path: () => '/api/health-records',
    expect: { ana: 200, nikola: 200 },
  },
  {
    name: 'authority records',
    method: 'GET',
    path: () => '/api/health-records/authority',
    expect: { sm: 200, chi: 200 },
  },
  {
    name: 'secret key',
    method: 'GET',
    path: () => `/api/health-records/secret_key/${ANA_RECORD}`,
    expect: { ana: 200, nikola: 404 },
  },
  {
    name: 'search own',
    method: 'GET',
    path: () => '/api/health-records/patient/2308992715066?own=true',
    expect: { marko: 200, petar: 200 },
  },
  {
    name: 'search elsewhere',
    method: 'GET',
    path: () => '/api/health-records/patient/2308992715066',
    expect: { marko: 200, petar: 200 },
  },
  {
    name: 'create record (bad body)',
    method: 'POST',
    path: () => '/api/health-records',
    body: () => ({ patient_id: 'x' }),
    expect: { marko: 400, petar: 400 },
  },
  {
    name: 'verify',
    method: 'POST',
    path: () => `/api/health-records/verify/${ANA_RECORD}`,
    body: (i) => ({ secret_key: i.anaKey }),
    expect: { ana: 200, nikola: 404, marko: 403, petar: 404 },
  },
  {
    name: 'proof',
    method: 'GET',
    path: () => `/api/health-records/${ANA_RECORD}/proof`,
    expect: { ana: 200, nikola: 404, marko: 200, petar: 404 },
  },
  {
    name: 'decrypt',
    method: 'POST',
    path: () => `/api/health-records/decrypt/${ANA_RECORD}`,
    body: (i) => ({ secret_key: i.anaKey }),
    expect: { marko: 403, petar: 403 },
  },
  {
    name: 'request (bad body)',
    method: 'POST',
    path: () => '/api/requests',
    body: () => ({}),
    expect: { marko: 400, petar: 400 },
  },
  {
    name: 'patient inbox',
    method: 'GET',
    path: () => '/api/requests/patient',
    expect: { ana: 200, nikola: 200 },
  },
  {
    name: 'doctor outbox',
    method: 'GET',
    path: () => '/api/requests/doctors',
    expect: { marko: 200, petar: 200 },
  },
  { name: 'grants', method: 'GET', path: () => '/api/grants', expect: { ana: 200, nikola: 200 } },
  {
    name: "accept another's request",
    method: 'PATCH',
    path: (i) => `/api/requests/${i.jelenaRequest}`,
    body: (i) => ({ secret_key: i.anaKey }),
    expect: { ana: 400, nikola: 400 },
  },
  // Katarina's request: another patient's, another authority's (Marko) — and Petar's own authority's: he withdraws it.
  {
    name: "delete another's request",
    method: 'DELETE',
    path: (i) => `/api/requests/${i.jelenaRequest}`,
    expect: { ana: 404, nikola: 404, marko: 404, petar: 200 },
  },
  {
    name: 'audit',
    method: 'GET',
    path: () => '/api/audit',
    expect: { ana: 200, nikola: 200, marko: 200, petar: 200, sm: 200, chi: 200 },
  },
  { name: 'audit check', method: 'GET', path: () => '/api/audit/verify', expect: { ca: 200 } },
  {
    name: 'create patient (empty)',
    method: 'POST',
    path: () => '/api/patients',
    body: () => ({}),
    expect: { ca: 400 },
  },
  {
    name: 'create health authority (empty)',
    method: 'POST',
    path: () => '/api/health-authority',
    body: () => ({}),
    expect: { ca: 400 },
  },
  {
    name: 'create doctor (empty)',
    method: 'POST',
    path: () => '/api/doctors',
    body: () => ({}),
    expect: { sm: 400, chi: 400 },
  },
  { name: 'list patients', method: 'GET', path: () => '/api/patients', expect: { ca: 200 } },
  {
    name: 'list health authorities',
    method: 'GET',
    path: () => '/api/health-authorities',
    expect: { ca: 200 },
  },
  { name: 'list doctors', method: 'GET', path: () => '/api/doctors', expect: { sm: 200, chi: 200 } },
];

for (const store of ['pglite', 'postgres'] as Store[]) {
  describe.skipIf(store === 'postgres' && !pgOk)(`authorisation on ${store}`, () => {
    let env: ApiEnv;
    const tok: Partial<Record<Who, string>> = {};
    const ids: Ids = { anaKey: '', jelenaRequest: '' };
    const call = (who: Who, c: Case) =>
      env.call(c.method, c.path(ids), {
        token: tok[who],
        ...(c.body !== undefined
          ? { body: c.body(ids) }
          : { headers: { 'content-type': 'application/json' }, raw: '' }),
      });

    beforeAll(async () => {
      env = await ApiEnv.start({ store });
      await env.demoReady();
      const pairs: Array<[Who, { id: string; password: string }]> = [
        ['ana', USERS.ana],
        ['nikola', USERS.nikola],
        ['marko', USERS.marko],
        ['petar', USERS.petar],
        ['sm', USERS.saintMary],
        ['chi', USERS.chi],
        ['ca', USERS.ca],
      ];
      for (const [who, u] of pairs) tok[who] = await env.login(u.id, u.password);
      const secret = env.api!.ctx.secrets.jwtSecret;
      tok.expired = await new Tokens(secret).issue(
        USERS.ana.id,
        UserType.PATIENT,
        Math.floor(Date.now() / 1000) - 7200,
      );
      tok.forged = await new Tokens(randomBytes(32)).issue(USERS.ana.id, UserType.PATIENT);
      const list = await env.call('GET', '/api/health-records', { token: tok.ana });
      ids.anaKey = list.body.health_records.find(
        (r: { health_record: { _id: string } }) => r.health_record._id === ANA_RECORD,
      ).key;
      const jelena = await env.login(USERS.jelena.id, USERS.jelena.password);
      ids.jelenaRequest = (await env.call('GET', '/api/requests/patient', { token: jelena })).body[0]._id;
    }, 150_000);
    afterAll(async () => env?.stop());

    for (const c of CASES) {
      it(`${c.method} ${c.name}: every role, and no, expired or forged tokens`, async () => {
        const got: Record<string, number> = {};
        const want: Record<string, number> = {};
        for (const who of ROLES) {
          got[who] = (await call(who, c)).status;
          want[who] = c.expect[who] ?? 403;
        }
        const none = await call('none', c);
        const expired = await call('expired', c);
        const forged = await call('forged', c);
        got.none = none.status;
        got.expired = expired.status;
        got.forged = forged.status;
        Object.assign(want, { none: 401, expired: 401, forged: 401 });
        expect(got).toEqual(want);
        expect(none.body).toEqual({
          error: 'Token required to access!',
          message: 'Token required to access!',
        });
        expect(expired.body.message).toBe('Token expired');
        expect(forged.body.message).toBe('Invalid token!');
      });
    }

    it('POST /api/auth/verify: 200 for live tokens, 401 for expired or forged, 400 for none', async () => {
      const v = (t?: string) =>
        env.call('POST', '/api/auth/verify', {
          token: t,
          headers: { 'content-type': 'application/json' },
          raw: '',
        });
      expect((await v(tok.ana)).body).toMatchObject({
        valid: true,
        user_id: USERS.ana.id,
        user_data: { user_type: 'patients' },
      });
      expect((await v(tok.expired)).status).toBe(401);
      expect((await v(tok.forged)).status).toBe(401);
      expect(await v()).toMatchObject({ status: 400, body: { valid: false } });
      const inBody = await env.call('POST', '/api/auth/verify', { body: { token: tok.marko } });
      expect(inBody.status).toBe(200);
    });

    it("no patient's answer ever holds another patient's data", async () => {
      const others = [USERS.milos.id, USERS.jelena.id, 'Miloš', 'Jelena', '1205990710034', '0411971711042'];
      for (const c of CASES) {
        for (const who of ['ana', 'nikola'] as Who[]) {
          const text = JSON.stringify((await call(who, c)).body);
          for (const o of others) expect(text.includes(o), `${c.name} as ${who} shows ${o}`).toBe(false);
        }
      }
    });

    it("a doctor reads only while its authority's grant is live on chain; a revoked grant stops the next read", async () => {
      // Petar (Central Health Institute) asks for Ana's record; Ana approves.
      const req = await env.call('POST', '/api/requests', {
        token: tok.petar,
        body: { health_record_id: ANA_RECORD, patient_id: USERS.ana.id },
      });
      expect(req.status).toBe(201);
      const key = await env.call('GET', `/api/health-records/secret_key/${ANA_RECORD}`, { token: tok.ana });
      expect(
        (await env.call('PATCH', `/api/requests/${req.body._id}`, { token: tok.ana, body: key.body })).status,
      ).toBe(200);
      const grantKey = async () =>
        (
          await env.call('GET', '/api/health-records/patient/2308992715066', { token: tok.petar })
        ).body.blockchain_response.find(
          (x: { health_record_id: string }) => x.health_record_id === ANA_RECORD,
        ).key as string | undefined;
      const k = await grantKey();
      expect(k).toEqual(expect.any(String));
      // Marko (another authority's doctor) cannot use Petar's grant token.
      const other = await env.call('POST', `/api/health-records/decrypt/${ANA_RECORD}`, {
        token: tok.marko,
        body: { secret_key: k },
      });
      expect(other.status).toBe(403);
      // Ana revokes before Petar reads: access.revoke on chain; the read is refused.
      const revoke = await env.call('DELETE', `/api/requests/${req.body._id}`, {
        token: tok.ana,
        headers: { 'content-type': 'application/json' },
        raw: '',
      });
      expect(revoke).toMatchObject({ status: 200, body: { message: 'Access revoked!' } });
      const grant = await env.api!.ctx.chain.grant(req.body._id);
      expect(grant).toMatchObject({ live: false, record_id: ANA_RECORD });
      expect(
        (
          await env.call('POST', `/api/health-records/decrypt/${ANA_RECORD}`, {
            token: tok.petar,
            body: { secret_key: k },
          })
        ).status,
      ).toBe(403);
      // Even if the database is set back to "accepted", the chain says the grant is dead.
      await env
        .api!.ctx.db.updateTable('access_requests')
        .set({ status: 'accepted' })
        .where('id', '=', req.body._id)
        .execute();
      const sneaky = await env.call('POST', `/api/health-records/decrypt/${ANA_RECORD}`, {
        token: tok.petar,
        body: { secret_key: k },
      });
      expect(sneaky).toMatchObject({ status: 403, body: { error: 'Secret key invalid!' } });
      await env
        .api!.ctx.db.updateTable('access_requests')
        .set({ status: 'revoked' })
        .where('id', '=', req.body._id)
        .execute();
      // A new request, approved again, reads once.
      const again = await env.call('POST', '/api/requests', {
        token: tok.petar,
        body: { health_record_id: ANA_RECORD, patient_id: USERS.ana.id },
      });
      expect(again.status).toBe(201);
      expect(
        (await env.call('PATCH', `/api/requests/${again.body._id}`, { token: tok.ana, body: key.body }))
          .status,
      ).toBe(200);
      const k2 = await grantKey();
      const read = await env.call('POST', `/api/health-records/decrypt/${ANA_RECORD}`, {
        token: tok.petar,
        body: { secret_key: k2 },
      });
      expect(read.status).toBe(200);
      expect(read.body.health_record._id).toBe(ANA_RECORD);
      const audit = await env.call('GET', '/api/audit', { token: tok.ana });
      const actions = audit.body.entries
        .filter((e: { actor_id: string }) => e.actor_id === USERS.petar.id)
        .map((e: { action: string }) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['decrypt', 'denied', 'request']));
    });

    it('/proof gives the plaintext only under the decrypt rule: a consumed grant and a colleague get evidence without content', async () => {
      const katarina = await env.login(USERS.katarina.id, USERS.katarina.password);
      /** A fresh record of Ana's by Marko (Saint Mary), requested by Petar (Central Health Institute) and approved. */
      async function grantedRecord() {
        const made = await env.call('POST', '/api/health-records', {
          token: tok.marko,
          body: { patient_id: USERS.ana.id, diagnosis: 'Proof rule', note: 'confidential text' },
        });
        expect(made.status).toBe(201);
        const id = made.body.id as string;
        const req = await env.call('POST', '/api/requests', {
          token: tok.petar,
          body: { health_record_id: id, patient_id: USERS.ana.id },
        });
        expect(req.status).toBe(201);
        const key = await env.call('GET', `/api/health-records/secret_key/${id}`, { token: tok.ana });
        expect(
          (await env.call('PATCH', `/api/requests/${req.body._id}`, { token: tok.ana, body: key.body }))
            .status,
        ).toBe(200);
        const grantKey = (
          await env.call('GET', '/api/health-records/patient/2308992715066', { token: tok.petar })
        ).body.blockchain_response.find((x: { health_record_id: string }) => x.health_record_id === id).key;
        return { id, grantKey: grantKey as string };
      }
      const proof = (id: string, token: string | undefined) =>
        env.call('GET', `/api/health-records/${id}/proof`, { token });
      const withoutContent = (r: { status: number; body: Record<string, unknown> }) => {
        expect(r.status).toBe(200);
        expect(r.body).not.toHaveProperty('record');
        expect(r.body).not.toHaveProperty('salt');
        expect(JSON.stringify(r.body)).not.toContain('confidential text');
        expect(r.body.commitment).toMatch(/^[0-9a-f]{64}$/);
        expect(r.body.receipt).toEqual(expect.any(Object));
      };

      // The issue's case: decrypt consumes the grant; /proof then gives no content to anyone of CHI.
      const first = await grantedRecord();
      const read = await env.call('POST', `/api/health-records/decrypt/${first.id}`, {
        token: tok.petar,
        body: { secret_key: first.grantKey },
      });
      expect(read.status).toBe(200);
      expect(
        (
          await env.call('POST', `/api/health-records/decrypt/${first.id}`, {
            token: tok.petar,
            body: { secret_key: first.grantKey },
          })
        ).body,
      ).toMatchObject({ error: 'Secret key invalid!' });
      withoutContent(await proof(first.id, tok.petar));
      withoutContent(await proof(first.id, katarina));
      withoutContent(await proof(first.id, katarina));
      // The patient and the writing authority's doctors keep the content.
      expect((await proof(first.id, tok.ana)).body.record.note).toBe('confidential text');
      expect((await proof(first.id, tok.marko)).body.record.note).toBe('confidential text');

      // Under a live, unconsumed grant /proof is the one read: it consumes the grant, audited as a read.
      const second = await grantedRecord();
      const once = await proof(second.id, katarina);
      expect(once.status).toBe(200);
      expect(once.body.record.note).toBe('confidential text');
      withoutContent(await proof(second.id, tok.petar));
      expect(
        (
          await env.call('POST', `/api/health-records/decrypt/${second.id}`, {
            token: tok.petar,
            body: { secret_key: second.grantKey },
          })
        ).status,
      ).toBe(403);
      const audit = await env.call('GET', '/api/audit', { token: tok.ana });
      const katarinas = audit.body.entries
        .filter(
          (e: { actor_id: string; record_id: string }) =>
            e.actor_id === USERS.katarina.id && e.record_id === second.id,
        )
        .map((e: { action: string }) => e.action);
      expect(katarinas).toContain('decrypt');
      expect((await proof(second.id, tok.nikola)).status).toBe(404);
    });

    it("a deleted user's valid token gets 401 on every route", async () => {
      const created = await env.call('POST', '/api/doctors', {
        token: tok.sm,
        body: { first_name: 'Temp', last_name: 'Doc', password: 'Temporary#1' },
      });
      const t = await env.login(created.body.id, 'Temporary#1');
      expect((await env.call('GET', '/api/requests/doctors', { token: t })).status).toBe(200);
      await env.api!.ctx.db.deleteFrom('users').where('id', '=', created.body.id).execute();
      for (const path of ['/api/requests/doctors', `/api/doctors/${created.body.id}`, '/api/audit']) {
        const r = await env.call('GET', path, { token: t });
        expect(r.status, path).toBe(401);
      }
    });
  });
}
