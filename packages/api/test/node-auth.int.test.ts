/**
 * The API authenticates to its nodes (issue 14 point 5): with the central authority before its
 * service key is registered, with the service key after, on every connection it opens, failover
 * included. The nodes are real processes; which key an API connection proved is read from the
 * node's log line "rpc client authenticated".
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeProcess } from '../../node/test/harness.js';
import { ApiEnv, USERS, waitFor } from './harness.js';

/** The keys (their first 16 hex digits) and roles a node's RPC accepted, in order. */
function authenticated(node: NodeProcess): Array<{ key: string; role: string }> {
  return readFileSync(node.logPath, 'utf8')
    .split('\n')
    .filter((l) => l.includes('"rpc client authenticated"'))
    .map((l) => JSON.parse(l) as { key: string; role: string })
    .map(({ key, role }) => ({ key, role }));
}

describe('the API authenticates to its nodes', () => {
  let env: ApiEnv;
  let marko: string;
  beforeAll(async () => {
    env = await ApiEnv.start({ store: 'pglite' });
    await env.demoReady();
    marko = await env.login(USERS.marko.id, USERS.marko.password);
  }, 150_000);
  afterAll(async () => env?.stop());

  it('with its service key once that is registered, on the connection a failover opens', async () => {
    const [a, b, c] = env.nodes as [NodeProcess, NodeProcess, NodeProcess];
    // The API registered its service key over an authenticated connection, so it proved the
    // central authority's key before (submissions need one); the test harness's own clients prove
    // that key too, so the logs cannot tell which line is the API's until the failover.
    const service = await waitFor(
      'the API service key to be registered',
      async () =>
        (
          await env
            .api!.ctx.db.selectFrom('service_keys')
            .select('public_key')
            .where('status', '=', 'active')
            .executeTakeFirst()
        )?.public_key,
      30_000,
    );
    const seen = { b: authenticated(b).length, c: authenticated(c).length };
    await a.kill();
    const r = await env.call('POST', '/api/health-records', {
      token: marko,
      body: { patient_id: USERS.ana.id, diagnosis: 'Written after the failover' },
    });
    expect(r.status).toBe(201);
    const since = [...authenticated(b).slice(seen.b), ...authenticated(c).slice(seen.c)];
    expect(since.length).toBeGreaterThan(0);
    expect(since).toEqual(since.map(() => ({ key: service.slice(0, 16), role: 'service' })));
    await a.restart();
  });
});
