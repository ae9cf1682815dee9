/**
 * Findings of the security review (issue 13) that need the chain: odd text in a record answers
 * 400, a patient's audit view carries no addresses, a truncated audit log and a stalled audit
 * chain are reported, and a record that no longer decrypts is shown to its patient and its
 * writing authority as unreadable instead of vanishing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytes } from '../src/db/tables.js';
import { ApiEnv, LogCapture, postgresAvailable, type Store, USERS, waitFor } from './harness.js';

const pgOk = await postgresAvailable();

for (const store of ['pglite', 'postgres'] as Store[]) {
  describe.skipIf(store === 'postgres' && !pgOk)(`security findings on ${store}`, () => {
    let env: ApiEnv;
    const logs = new LogCapture();
    const tok: Record<'ana' | 'marko' | 'sm' | 'ca', string> = { ana: '', marko: '', sm: '', ca: '' };
    const db = () => env.api!.ctx.db;

    beforeAll(async () => {
      env = await ApiEnv.start({ store, logs });
      await env.demoReady();
      tok.ana = await env.login(USERS.ana.id, USERS.ana.password);
      tok.marko = await env.login(USERS.marko.id, USERS.marko.password);
      tok.sm = await env.login(USERS.saintMary.id, USERS.saintMary.password);
      tok.ca = await env.login(USERS.ca.id, USERS.ca.password);
    }, 150_000);
    afterAll(async () => env?.stop());

    it('answers a lone surrogate in a record field value or name with 400 naming the field', async () => {
      const post = (raw: string) =>
        env.call('POST', '/api/health-records', {
          token: tok.marko,
          headers: { 'content-type': 'application/json' },
          raw,
        });
      const value = await post(`{"patient_id": "${USERS.ana.id}", "diagnosis": "flu \\ud800"}`);
      expect(value.status, JSON.stringify(value.body)).toBe(400);
      expect(value.body.error).toMatch(/^diagnosis: /);
      expect(value.body.message).toBe(value.body.error);
      const name = await post(`{"patient_id": "${USERS.ana.id}", "x\\udc00": "flu"}`);
      expect(name.status, JSON.stringify(name.body)).toBe(400);
      expect(name.body.error).toMatch(/field name/);
      const nul = await post(`{"patient_id": "${USERS.ana.id}\\u0000", "diagnosis": "flu"}`);
      expect(nul).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^patient_id: /) } });
    });

    it("shows a patient who read their data, but never the reader's address; authorities keep it", async () => {
      expect(
        (await env.call('GET', '/api/health-records/patient/2308992715066?own=true', { token: tok.marko }))
          .status,
      ).toBe(200);
      const mine = await env.call('GET', '/api/audit', { token: tok.ana });
      expect(mine.status).toBe(200);
      const read = mine.body.entries.find(
        (e: { actor_id: string; action: string }) => e.actor_id === USERS.marko.id && e.action === 'read',
      );
      expect(read).toMatchObject({ actor_type: 'doctors', actor_name: 'Dr. Marko Popović' });
      for (const e of mine.body.entries) {
        expect(e).not.toHaveProperty('ip');
        expect(JSON.stringify(e)).not.toContain('127.0.0.1');
      }
      const authority = await env.call('GET', '/api/audit', { token: tok.sm });
      expect(authority.body.entries.find((e: { actor_id: string }) => e.actor_id === USERS.marko.id).ip).toBe(
        '127.0.0.1',
      );
      await waitFor(
        'the read to be checkpointed',
        async () =>
          (await env.call('GET', '/api/audit', { token: tok.ana })).body.entries.find(
            (e: { seq: number }) => e.seq === read.seq,
          ).checkpointed,
        30_000,
        200,
      );
      const proof = await env.call('GET', `/api/audit/${read.seq}/proof`, { token: tok.ana });
      expect(proof.status).toBe(200);
      expect(proof.body.entry).not.toHaveProperty('ip');
      expect(proof.body.leaf).toMatch(/^[0-9a-f]{64}$/);
    });

    it('lists a record whose ciphertext no longer decrypts as unreadable, for its patient and its authority', async () => {
      const created = await env.call('POST', '/api/health-records', {
        token: tok.marko,
        body: { patient_id: USERS.ana.id, diagnosis: 'Will be tampered with' },
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      const before = await env.call('GET', '/api/health-records', { token: tok.ana });
      const row = await db()
        .selectFrom('health_records')
        .select('ciphertext')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const c = Buffer.from(bytes(row.ciphertext));
      c[c.length - 5]! ^= 0x40;
      await db().updateTable('health_records').set({ ciphertext: c }).where('id', '=', id).execute();

      const list = await env.call('GET', '/api/health-records', { token: tok.ana });
      expect(list.status).toBe(200);
      expect(list.body.health_records).toHaveLength(before.body.health_records.length);
      const entry = list.body.health_records.find(
        (r: { health_record: { _id: string } }) => r.health_record._id === id,
      );
      expect(entry).toMatchObject({
        unreadable: true,
        problem: expect.stringMatching(/tamper/i),
        health_record: { _id: id, patient_id: USERS.ana.id },
        key: expect.any(String),
      });
      const readable = list.body.health_records.filter((r: { unreadable?: boolean }) => !r.unreadable);
      expect(readable.length).toBe(before.body.health_records.length - 1);

      const authority = await env.call('GET', '/api/health-records/authority', { token: tok.sm });
      expect(authority.body.health_records.find((r: { _id: string }) => r._id === id)).toMatchObject({
        unreadable: true,
        patient_id: USERS.ana.id,
        doctor_id: USERS.marko.id,
      });
      const own = await env.call('GET', '/api/health-records/patient/2308992715066?own=true', {
        token: tok.marko,
      });
      expect(
        own.body.health_records.find((r: { health_record: { _id: string } }) => r.health_record._id === id),
      ).toMatchObject({ unreadable: true });

      const metrics = env.api!.ctx.metrics.registry;
      expect(await metrics.getSingleMetricAsString('chartproof_api_records_unreadable_total')).toMatch(
        /chartproof_api_records_unreadable_total [1-9]/,
      );
      const line = logs.text
        .split('\n')
        .filter((l) => l.includes(id))
        .map((l) => JSON.parse(l) as { level: number; msg: string });
      expect(line.some((l) => l.level === 50 && /tamper/i.test(l.msg))).toBe(true);
    });

    it('detects audit rows deleted with their checkpoint rows against the chain, and reports the stalled audit chain', async () => {
      // Let every entry so far be checkpointed, then stop the background work for the surgery.
      await waitFor(
        'the audit log to be checkpointed',
        async () => {
          const last = await db()
            .selectFrom('audit_log')
            .select((eb) => eb.fn.max('seq').as('max'))
            .executeTakeFirstOrThrow();
          const done = await db()
            .selectFrom('audit_checkpoints')
            .select((eb) => eb.fn.max('to_seq').as('to'))
            .where('status', '=', 'anchored')
            .executeTakeFirstOrThrow();
          return Number(done.to ?? 0) >= Number(last.max);
        },
        30_000,
        200,
      );
      await env.api!.background.stop();
      expect((await env.call('GET', '/api/audit/verify', { token: tok.ca })).body.ok).toBe(true);

      const newest = await db()
        .selectFrom('audit_checkpoints')
        .selectAll()
        .orderBy('from_seq', 'desc')
        .executeTakeFirstOrThrow();
      await db().deleteFrom('audit_log').where('seq', '>=', newest.from_seq).execute();
      await db().deleteFrom('audit_checkpoints').where('from_seq', '>=', newest.from_seq).execute();

      const verify = await env.call('GET', '/api/audit/verify', { token: tok.ca });
      expect(verify.status).toBe(200);
      expect(verify.body.ok).toBe(false);
      expect(verify.body.problems).toContainEqual(
        expect.objectContaining({ from: newest.from_seq, to: newest.to_seq }),
      );

      // New entries get the next numbers the database knows; their checkpoint starts where the
      // database ends, before the chain's last one: the chain refuses it.
      await env.login(USERS.ana.id, USERS.ana.password);
      await expect(env.api!.services.checkpoints.runOnce()).rejects.toThrow(/checkpoint/i);
      const health = await env.call('GET', '/api/health');
      expect(health.body).toMatchObject({
        status: 'degraded',
        audit: { status: 'stalled', code: 'TX_CHECKPOINT_GAP' },
      });
      const gauge = await env.api!.ctx.metrics.registry.getSingleMetricAsString(
        'chartproof_api_audit_checkpoint_stalled',
      );
      expect(gauge).toMatch(/chartproof_api_audit_checkpoint_stalled 1/);
      const again = await env.call('GET', '/api/audit/verify', { token: tok.ca });
      expect(again.body.ok).toBe(false);
      expect(
        again.body.problems.some((p: { problem: string }) => /stalled|TX_CHECKPOINT_GAP/.test(p.problem)),
      ).toBe(true);
    });
  });
}
