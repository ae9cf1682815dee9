/**
 * Issue #14 point 7 with real processes: `chartproof init` makes the central authority with a
 * password shown once (or the one given, never shown), and the demo users only when asked; an
 * API beyond loopback refuses the demo users unless demo mode is named; the first `chartproof up
 * --no-demo` does what init does, its API has no demo login, and the generated password opens
 * nothing but the password change until it is changed; a restart shows no password again.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO, withoutApiSettings } from '@chartproof/api';
import { afterAll, describe, expect, it } from 'vitest';
import { freeRun } from './ports.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'chartproof-init-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { ...withoutApiSettings(process.env), CHARTPROOF_CA_PASSWORD: '' };

function cli(args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...env, ...extra },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectOneLineError(r: ReturnType<typeof cli>, pattern: RegExp) {
  expect(r.code, r.stdout + r.stderr).toBe(1);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

/** The ID and password init printed, or null when it printed none. */
function shown(out: string): { id: string; password: string } | null {
  const id = /^ {2}ID {8}([0-9a-f]{32})$/m.exec(out)?.[1];
  const password = /^ {2}password {2}(\S+)$/m.exec(out)?.[1];
  return id !== undefined && password !== undefined ? { id, password } : null;
}

/** Every file under `root`, as bytes. */
function everyFile(root: string): Buffer[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((f) => join(root, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => readFileSync(f));
}

class Running {
  out = '';
  readonly exited: Promise<number | null>;
  constructor(readonly proc: ChildProcess) {
    proc.stdout?.on('data', (d) => (this.out += d));
    proc.stderr?.on('data', (d) => (this.out += d));
    this.exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
  }
  static start(args: string[]): Running {
    return new Running(
      spawn(process.execPath, [MAIN, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env }),
    );
  }
  async until(text: string, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.out.includes(text) && Date.now() < deadline && this.proc.exitCode === null)
      await new Promise((r) => setTimeout(r, 100));
    expect(this.out, `waiting for ${JSON.stringify(text)}`).toContain(text);
  }
  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
    if (this.proc.exitCode === null) this.proc.kill(signal);
    return this.exited;
  }
}

async function call(base: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the test asserts on the bodies it reads
  return { status: res.status, body: (await res.json()) as any };
}

describe('chartproof init', () => {
  it('makes keys, a genesis and the central authority with a password shown once, and never again', () => {
    const data = join(dir, 'real');
    const first = cli(['init', '--data', data, '--ca-name', 'Ministry of Health']);
    expect(first.code, first.stderr).toBe(0);
    const ca = shown(first.stdout);
    expect(ca).not.toBeNull();
    expect(ca!.password.length).toBeGreaterThanOrEqual(12);
    expect(first.stdout.split(ca!.password)).toHaveLength(2);
    expect(first.stdout).toMatch(/shown this once and stored nowhere/);
    expect(first.stderr).toBe('');
    for (const f of ['genesis.json', 'keys/central-authority.json', 'system.json'])
      expect(existsSync(join(data, f)), f).toBe(true);
    expect(JSON.parse(readFileSync(join(data, 'system.json'), 'utf8'))).toEqual({
      mode: 'real',
      central_authority: ca!.id,
    });
    // Only the scrypt hash is stored: the password is in no file of the folder (the database included).
    for (const bytes of everyFile(data)) expect(bytes.includes(ca!.password)).toBe(false);

    const again = cli(['init', '--data', data]);
    expect(again.code, again.stderr).toBe(0);
    expect(shown(again.stdout)).toBeNull();
    expect(again.stdout).toContain(`exists already: ID ${ca!.id}`);
    expectOneLineError(cli(['init', '--demo', '--data', data]), /holds a real system/);
  });

  it('takes the password from a file or CHARTPROOF_CA_PASSWORD, checks it, and never shows it', () => {
    const weak = join(dir, 'weak.pw');
    writeFileSync(weak, 'short\n');
    expectOneLineError(
      cli(['init', '--data', join(dir, 'weak'), '--ca-password-file', weak]),
      /^chartproof: init: the central authority's password must be at least 12 characters$/,
    );
    expectOneLineError(
      cli(['init', '--data', join(dir, 'none'), '--ca-password-file', join(dir, 'missing.pw')]),
      /cannot read the password file .*missing\.pw: ENOENT/,
    );
    const file = join(dir, 'good.pw');
    writeFileSync(file, 'a long chosen passphrase\nsecond line ignored\n');
    const fromFile = cli(['init', '--data', join(dir, 'from-file'), '--ca-password-file', file]);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.stdout).toMatch(/with the password you gave/);
    expect(fromFile.stdout).not.toContain('a long chosen passphrase');
    expect(shown(fromFile.stdout)).toBeNull();
    const fromEnv = cli(['init', '--data', join(dir, 'from-env')], {
      CHARTPROOF_CA_PASSWORD: 'another long passphrase',
    });
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
    expect(fromEnv.stdout).not.toContain('another long passphrase');
  });

  it('makes no central authority for a demo; an API beyond loopback refuses the demo users unless demo mode is named', async () => {
    const data = join(dir, 'demo');
    const init = cli(['init', '--demo', '--data', data]);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/is a demo/);
    expect(shown(init.stdout)).toBeNull();
    const port = await freeRun(1);
    const refused = cli(['api', '--data', data, '--host', '0.0.0.0', '--port', String(port)]);
    expectOneLineError(
      refused,
      /^chartproof: refusing to listen on 0\.0\.0\.0: an empty database gets the demo users, whose passwords are public; set CHARTPROOF_DEMO=true \(chartproof api --demo\)/,
    );
    const viaEnv = cli(['api', '--data', data, '--port', String(port)], { HOST: '0.0.0.0' });
    expectOneLineError(viaEnv, /refusing to listen on 0\.0\.0\.0/);
    // Named, it starts (no nodes run here: it listens, and its demo waits for the chain).
    const named = Running.start([
      'api',
      '--data',
      data,
      '--host',
      '0.0.0.0',
      '--port',
      String(port),
      '--demo',
    ]);
    try {
      await named.until('api listening on', 60_000);
    } finally {
      expect(await named.stop('SIGTERM')).toBe(0);
    }
  }, 120_000);
});

describe('chartproof up --no-demo', () => {
  it('creates the central authority once, runs no demo, and lets the generated password only change itself', async () => {
    const data = join(dir, 'up-real');
    const base = await freeRun(4);
    const base_url = `http://127.0.0.1:${base + 3}`;
    const args = ['up', '--data', data, '--base-port', String(base), '--api-port', String(base + 3)];
    const first = Running.start([...args, '--no-demo']);
    let ca: { id: string; password: string } | null = null;
    try {
      await first.until('ChartProof is up', 120_000);
      ca = shown(first.out);
      expect(ca).not.toBeNull();
      expect(first.out.split(ca!.password)).toHaveLength(2);
      expect(first.out).toContain(`a real system, no demo users: sign in as the central authority ${ca!.id}`);
      expect(first.out).not.toMatch(/DEMO/);
      expect((await call(base_url, 'GET', '/api/health')).body.demo).toBe('off');
      const demoCa = DEMO.centralAuthority;
      expect(
        (await call(base_url, 'POST', '/api/login', undefined, { id: demoCa.id, password: demoCa.password }))
          .status,
      ).toBe(401);

      const login = await call(base_url, 'POST', '/api/login', undefined, ca);
      expect(login).toMatchObject({ status: 200, body: { must_change_password: true } });
      const token = login.body.access_token as string;
      const refused = await call(base_url, 'GET', `/api/central-authority/${ca!.id}`, token);
      expect(refused).toMatchObject({ status: 403, body: { code: 'PASSWORD_CHANGE_REQUIRED' } });
      const changed = await call(base_url, 'POST', '/api/auth/password', token, {
        current_password: ca!.password,
        new_password: 'the ministry passphrase',
      });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      const details = await call(
        base_url,
        'GET',
        `/api/central-authority/${ca!.id}`,
        changed.body.access_token,
      );
      expect(details).toMatchObject({ status: 200, body: { name: 'Central Authority' } });
    } finally {
      expect(await first.stop()).toBe(0);
    }
    // Only the hash is kept: the generated password is in no file of the folder.
    for (const bytes of everyFile(data)) expect(bytes.includes(ca!.password)).toBe(false);

    // A second start, without the flag: the same real system, and no password shown.
    const second = Running.start(args);
    try {
      await second.until('ChartProof is up', 120_000);
      expect(shown(second.out)).toBeNull();
      expect(second.out).toContain('a real system, no demo users');
      const login = await call(base_url, 'POST', '/api/login', undefined, {
        id: ca!.id,
        password: 'the ministry passphrase',
      });
      expect(login).toMatchObject({ status: 200, body: { must_change_password: false } });
      const demoCa = DEMO.centralAuthority;
      expect(
        (await call(base_url, 'POST', '/api/login', undefined, { id: demoCa.id, password: demoCa.password }))
          .status,
      ).toBe(401);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 300_000);

  it('refuses a folder that holds the demo', () => {
    const data = join(dir, 'demo');
    expectOneLineError(cli(['up', '--no-demo', '--data', data]), /was made for a demo/);
  });
});
