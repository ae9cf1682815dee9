/**
 * docs/operations.md, literally: three validator nodes over wss://, PostgreSQL, two API servers
 * and HAProxy, each on its own "host" (a network namespace of the test's own), then a record
 * written through one API server is read and verified through the other, through HAProxy and by
 * a node's receipt, and the web app loads through HAProxy. Needs root, iproute2, haproxy and
 * PostgreSQL 15's binaries (CI has them; .ci/run installs haproxy).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { verifyReceipt } from '@chartproof/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, waitFor } from '../../../node/test/harness.js';
import { APIS, CLI, Deployment, NODES, WEB_DIST } from './deployment.js';
import { Network } from './network.js';
import { PG_BIN } from './postgres.js';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const missing = [
  process.getuid?.() === 0 ? null : 'root',
  has('ip') ? null : 'iproute2 (ip)',
  has('haproxy') ? null : 'haproxy',
  has('openssl') ? null : 'openssl',
  existsSync(join(PG_BIN, 'postgres')) ? null : `${PG_BIN}/postgres`,
].filter((m) => m !== null);

const USERS = {
  marko: { id: '0271f15a69394cacb71cab62665e0592', password: 'MarkoDoc#2025' },
  ana: { id: 'ffbe84df20d043178300a21710312068', password: 'Ana!Health1' },
};

describe.skipIf(missing.length > 0)(
  `the deployment of docs/operations.md (needs ${missing.join(', ')})`,
  () => {
    let d: Deployment | null = null;
    let recordId = '';

    beforeAll(async () => {
      // npm test builds the web app after Vitest: build it now if this run is the first.
      if (!existsSync(join(WEB_DIST, 'index.html')))
        execFileSync('npm', ['run', 'build', '-w', 'packages/web'], { stdio: 'ignore', timeout: 120_000 });
      // Assigned before it starts: if start-up outlives this hook, afterAll still removes it all.
      d = Deployment.create();
      await d.start();
    }, 240_000);

    afterAll(async () => {
      await d?.down();
    }, 60_000);

    const login = async (base: string, user: { id: string; password: string }) => {
      const r = await d!.client.post(`${base}/api/login`, user);
      expect(r.status).toBe(200);
      return r.body.access_token as string;
    };

    it('runs three validators on one genesis, each connected to the other two over wss://', async () => {
      const all = await Promise.all(NODES.map((n) => d!.nodeStatus(n)));
      for (const s of all) {
        expect(s.genesis).toBe(d!.genesis.hash);
        expect(s.validator).toBe(true);
        expect(s.peers).toHaveLength(2);
      }
      // A node with a certificate speaks only TLS on its port: plain HTTP gets no answer.
      const plain = await d!.client.get(`http://${d!.net.address('node-a')}:5001/status`).catch((e) => e);
      expect(plain instanceof Error || plain.status >= 400).toBe(true);
    });

    it('serves both API servers on one PostgreSQL, healthy behind HAProxy', async () => {
      for (const base of [d!.apiUrl('api-1'), d!.apiUrl('api-2'), d!.lbUrl]) {
        const h = await d!.client.get(`${base}/api/health`);
        expect(h.status).toBe(200);
        expect(h.body).toMatchObject({ status: 'ok', database: 'ok', chain: { status: 'ok' } });
      }
      const net = await d!.client.get(`${d!.lbUrl}/api/network`);
      expect(net.body.genesis_hash).toBe(d!.genesis.hash);
    });

    it('sees the client behind HAProxy, not HAProxy: the audit log records the client’s address', async () => {
      const marko = await login(d!.lbUrl, USERS.marko);
      const audit = await d!.client.get(`${d!.lbUrl}/api/audit?action=login&limit=1`, marko);
      expect(audit.status).toBe(200);
      expect(audit.body.entries[0]).toMatchObject({ action: 'login', ip: d!.net.address('client') });
      // A header the client makes up is not believed: HAProxy appends the real address last.
      const spoofed = await d!.client.request('POST', `${d!.lbUrl}/api/login`, {
        json: USERS.marko,
        headers: { 'x-forwarded-for': '192.0.2.66' },
      });
      expect(spoofed.status).toBe(200);
      const after = await d!.client.get(`${d!.lbUrl}/api/audit?action=login&limit=1`, marko);
      expect(after.body.entries[0].ip).toBe(d!.net.address('client'));
    });

    it('refuses to start an API server whose master key is not the database’s', async () => {
      const env = d!.apiEnv('api-2', {
        PORT: '5009',
        CHARTPROOF_MASTER_KEY: randomBytes(32).toString('hex'),
      });
      const wrong = d!.net.spawn('api-2', 'api-2 (wrong master key)', process.execPath, [CLI, 'api'], env);
      expect(await wrong.exited).toBe('code 1');
      expect(wrong.output).toMatch(
        /the master key \(id [0-9a-f]+\) is not the one this database was created with/,
      );
    });

    it('verifies a record created through api-1 through api-2, through HAProxy and by a node receipt', async () => {
      const marko = await login(d!.apiUrl('api-1'), USERS.marko);
      const created = await d!.client.post(
        `${d!.apiUrl('api-1')}/api/health-records`,
        { patient_id: USERS.ana.id, diagnosis: 'Deployment check', note: 'written through api-1' },
        marko,
      );
      expect(created.status).toBe(201);
      expect(created.body.message).toBe('Health record successfully added and confirmed on blockchain');
      recordId = created.body.id;

      // One JWT secret: a token api-1 issued is good on api-2.
      const onApi2 = await d!.client.request('POST', `${d!.apiUrl('api-2')}/api/auth/verify`, {
        token: marko,
      });
      expect(onApi2).toMatchObject({ status: 200, body: { valid: true, user_id: USERS.marko.id } });

      // One master key: api-2 and HAProxy decrypt and verify what api-1 wrote.
      for (const base of [d!.apiUrl('api-2'), d!.lbUrl]) {
        const ana = await login(base, USERS.ana);
        const list = await d!.client.get(`${base}/api/health-records`, ana);
        const mine = list.body.health_records.find(
          (r: { health_record: { _id: string } }) => r.health_record._id === recordId,
        );
        expect(mine?.health_record).toMatchObject({
          diagnosis: 'Deployment check',
          note: 'written through api-1',
        });
        const v = await d!.client.post(
          `${base}/api/health-records/verify/${recordId}`,
          { secret_key: mine.key },
          ana,
        );
        expect(v).toMatchObject({ status: 200, body: { blockchain_response: 'Health record is valid!' } });
      }

      // The chain itself: a node api-1 did not dial first hands out a receipt that checks offline.
      const receipt = await waitFor(
        'node-c to serve the receipt',
        async () => {
          const r = await d!.client.get(`${d!.nodeHttp('node-c')}/receipts/${recordId}`);
          return r.status === 200 ? r : false;
        },
        15_000,
      );
      const check = verifyReceipt(receipt.body, d!.genesis);
      expect(check.acknowledgedBy.length).toBeGreaterThanOrEqual(2);
      expect(check.tx).toMatchObject({ type: 'record.anchor', body: { record_id: recordId } });
    });

    it('loads the web app through HAProxy, and keeps /metrics internal', async () => {
      const page = await d!.client.get(`${d!.lbUrl}/`);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      const script = /<script[^>]+src="([^"]+\.js)"/.exec(page.text)?.[1];
      expect(script).toBeDefined();
      const js = await d!.client.get(`${d!.lbUrl}${script}`);
      expect(js.status).toBe(200);
      expect(js.headers['content-type']).toMatch(/javascript/);

      expect((await d!.client.get(`${d!.lbUrl}/metrics`)).status).toBe(403);
      // From another host, metrics need the scrape token (METRICS_TOKEN), on the API and the nodes.
      // (401 or 403: a refusal either way, and no figures.)
      for (const url of [`${d!.apiUrl('api-1')}/metrics`, `${d!.nodeHttp('node-a')}/metrics`]) {
        const refused = await d!.client.get(url);
        expect([401, 403], url).toContain(refused.status);
        expect(refused.text).not.toMatch(/^chartproof_/m);
      }
      const metrics = await d!.client.get(`${d!.apiUrl('api-1')}/metrics`, d!.metricsToken);
      // The demo records and ours, all created through api-1.
      const created = /^chartproof_api_records_created_total (\d+)$/m.exec(metrics.text);
      expect(Number(created?.[1])).toBeGreaterThanOrEqual(1);
      const nodeMetrics = await d!.client.get(`${d!.nodeHttp('node-a')}/metrics`, d!.metricsToken);
      expect(nodeMetrics.text).toMatch(/^chartproof_peers 2$/m);
    });

    it('keeps both API servers running through a PostgreSQL restart, and answers again after it', async () => {
      const c = d!.client;
      // Both servers hold idle pooled connections now: they have just answered.
      for (const api of APIS) expect((await c.get(`${d!.apiUrl(api)}/api/health`)).status).toBe(200);
      await d!.db.stop('SIGINT'); // fast shutdown: the server ends every connection
      await sleep(1_000);
      for (const api of APIS) {
        expect(d!.processes.get(api)!.isRunning, `${api} still runs`).toBe(true);
        expect((await c.get(`${d!.apiUrl(api)}/api/health`)).body).toMatchObject({ database: 'unavailable' });
      }
      await d!.db.start();
      for (const api of APIS) {
        await waitFor(
          `${api} to reach the database again`,
          async () => (await c.get(`${d!.apiUrl(api)}/api/health`)).status === 200,
          20_000,
        );
      }
      const marko = await login(d!.lbUrl, USERS.marko);
      const created = await c.post(
        `${d!.lbUrl}/api/health-records`,
        { patient_id: USERS.ana.id, diagnosis: 'Written after a database restart' },
        marko,
      );
      expect(created.status).toBe(201);
    });

    it('restores a pg_dump into a fresh database that an API server with the same master key serves', async () => {
      const dump = join(d!.dir('api-1'), 'chartproof.dump');
      const pgEnv = [`PGPASSWORD=${d!.db.options.password}`];
      const db = d!.net.address('db');
      d!.net.run('api-1', 'env', [
        ...pgEnv,
        join(PG_BIN, 'pg_dump'),
        '-Fc',
        '-h',
        db,
        '-U',
        'chartproof',
        '-f',
        dump,
        'chartproof',
      ]);
      d!.db.createDatabase('chartproof_restored');
      d!.net.run('api-1', 'env', [
        ...pgEnv,
        join(PG_BIN, 'pg_restore'),
        '-h',
        db,
        '-U',
        'chartproof',
        '-d',
        'chartproof_restored',
        '--no-owner',
        dump,
      ]);
      const env = d!.apiEnv('api-2', {
        PORT: '5010',
        DATABASE_URL: d!.db.urlOf('chartproof_restored'),
        // The restored database holds the demo users and this server listens beyond loopback:
        // demo mode must be named (issue #14); the demo is not seeded again (it is there).
        CHARTPROOF_DEMO: 'true',
      });
      const restored = d!.net.spawn('api-2', 'api-2 (restored)', process.execPath, [CLI, 'api'], env);
      try {
        await restored.ready(/api listening on/, 60_000);
        const base = `http://${d!.net.address('api-2')}:5010`;
        const ana = await login(base, USERS.ana);
        const list = await d!.client.get(`${base}/api/health-records`, ana);
        const mine = list.body.health_records.find(
          (r: { health_record: { _id: string } }) => r.health_record._id === recordId,
        );
        expect(mine?.health_record.diagnosis).toBe('Deployment check');
        const v = await d!.client.post(
          `${base}/api/health-records/verify/${recordId}`,
          { secret_key: mine.key },
          ana,
        );
        expect(v).toMatchObject({ status: 200, body: { blockchain_response: 'Health record is valid!' } });
      } finally {
        await restored.stop();
      }
    });

    it('keeps serving while one API server, then one node, is restarted (an upgrade, one host at a time)', async () => {
      const c = d!.client;
      await d!.processes.get('api-1')!.stop('SIGTERM');
      for (let i = 0; i < 6; i++) expect((await c.get(`${d!.lbUrl}/api/health`)).status).toBe(200);
      await d!.startApi('api-1');

      await d!.processes.get('node-a')!.stop('SIGTERM');
      // Two validators of three are a majority: records are still acknowledged.
      const marko = await login(d!.lbUrl, USERS.marko);
      const created = await c.post(
        `${d!.lbUrl}/api/health-records`,
        { patient_id: USERS.ana.id, diagnosis: 'Written while node-a was down' },
        marko,
      );
      expect(created.status).toBe(201);
      await d!.startNode('node-a');
      const caughtUp = await waitFor(
        'node-a to catch up',
        async () => {
          const [a, b] = await Promise.all([d!.nodeStatus('node-a'), d!.nodeStatus('node-b')]);
          return a.height >= created.body.height && a.tip === b.tip && a.peers.length === 2 ? a : false;
        },
        60_000,
      );
      expect(caughtUp.height).toBeGreaterThanOrEqual(created.body.height);
      expect((await c.get(`${d!.nodeHttp('node-a')}/receipts/${created.body.id}`)).status).toBe(200);
    });

    it('stops everything it started by PID and removes its namespaces', async () => {
      const started = d!.net.started.map((p) => p.pid);
      const ours = d!.net.plan.hosts.map((h) => h.netns);
      expect(Network.ours()).toEqual(expect.arrayContaining(ours));
      await d!.down();
      d = null;
      const left = Network.ours().filter((n) => ours.includes(n) || n.includes(`-${process.pid}-`));
      expect(left).toEqual([]);
      const alive = started.filter((pid) => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      });
      expect(alive).toEqual([]);
    });
  },
);
