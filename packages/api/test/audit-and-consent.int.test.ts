/**
 * Logs people can read (issue 15): GET /api/audit pages and filters by action, time and who,
 * answers a bad parameter with a 400 that names it, and answers the parameterless call of the
 * existing client as before. A doctor's patient search is one audit entry, not one per call.
 * Consent with context: a request and a grant name the doctor as well as the hospital, and a
 * revoked grant stays in the patient's list as revoked.
 * Over a real socket against a real three-node network, on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiEnv, postgresAvailable, type Store, USERS, waitFor } from './harness.js';

const pgOk = await postgresAvailable();
const MILOS_PID = '1205990710034';
/** Miloš's demo record written by another hospital than Marko's. */
const MILOS_RECORD = 'e2e659351b784cddad9ecfa02b541f36';

interface Entry {
  seq: number;
  at: string;
  actor_id: string;
  action: string;
  record_id: string | null;
  patient_id: string | null;
  ip?: string;
  checkpointed: boolean;
}

for (const store of ['pglite', 'postgres'] as Store[]) {
  describe.skipIf(store === 'postgres' && !pgOk)(`audit log on ${store}`, () => {
    let env: ApiEnv;
    const tok: Record<string, string> = {};
    const audit = (who: string, query = '') =>
      env.call<{ entries: Entry[]; next: number | null }>('GET', `/api/audit${query}`, { token: tok[who] });

    beforeAll(async () => {
      env = await ApiEnv.start({ store });
      await env.demoReady();
      tok.milos = await env.login(USERS.milos.id, USERS.milos.password);
      await env.login(USERS.milos.id, USERS.milos.password);
      tok.marko = await env.login(USERS.marko.id, USERS.marko.password);
    }, 120_000);
    afterAll(async () => env?.stop());

    it("a doctor's patient search (the three calls of 7.E2 at once) is one entry in the patient's log", async () => {
      const calls = [
        `/api/patients/personal_id/${MILOS_PID}`,
        `/api/health-records/patient/${MILOS_PID}?own=true`,
        `/api/health-records/patient/${MILOS_PID}`,
      ];
      const answers = await Promise.all(calls.map((p) => env.call('GET', p, { token: tok.marko })));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      const own: { _id: string }[] = answers[1]!.body.health_records;

      const log = await audit('milos', '?who=others');
      expect(log.status).toBe(200);
      const byMarko = log.body.entries.filter((e) => e.actor_id === USERS.marko.id);
      // One entry for the search itself, plus one per record of Marko's authority shown in full:
      // the patient must still see which of their records were read.
      expect(byMarko.filter((e) => e.record_id === null)).toHaveLength(1);
      expect(
        byMarko
          .filter((e) => e.record_id !== null)
          .map((e) => e.record_id)
          .sort(),
      ).toEqual(own.map((r) => r._id).sort());
      expect(byMarko.every((e) => e.action === 'read' && e.patient_id === USERS.milos.id)).toBe(true);

      // The same search again at once is the same action: nothing new.
      await Promise.all(calls.map((p) => env.call('GET', p, { token: tok.marko })));
      const again = await audit('milos', '?who=others');
      expect(again.body.entries.filter((e) => e.actor_id === USERS.marko.id)).toHaveLength(byMarko.length);
    });

    it('answers the parameterless call as before: newest first, every field, no next page', async () => {
      const r = await audit('milos');
      expect(r.status).toBe(200);
      expect(r.body.next).toBeNull();
      const seqs = r.body.entries.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      expect(Object.keys(r.body.entries[0]!).sort()).toEqual(
        [
          'seq',
          'at',
          'actor_id',
          'actor_type',
          'actor_name',
          'action',
          'record_id',
          'patient_id',
          'outcome',
          'checkpointed',
        ].sort(),
      );
    });

    it('pages with limit and before, without gaps or overlaps', async () => {
      const all = (await audit('milos')).body.entries.map((e) => e.seq);
      expect(all.length).toBeGreaterThanOrEqual(4);
      const seen: number[] = [];
      let before: number | null = null;
      for (let i = 0; i < 10; i++) {
        const r = await audit('milos', `?limit=2${before === null ? '' : `&before=${before}`}`);
        expect(r.status).toBe(200);
        expect(r.body.entries.length).toBeLessThanOrEqual(2);
        seen.push(...r.body.entries.map((e) => e.seq));
        before = r.body.next;
        if (before === null) break;
      }
      expect(seen).toEqual(all);
    });

    it("filters a patient's own logins apart from others' accesses", async () => {
      const mine = await audit('milos', '?who=me&action=login');
      expect(mine.status).toBe(200);
      expect(mine.body.entries.length).toBe(2);
      expect(mine.body.entries.every((e) => e.actor_id === USERS.milos.id && e.action === 'login')).toBe(
        true,
      );
      const others = await audit('milos', '?who=others');
      expect(others.body.entries.length).toBeGreaterThan(0);
      expect(others.body.entries.some((e) => e.actor_id === USERS.milos.id)).toBe(false);
      const marko = await audit('milos', `?who=${USERS.marko.id}&action=read`);
      expect(marko.body.entries.length).toBeGreaterThan(0);
      expect(marko.body.entries.every((e) => e.actor_id === USERS.marko.id)).toBe(true);
    });

    it('filters by date range: a day includes the whole day, a range in the future is empty', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const all = (await audit('milos')).body.entries;
      const day = await audit('milos', `?from=${today}&to=${today}`);
      expect(day.body.entries.length).toBe(all.filter((e) => e.at.startsWith(today)).length);
      expect(day.body.entries.length).toBeGreaterThan(0);
      const later = await audit('milos', '?from=2999-01-01');
      expect(later.body.entries).toEqual([]);
      const past = await audit('milos', `?to=${encodeURIComponent('2000-01-01T00:00:00Z')}`);
      expect(past.body.entries).toEqual([]);
    });

    it('answers a bad parameter with a 400 that names it', async () => {
      const cases: [string, string][] = [
        ['?limit=0', 'limit'],
        ['?limit=501', 'limit'],
        ['?limit=ten', 'limit'],
        ['?before=-3', 'before'],
        ['?action=delete', 'action'],
        ['?from=2026-13-01', 'from'],
        ['?to=yesterday', 'to'],
        ['?from=2026-12-07&to=2026-12-06', 'to'],
        ['?who=everyone', 'who'],
      ];
      for (const [q, field] of cases) {
        const r = await env.call<{ error: string; message: string }>('GET', `/api/audit${q}`, {
          token: tok.milos,
        });
        expect({ q, status: r.status }).toEqual({ q, status: 400 });
        expect(r.body.error).toMatch(new RegExp(`^${field}: `));
        expect(r.body.message).toBe(r.body.error);
      }
    });

    it("another actor's id as who never widens what the caller may see", async () => {
      const r = await audit('marko', `?who=${USERS.milos.id}`);
      expect(r.status).toBe(200);
      expect(r.body.entries).toEqual([]);
    });

    it('a request and a grant name the doctor and the hospital; a revoked grant stays, as revoked', async () => {
      const sent = await env.call('POST', '/api/requests', {
        token: tok.marko,
        body: { health_record_id: MILOS_RECORD, patient_id: USERS.milos.id },
      });
      expect(sent.status).toBe(201);
      const inbox = await env.call('GET', '/api/requests/patient', { token: tok.milos });
      expect(inbox.body).toEqual([
        expect.objectContaining({
          _id: sent.body._id,
          health_record_id: MILOS_RECORD,
          health_authority_name: 'Saint Mary General Hospital',
          doctor_id: USERS.marko.id,
          doctor_name: 'Dr. Marko Popović',
          created_at: expect.any(String),
        }),
      ]);
      const key = await env.call('GET', `/api/health-records/secret_key/${MILOS_RECORD}`, {
        token: tok.milos,
      });
      const ok = await env.call('PATCH', `/api/requests/${sent.body._id}`, {
        token: tok.milos,
        body: key.body,
      });
      expect(ok.status).toBe(200);
      const granted = await env.call('GET', '/api/grants', { token: tok.milos });
      expect(granted.body).toEqual([
        expect.objectContaining({
          _id: sent.body._id,
          status: 'accepted',
          doctor_name: 'Dr. Marko Popović',
          health_authority_name: 'Saint Mary General Hospital',
          revoking: false,
        }),
      ]);
      const gone = await env.call('DELETE', `/api/requests/${sent.body._id}`, { token: tok.milos });
      expect(gone.status).toBe(200);
      await waitFor(
        'the revocation on chain',
        async () => {
          const g = await env.call('GET', '/api/grants', { token: tok.milos });
          return g.body.length === 1 && g.body[0].status === 'revoked' && g.body[0].revoking === false;
        },
        30_000,
        100,
      );
    });
  });
}
