/**
 * Crash safety: the API process is killed (SIGKILL) at a random moment while 100 records are
 * being created at once, then started again on the same database. Every record answered 201
 * verifies, no record id is anchored twice, and every record left pending ends anchored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiEnv, postgresAvailable, type Store, USERS, waitFor } from './harness.js';

const pgOk = await postgresAvailable();
const CREATES = 100;

for (const store of ['pglite', 'postgres'] as Store[]) {
  describe.skipIf(store === 'postgres' && !pgOk)(`SIGKILL during creates on ${store}`, () => {
    let env: ApiEnv;
    const answered = new Set<string>();

    beforeAll(async () => {
      env = await ApiEnv.start({ store, child: true });
      await env.demoReady();
    }, 150_000);
    afterAll(async () => env?.stop());

    for (const round of [1, 2]) {
      it(`round ${round}: kill at a random moment, restart`, async () => {
        const marko = await env.login(USERS.marko.id, USERS.marko.password);
        const creates = Array.from({ length: CREATES }, (_, i) =>
          env
            .call('POST', '/api/health-records', {
              token: marko,
              body: { patient_id: USERS.ana.id, diagnosis: `crash round ${round} #${i}` },
            })
            .then(
              (r) => {
                if (r.status === 201) answered.add(r.body.id);
                return r.status;
              },
              () => 0,
            ),
        );
        const killAt = 200 + Math.floor(Math.random() * 1500);
        await new Promise((r) => setTimeout(r, killAt));
        await env.killChild();
        const statuses = await Promise.all(creates);
        // Whatever was answered before the kill was a 201; the rest lost their connection.
        expect(
          statuses.every((s) => s === 201 || s === 0),
          `statuses ${[...new Set(statuses)]}`,
        ).toBe(true);
        await env.startApi();
      }, 120_000);
    }

    it('every answered record verifies, none is anchored twice, none stays pending', async () => {
      const sm = await env.login(USERS.saintMary.id, USERS.saintMary.password);
      const all = await waitFor(
        'every record to be anchored',
        async () => {
          const r = await env.call('GET', '/api/health-records/authority', { token: sm });
          const rows = r.body.health_records as Array<{ _id: string; status: string }>;
          return rows.every((x) => x.status === 'anchored') ? rows : undefined;
        },
        90_000,
        1_000,
      );
      const ids = new Set(all.map((r) => r._id));
      for (const id of answered) expect(ids.has(id), `answered ${id} is stored`).toBe(true);

      const ana = await env.login(USERS.ana.id, USERS.ana.password);
      const mine = (await env.call('GET', '/api/health-records', { token: ana })).body
        .health_records as Array<{
        health_record: { _id: string };
        key: string;
      }>;
      const keyOf = new Map(mine.map((r) => [r.health_record._id, r.key]));
      for (const id of answered) {
        const v = await env.call('POST', `/api/health-records/verify/${id}`, {
          token: ana,
          body: { secret_key: keyOf.get(id) },
        });
        expect(v.body.blockchain_response, id).toBe('Health record is valid!');
      }
      // On chain: each stored record anchored exactly once, and nothing anchored for Ana that
      // the database does not hold.
      const patientKey = await anaKey(env);
      const anchors = await env.nodes[1]!.rpc.call<{ total: number; anchors: Array<{ record_id: string }> }>(
        'anchors',
        {
          patient: patientKey,
          limit: 500,
        },
      );
      const onChain = anchors.anchors.map((a) => a.record_id);
      expect(new Set(onChain).size).toBe(onChain.length);
      expect(new Set(onChain)).toEqual(new Set(mine.map((r) => r.health_record._id)));
      expect(answered.size).toBeGreaterThan(0);
      console.info(
        `${store}: ${answered.size} of ${2 * CREATES} creates answered 201 before the kills; ${all.length} records stored, all anchored once`,
      );
    }, 180_000);
  });
}

/** Ana's public key, from the node that registered her: her anchors are listed under it. */
async function anaKey(env: ApiEnv): Promise<string> {
  const ha = await env.login(USERS.marko.id, USERS.marko.password);
  const proof = await env.call('GET', `/api/health-records/8ee9c6326d1d4438a1945af1d3320a98/proof`, {
    token: ha,
  });
  return proof.body.receipt.tx.body.patient as string;
}
