/**
 * The API and its nodes: with one node gone, requests fail over to the others; with none
 * answering, chain operations get 503 with a clear message within a bound (never a hang) while
 * reads from the database go on; a record whose anchoring was cut off is finished by the
 * reconciler once a node is back; and a node on another genesis is refused.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testGenesisDoc } from '@chartproof/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiEnv, postgresAvailable, type Store, TestNetwork, USERS, waitFor } from './harness.js';

const pgOk = await postgresAvailable();

for (const store of ['pglite', 'postgres'] as Store[]) {
  describe.skipIf(store === 'postgres' && !pgOk)(`chain outages on ${store}`, () => {
    let env: ApiEnv;
    let marko: string;
    let ana: string;
    const create = (diagnosis: string) =>
      env.call('POST', '/api/health-records', {
        token: marko,
        body: { patient_id: USERS.ana.id, diagnosis },
      });

    beforeAll(async () => {
      env = await ApiEnv.start({ store });
      await env.demoReady();
      marko = await env.login(USERS.marko.id, USERS.marko.password);
      ana = await env.login(USERS.ana.id, USERS.ana.password);
    }, 150_000);
    afterAll(async () => env?.stop());

    it('fails over when the first node dies', async () => {
      await env.nodes[0]!.kill();
      const r = await create('After node a died');
      expect(r.status).toBe(201);
      await env.nodes[0]!.restart();
    });

    it('answers 503 within a bound when no node answers, and keeps serving reads', async () => {
      for (const n of env.nodes) await n.kill();
      const t0 = Date.now();
      const r = await create('While every node is down');
      const took = Date.now() - t0;
      expect(r.status).toBe(503);
      expect(r.body.error).toMatch(/^Blockchain unavailable/);
      expect(r.body.message).toBe(r.body.error);
      expect(took).toBeLessThan(20_000);
      const list = await env.call('GET', '/api/health-records', { token: ana });
      expect(list.status).toBe(200);
      expect(list.body.health_records.length).toBeGreaterThan(0);
      const health = await env.call('GET', '/api/health');
      expect(health.body).toMatchObject({ database: 'ok', chain: { status: 'unavailable' } });
    });

    it('anchors the record left pending once a node is back', async () => {
      const pending = await env
        .api!.ctx.db.selectFrom('health_records')
        .select('id')
        .where('status', '=', 'pending')
        .execute();
      expect(pending.length).toBe(1);
      for (const n of env.nodes) await n.restart();
      await waitFor(
        'the pending record to be anchored',
        async () => {
          await env.api!.background.reconcileOnce();
          const row = await env
            .api!.ctx.db.selectFrom('health_records')
            .select('status')
            .where('id', '=', pending[0]!.id)
            .executeTakeFirst();
          return row?.status === 'anchored';
        },
        45_000,
        500,
      );
      const list = await env.call('GET', '/api/health-records', { token: ana });
      const rec = list.body.health_records.find(
        (r: { health_record: { _id: string } }) => r.health_record._id === pending[0]!.id,
      );
      const v = await env.call('POST', `/api/health-records/verify/${rec.health_record._id}`, {
        token: ana,
        body: { secret_key: rec.key },
      });
      expect(v.body.blockchain_response).toBe('Health record is valid!');
    }, 60_000);
  });
}

describe('a node on another genesis', () => {
  let other: TestNetwork;
  let env: ApiEnv;
  beforeAll(async () => {
    other = new TestNetwork(
      testGenesisDoc({ consensus: { block_interval_ms: 200 }, timestamp: 1_700_000_000_001 }),
    );
    await other.start({ name: 'x', keyName: 'validator-0' });
    env = await ApiEnv.start({ store: 'pglite', demo: false });
  }, 120_000);
  afterAll(async () => {
    await env?.stop();
    await other?.cleanup();
  });

  it('is refused: 503 naming the network, nothing trusted from it', async () => {
    await env.stopApi();
    // Same configuration, but the API is pointed at the foreign node only.
    env.config = { ...env.config, nodeUrls: [other.nodes[0]!.url] };
    writeFileSync(join(env.dir, 'unused'), '');
    await env.startApi();
    const ca = await env.call('POST', '/api/login', {
      body: { id: USERS.ca.id, password: USERS.ca.password },
    });
    expect(ca.status).toBe(401); // no demo data on this database
    const health = await env.call('GET', '/api/health');
    expect(health.body.chain.status).toBe('wrong network');
    const proof = await env.api!.ctx.chain.record('0'.repeat(32)).then(
      () => 'answered',
      (e: Error) => e.message,
    );
    expect(proof).toMatch(/is on network [0-9a-f]{64}, not [0-9a-f]{64}/);
  });
});
