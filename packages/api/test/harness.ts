/**
 * The API's integration harness: a real three-node network (child processes on 127.0.0.1, from
 * the node package's harness), a real database (embedded PGlite in a temporary directory, or a
 * fresh database on the PostgreSQL server named by CHARTPROOF_TEST_DATABASE_URL), and the API
 * itself, in-process listening on a free port or as a `chartproof api` child process. Requests
 * go over real sockets with fetch.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { encodeKeyFile, type GenesisDoc } from '@chartproof/ledger';
import { testGenesisDoc, testKey } from '@chartproof/ledger/testing';
import pg from 'pg';
import { CLI, type NodeProcess, TestNetwork, waitFor } from '../../node/test/harness.js';
import { type ApiApp, buildApp } from '../src/app.js';
import { type ApiConfig, configFromEnv, type Limits, parseEnv, withoutApiSettings } from '../src/config.js';
import { createApiLogger } from '../src/log.js';

export { CLI, TestNetwork, waitFor };

export type Store = 'pglite' | 'postgres';

export const PG_ADMIN_URL =
  process.env.CHARTPROOF_TEST_DATABASE_URL ?? 'postgres://chartproof:chartproof@127.0.0.1:5432/chartproof';

let pgUp: boolean | undefined;
/** Whether the test PostgreSQL answers (tests on it are skipped otherwise; CI counts a skip as a failure). */
export async function postgresAvailable(): Promise<boolean> {
  if (pgUp !== undefined) return pgUp;
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('select 1');
    pgUp = true;
  } catch {
    pgUp = false;
  } finally {
    await c.end().catch(() => {});
  }
  return pgUp;
}

/** A database of its own for one test: created now, dropped by the returned function. */
export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `chartproof_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Fast blocks: the test genesis mines in a couple of hashes, retargeting toward 200 ms. */
export function fastGenesis(): GenesisDoc {
  return testGenesisDoc({ consensus: { block_interval_ms: 200 } });
}

export const testLimits: Partial<Limits> = {
  loginPerMinute: 10_000,
  loginFailuresPerUser: 1_000,
  requestsPerMinute: 100_000,
  checkpointIntervalMs: 500,
  reconcileIntervalMs: 1_000,
};

// biome-ignore lint/suspicious/noExplicitAny: tests read answer bodies loosely and assert on them
export interface Answer<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** Collects everything a logger writes, to search it for secrets. */
export class LogCapture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface EnvOptions {
  readonly store: Store;
  readonly demo?: boolean;
  readonly limits?: Partial<Limits>;
  readonly logs?: LogCapture;
  /** Start the API as a `chartproof api` child process instead of in-process. */
  readonly child?: boolean;
  /** Reuse a network (several APIs on one chain). */
  readonly net?: TestNetwork;
}

export class ApiEnv {
  api: ApiApp | null = null;
  child: ChildProcess | null = null;
  url = '';
  nodes: NodeProcess[] = [];
  private pgDrop: (() => Promise<void>) | null = null;
  readonly dir: string;
  config!: ApiConfig;
  env!: Record<string, string>;
  childOutput = '';

  private constructor(
    readonly net: TestNetwork,
    private readonly ownsNet: boolean,
    readonly options: EnvOptions,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'chartproof-api-'));
  }

  static async start(options: EnvOptions): Promise<ApiEnv> {
    const net = options.net ?? new TestNetwork(fastGenesis());
    const env = new ApiEnv(net, options.net === undefined, options);
    try {
      env.nodes = options.net === undefined ? await net.startThree() : net.nodes;
      await env.configure();
      await env.startApi();
      return env;
    } catch (e) {
      await env.stop();
      throw e;
    }
  }

  private async configure(): Promise<void> {
    const caPath = join(this.dir, 'central-authority.json');
    writeFileSync(caPath, JSON.stringify(encodeKeyFile(testKey('central-authority'))), { mode: 0o600 });
    const env: Record<string, string> = {
      CHARTPROOF_DATA: this.dir,
      PEER_FOR_COMMUNICATION: this.nodes.map((n) => n.url).join(','),
      CHARTPROOF_GENESIS: this.net.genesisPath,
      CHARTPROOF_CA_KEY: caPath,
      CHARTPROOF_DEMO: String(this.options.demo ?? true),
      PORT: '0',
      LOG_LEVEL: this.options.logs !== undefined ? 'info' : 'warn',
    };
    if (this.options.store === 'postgres') {
      const db = await freshPostgres();
      this.pgDrop = db.drop;
      env.DATABASE_URL = db.url;
    }
    this.env = env;
    this.config = configFromEnv(parseEnv(env), { ...testLimits, ...this.options.limits });
  }

  async startApi(): Promise<void> {
    if (this.options.child === true) return this.startChild();
    const logger =
      this.options.logs !== undefined ? createApiLogger('info', this.options.logs) : createApiLogger('warn');
    this.api = await buildApp(this.config, { say: (l) => logger.info(l), logger });
    this.url = (await this.api.app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    this.api.startBackground();
  }

  /** `chartproof api` as a child process on a fixed port (kept across restarts). */
  private async startChild(): Promise<void> {
    const port = this.url === '' ? await freePort() : Number(new URL(this.url).port);
    const child = spawn(process.execPath, [CLI, 'api'], {
      // The store, keys and ports are the test's own (this.env): none of the API's variables
      // exported in the shell (DATABASE_URL, CHARTPROOF_MASTER_KEY, …) reach the child.
      env: {
        ...withoutApiSettings(process.env),
        ...this.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.childOutput = '';
    child.stdout?.on('data', (d: Buffer) => (this.childOutput += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.childOutput += d.toString()));
    this.url = `http://127.0.0.1:${port}`;
    await waitFor(
      'the api child to listen',
      async () => {
        if (child.exitCode !== null) throw new Error(`api exited ${child.exitCode}: ${this.childOutput}`);
        return this.childOutput.includes('api listening on');
      },
      30_000,
      50,
    );
  }

  /** kill -9 of the child API. */
  async killChild(): Promise<void> {
    const c = this.child;
    if (c === null || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  }

  async stopApi(): Promise<void> {
    if (this.child !== null) {
      const c = this.child;
      if (c.exitCode === null && c.signalCode === null) {
        const exited = new Promise((r) => c.once('exit', r));
        c.kill('SIGTERM');
        const t = setTimeout(() => c.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(t);
      }
    }
    await this.api?.close();
    this.api = null;
  }

  async stop(): Promise<void> {
    await this.stopApi().catch(() => {});
    if (this.ownsNet) await this.net.cleanup();
    await this.pgDrop?.().catch(() => {});
    rmSync(this.dir, { recursive: true, force: true });
  }

  // biome-ignore lint/suspicious/noExplicitAny: as Answer
  async call<T = any>(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.raw !== undefined) body = opts.raw === '' ? undefined : opts.raw;
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(90_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: kept as text, which a test asserting a JSON body will show
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  async login(id: string, password: string): Promise<string> {
    const r = await this.call('POST', '/api/login', { body: { id, password } });
    if (r.status !== 200) throw new Error(`login ${id}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.access_token;
  }

  /** Waits until the demo data is in (first start of an empty database). */
  async demoReady(timeoutMs = 90_000): Promise<void> {
    await waitFor(
      'the demo data',
      async () => {
        const r = await this.call('POST', '/api/login', {
          body: { id: '5fc9abf5f4af446c9e65ae3197b02b35', password: 'Jelena$Care99' },
        });
        if (r.status !== 200) return false;
        const rec = await this.call('GET', '/api/requests/patient', { token: r.body.access_token });
        return Array.isArray(rec.body) && rec.body.length === 1;
      },
      timeoutMs,
      250,
    );
  }
}

export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The demo logins of contract 3.7. */
export const USERS = {
  ca: { id: '4c1b2e8f9a3d47e39b25f0c6a7d18b52', password: '12345' },
  saintMary: { id: '6d041a6bf3f741fabb9e0bd7d2518479', password: 'Smh@2025Secure' },
  chi: { id: '9f09e82bcffe4011b782bae2211647d3', password: 'CHi!SecurePass' },
  marko: { id: '0271f15a69394cacb71cab62665e0592', password: 'MarkoDoc#2025' },
  ivana: { id: '9140861a23e34503995d4416798517ce', password: 'IvanaMed@123' },
  petar: { id: '38baf2ce591a4856b6a03946b94c8e7a', password: 'Petar_Clinic99' },
  katarina: { id: 'c36821b86bf64d7097d7473a610cf050', password: 'Kata$Health22' },
  ana: { id: 'ffbe84df20d043178300a21710312068', password: 'Ana!Health1' },
  nikola: { id: '3139f6dbc4e64deda11c28e3be946505', password: 'Nikola#Secure22' },
  milos: { id: '27c5e47361af401987d5a7f0cbba3d99', password: 'Milos@2025' },
  jelena: { id: '5fc9abf5f4af446c9e65ae3197b02b35', password: 'Jelena$Care99' },
} as const;
