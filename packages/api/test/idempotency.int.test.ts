/**
 * Idempotency-Key on record creation and access requests, over real sockets against three real
 * nodes, on PGlite and PostgreSQL: a retried POST never makes a second record or request, whether
 * the first answer arrived, was lost, raced the retry, or was a 503 while every node was down.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiEnv, postgresAvailable, type Store, USERS } from './harness.js';

const pgOk = await postgresAvailable();

for (const store of ['pglite', 'postgres'] as Store[]) {
  describe.skipIf(store === 'postgres' && !pgOk)(`Idempotency-Key on ${store}`, () => {
    let env: ApiEnv;
    let marko: string;
    const create = (key: string | undefined, diagnosis: string) =>
      env.call('POST', '/api/health-records', {
        token: marko,
        body: { patient_id: USERS.ana.id, diagnosis },
        ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }),
      });
    const recordsWith = async (key: string) =>
      (
        await env
          .api!.ctx.db.selectFrom('health_records')
          .select('id')
          .where('idempotency_key', '=', key)
          .execute()
      ).length;
    const createAudits = async (recordId: string) =>
      (
        await env
          .api!.ctx.db.selectFrom('audit_log')
          .select('seq')
          .where('record_id', '=', recordId)
          .where('action', '=', 'create')
          .execute()
      ).length;

    beforeAll(async () => {
      env = await ApiEnv.start({ store });
      await env.demoReady();
      marko = await env.login(USERS.marko.id, USERS.marko.password);
    }, 150_000);
    afterAll(async () => env?.stop());

    it('answers a retry with the same key and body for the first record, and creates one', async () => {
      const key = randomUUID();
      const first = await create(key, 'Idempotent flu');
      expect(first.status).toBe(201);
      const again = await create(key, 'Idempotent flu');
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(await recordsWith(key)).toBe(1);
      expect(await createAudits(first.body.id)).toBe(1);
      // Without a key, the same body is a new record, as before.
      const plain = await create(undefined, 'Idempotent flu');
      expect(plain.status).toBe(201);
      expect(plain.body.id).not.toBe(first.body.id);
    });

    it('refuses the same key with another body (422 naming the header) and creates nothing', async () => {
      const key = randomUUID();
      expect((await create(key, 'First body')).status).toBe(201);
      const other = await create(key, 'Second body');
      expect(other.status).toBe(422);
      expect(other.body).toMatchObject({ field: 'Idempotency-Key' });
      expect(other.body.error).toMatch(/Idempotency-Key was already used/);
      expect(other.body.message).toBe(other.body.error);
      expect(await recordsWith(key)).toBe(1);
    });

    it('gives two concurrent calls with one key one record (a double click)', async () => {
      const key = randomUUID();
      const [a, b] = await Promise.all([create(key, 'Double click'), create(key, 'Double click')]);
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(b.body.id).toBe(a.body.id);
      expect(await recordsWith(key)).toBe(1);
    });

    it('refuses a malformed key with a 400 naming the header, creating nothing', async () => {
      const before = await env.api!.ctx.db.selectFrom('health_records').select('id').execute();
      for (const bad of ['has space', 'k'.repeat(129)]) {
        const r = await create(bad, 'Bad key');
        expect(r.status).toBe(400);
        expect(r.body).toMatchObject({ field: 'Idempotency-Key' });
        expect(r.body.error).toMatch(/Idempotency-Key/);
      }
      expect(await env.api!.ctx.db.selectFrom('health_records').select('id').execute()).toHaveLength(
        before.length,
      );
    });

    it('finishes the record of a 503 when the retry comes after the nodes are back', async () => {
      const key = randomUUID();
      for (const n of env.nodes) await n.kill();
      const down = await create(key, 'Retried after an outage');
      expect(down.status).toBe(503);
      for (const n of env.nodes) await n.restart();
      const retry = await create(key, 'Retried after an outage');
      expect(retry.status).toBe(201);
      expect(await recordsWith(key)).toBe(1);
      const row = await env
        .api!.ctx.db.selectFrom('health_records')
        .select(['id', 'status'])
        .where('idempotency_key', '=', key)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ id: retry.body.id, status: 'anchored' });
      const ana = await env.login(USERS.ana.id, USERS.ana.password);
      const mine = await env.call('GET', '/api/health-records', { token: ana });
      const item = mine.body.health_records.find(
        (r: { health_record: { _id: string } }) => r.health_record._id === retry.body.id,
      );
      const verified = await env.call('POST', `/api/health-records/verify/${retry.body.id}`, {
        token: ana,
        body: { secret_key: item.key },
      });
      expect(verified).toMatchObject({
        status: 200,
        body: { blockchain_response: 'Health record is valid!' },
      });
    }, 120_000);

    it('answers a retried access request with the request it created; without a key a repeat is refused', async () => {
      const key = randomUUID();
      const body = { health_record_id: 'e2e659351b784cddad9ecfa02b541f36', patient_id: USERS.milos.id };
      const send = (k?: string) =>
        env.call('POST', '/api/requests', {
          token: marko,
          body,
          ...(k === undefined ? {} : { headers: { 'idempotency-key': k } }),
        });
      const first = await send(key);
      expect(first.status).toBe(201);
      const again = await send(key);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect((await send()).body).toMatchObject({ error: 'Request aleady exists!' });
      const other = await env.call('POST', '/api/requests', {
        token: marko,
        body: { ...body, health_record_id: 'ef468370a25443f1876094546327d4b0' },
        headers: { 'idempotency-key': key },
      });
      expect(other.status).toBe(422);
    });
  });
}
