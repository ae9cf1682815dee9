/**
 * The system under test, as separate processes on 127.0.0.1: three `chartproof node` validators
 * (the node bench's Cluster) and one `chartproof api` on a fresh store (a PGlite directory in the
 * cluster's temporary directory, or a scratch database created on the PostgreSQL server of
 * DATABASE_URL and dropped afterwards). Only processes started here are stopped, by their PID.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ConsensusParams,
  createGenesis,
  encodeKeyFile,
  type GenesisDoc,
  generateKeyPair,
  type KeyPair,
} from '@chartproof/ledger';
import { CLI_MAIN, Cluster, type NodeProcess, sleep, stopProcess, waitFor } from '@chartproof/node/bench';
import pg from 'pg';
import { withoutApiSettings } from '../config.js';
import { migrate, openDatabase } from '../db/database.js';
import { Accounts } from '../services/accounts.js';

export type Store = 'postgres' | 'pglite';

/** The central authority the bench provisions (its key is the genesis's, in a file of the bench). */
export const BENCH_CA = { id: 'b0000000000000000000000000000ca1', name: 'Bench Central Authority' } as const;

export interface Stack {
  readonly store: Store;
  readonly genesis: GenesisDoc;
  readonly nodes: readonly NodeProcess[];
  readonly apiUrl: string;
  readonly apiPid: number;
  readonly caPassword: string;
  /** Where the store lives, for the output. */
  readonly storeLabel: string;
  /** PostgreSQL only: the scratch database. */
  readonly databaseUrl?: string;
  readonly logDir: string;
  stop(): Promise<void>;
}

/** A database of its own on the server of `adminUrl`: created now, dropped by `drop`. */
async function scratchDatabase(
  adminUrl: string,
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `chartproof_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
      await c.connect();
      try {
        // After the growth step an autovacuum worker may hold the database for a while: a role
        // without superuser cannot terminate it, so the drop waits for it to finish (at most 2 min).
        for (let attempt = 1; ; attempt++) {
          try {
            await c.query(`drop database if exists ${name} with (force)`);
            return;
          } catch (e) {
            if ((e as { code?: string }).code !== '42501' || attempt >= 40) throw e;
            await sleep(3000);
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * The central authority's row, written before the API starts (the API seeds one only with its
 * demo data, which the bench keeps off): the API's own migrations and password hashing, as an
 * operator provisioning step. Everything else is created through the HTTP API.
 */
async function provisionCentralAuthority(target: { url: string } | { dir: string }, password: string) {
  const database = await openDatabase(target);
  try {
    await migrate(database.db);
    // createCentralAuthority touches only the database.
    await new Accounts({ db: database.db } as ConstructorParameters<
      typeof Accounts
    >[0]).createCentralAuthority(BENCH_CA.id, BENCH_CA.name, password);
  } finally {
    await database.close();
  }
}

interface ApiChild {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly url: string;
}

const liveApis = new Set<ApiChild>();
const liveStacks = new Set<() => Promise<void>>();

/** Stops every stack still running (an error or a signal): API, nodes, scratch database. */
export async function stopAllStacks(): Promise<void> {
  await Promise.all([...liveStacks].map((stop) => stop()));
}

async function spawnApi(env: Record<string, string>, logPath: string): Promise<ApiChild> {
  // For profiling: CHARTPROOF_BENCH_API_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
  const flags = (process.env.CHARTPROOF_BENCH_API_FLAGS ?? '').split(/\s+/).filter((f) => f !== '');
  const log = openSync(logPath, 'a');
  const child = spawn(process.execPath, [...flags, CLI_MAIN, 'api'], {
    env: { ...withoutApiSettings(process.env), ...env },
    stdio: ['ignore', 'pipe', log],
  });
  if (child.pid === undefined) throw new Error('could not start chartproof api');
  const pid = child.pid;
  let out = '';
  let exited: string | null = null;
  child.stdout!.on('data', (chunk: Buffer) => {
    writeFileSync(logPath, chunk, { flag: 'a' });
    if (out.length < 10_000) out += chunk.toString();
  });
  child.once('exit', (code, signal) => {
    exited = String(code ?? signal);
  });
  const tracked: { child: ChildProcess; pid: number; url: string } = { child, pid, url: '' };
  liveApis.add(tracked);
  tracked.url = await waitFor(
    'chartproof api to listen',
    () => {
      if (exited !== null) {
        const tail = readFileSync(logPath, 'utf8').trimEnd().split('\n').slice(-15).join('\n');
        throw new Error(`chartproof api exited (${exited}) before listening; log ${logPath}:\n${tail}`);
      }
      return /api listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    },
    60_000,
    50,
  );
  return tracked;
}

async function stopApi(a: ApiChild): Promise<void> {
  liveApis.delete(a);
  await stopProcess(a.child, a.pid);
}

process.once('exit', () => {
  for (const a of liveApis) {
    if (a.child.exitCode === null && a.child.signalCode === null) {
      try {
        process.kill(a.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});

export interface StackOptions {
  readonly store: Store;
  /** PostgreSQL only: the server on which the scratch database is created. */
  readonly databaseUrl?: string;
  readonly consensus?: Partial<ConsensusParams>;
}

/** Three validators, then the API on a fresh store; on any failure everything started is stopped. */
export async function startStack(o: StackOptions): Promise<Stack> {
  const ca = generateKeyPair();
  const validators: KeyPair[] = [0, 1, 2].map(() => generateKeyPair());
  const genesis = createGenesis({
    network: `chartproof-api-bench-${o.store}`,
    centralAuthority: ca.publicKey,
    validators: validators.map((v) => v.publicKey),
    ...(o.consensus !== undefined ? { consensus: o.consensus } : {}),
  });
  const cluster = new Cluster(`api-${o.store}`, genesis, ca);
  let api: ApiChild | null = null;
  let drop: (() => Promise<void>) | null = null;
  const stop = async () => {
    liveStacks.delete(stop);
    if (api !== null) await stopApi(api).catch(() => undefined);
    api = null;
    await cluster.cleanup();
    if (drop !== null)
      await drop().catch((e: Error) => console.error(`bench: dropping the scratch database: ${e.message}`));
    drop = null;
  };
  liveStacks.add(stop);
  try {
    const n0 = await cluster.start({ name: 'v0', key: validators[0]! });
    const n1 = await cluster.start({ name: 'v1', key: validators[1]!, peers: [n0.url] });
    const n2 = await cluster.start({ name: 'v2', key: validators[2]!, peers: [n0.url, n1.url] });
    const nodes = [n0, n1, n2];
    await waitFor(
      'the three nodes to connect to each other',
      async () => {
        const s = await Promise.all(nodes.map((n) => n.rpc.call<{ peers: unknown[] }>('status')));
        return s.every((x) => x.peers.length >= 2) ? true : undefined;
      },
      30_000,
    );

    const caPath = join(cluster.dir, 'central-authority.json');
    writeFileSync(caPath, JSON.stringify(encodeKeyFile(ca)), { mode: 0o600 });
    const dataDir = join(cluster.dir, 'api-data');
    const caPassword = randomBytes(12).toString('base64url');
    let storeLabel: string;
    let scratchUrl: string | undefined;
    const env: Record<string, string> = {
      PORT: '0',
      HOST: '127.0.0.1',
      CHARTPROOF_DATA: dataDir,
      CHARTPROOF_GENESIS: cluster.genesisPath,
      CHARTPROOF_CA_KEY: caPath,
      PEER_FOR_COMMUNICATION: nodes.map((n) => n.url).join(','),
      CHARTPROOF_DEMO: 'false',
      RATE_LIMIT_PER_MINUTE: '10000000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000000',
      LOG_LEVEL: 'warn',
    };
    if (o.store === 'postgres') {
      if (o.databaseUrl === undefined) throw new Error('the PostgreSQL stack needs DATABASE_URL');
      const scratch = await scratchDatabase(o.databaseUrl);
      drop = scratch.drop;
      env.DATABASE_URL = scratch.url;
      scratchUrl = scratch.url;
      const server = new URL(o.databaseUrl);
      storeLabel = `PostgreSQL at ${server.host} (server of DATABASE_URL, database ${server.pathname.slice(1)}): scratch database ${scratch.name}, created for this run and dropped after it`;
      await provisionCentralAuthority({ url: scratch.url }, caPassword);
    } else {
      const dir = join(dataDir, 'api', 'db');
      storeLabel = `PGlite (embedded, in a worker thread of the API process), fresh data directory ${dir}`;
      await provisionCentralAuthority({ dir }, caPassword);
    }
    api = await spawnApi(env, join(cluster.dir, 'api.log'));
    const started = api;
    return {
      store: o.store,
      genesis,
      nodes,
      apiUrl: started.url,
      apiPid: started.pid,
      caPassword,
      storeLabel,
      ...(scratchUrl !== undefined ? { databaseUrl: scratchUrl } : {}),
      logDir: cluster.dir,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
