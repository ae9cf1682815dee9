import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withoutApiSettings } from '@chartproof/api';
import { afterAll, describe, expect, it } from 'vitest';
import { freeRun, portFree } from './ports.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'chartproof-up-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The PID of the child of `parent` whose command line contains `marker`. */
function childPid(parent: number, marker: string): number {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(parent)], { encoding: 'utf8' });
  const line = out.split('\n').find((l) => l.includes(marker));
  if (line === undefined) throw new Error(`no child of ${parent} with ${marker}:\n${out}`);
  return Number(line.trim().split(/\s+/)[0]);
}

describe('chartproof up', () => {
  it('creates keys and a genesis, runs three connected nodes and the API with demo data, restarts a crashed child, and stops them all on SIGINT', async () => {
    const base = await freeRun(4);
    const apiPort = base + 3;
    const up = spawn(
      process.execPath,
      [MAIN, 'up', '--data', join(dir, 'data'), '--base-port', String(base), '--api-port', String(apiPort)],
      // The API runs on PGlite in the test's directory whatever the shell exports (DATABASE_URL …),
      // so the output must then say embedded PGlite.
      { stdio: ['ignore', 'pipe', 'pipe'], env: withoutApiSettings(process.env) },
    );
    let out = '';
    up.stdout.on('data', (d) => {
      out += d;
    });
    up.stderr.on('data', (d) => {
      out += d;
    });
    const exited = new Promise<number | null>((resolve) => up.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 90_000;
      while (!out.includes('ChartProof is up') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(out).toContain('ChartProof is up');
      // A folder not made by init runs the demo, and says so.
      expect(out).toContain('this is a DEMO');
      expect(out).toContain('THIS IS A DEMO. Its logins are public');
      expect(existsSync(join(dir, 'data', 'genesis.json'))).toBe(true);
      let peers: number[] = [];
      while (Date.now() < deadline) {
        peers = await Promise.all(
          [0, 1, 2].map(async (i) => {
            const s = (await (await fetch(`http://127.0.0.1:${base + i}/status`)).json()) as {
              peers: unknown[];
            };
            return s.peers.length;
          }),
        );
        if (peers.every((n) => n === 2)) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(peers).toEqual([2, 2, 2]);
      // The API is up with the demo data: a demo patient logs in and sees her records.
      const login = await fetch(`http://127.0.0.1:${apiPort}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'ffbe84df20d043178300a21710312068', password: 'Ana!Health1' }),
      });
      const { access_token } = (await login.json()) as { access_token: string };
      const records = await fetch(`http://127.0.0.1:${apiPort}/api/health-records`, {
        headers: { authorization: `Bearer ${access_token}` },
      });
      expect(
        ((await records.json()) as { health_records: unknown[] }).health_records.length,
      ).toBeGreaterThanOrEqual(2);
      // A node that crashes is reported and started again.
      const node = childPid(up.pid!, `--port ${base + 1} `);
      process.kill(node, 'SIGKILL');
      while (!out.includes(`node-${base + 1} is back`) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(out).toMatch(new RegExp(`node-${base + 1} exited \\(SIGKILL\\); restarting it`));
      expect(out).toContain(`node-${base + 1} is back`);
      // The killed node's miner process left quietly: no stack trace (EPIPE) on the console.
      expect(out).not.toMatch(/EPIPE|Unhandled 'error' event|ERR_IPC_CHANNEL_CLOSED/);
      expect(out).toContain(`the API's store: embedded PGlite in ${join(dir, 'data', 'api', 'db')}`);
    } finally {
      up.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    for (const i of [0, 1, 2, 3]) expect(await portFree(base + i)).toBe(true);
  }, 120_000);
});
