/**
 * Chain nodes as child processes of the `chartproof node` CLI on 127.0.0.1: random ports, data in
 * a temporary directory, output kept in a log file there. Only the processes started here are
 * stopped, by their PID (SIGTERM, then SIGKILL if they linger), and the directory is removed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeKeyFile, type GenesisDoc, type KeyPair, parseGenesis } from '@chartproof/ledger';
import { NodeRpcClient, type RpcClientAuth } from '../rpc/rpc-client.js';
import { sleep } from './measure.js';

/** The CLI entry point, built by `npx tsc -b` beside this package. */
export const CLI_MAIN = fileURLToPath(new URL('../../../cli/dist/main.js', import.meta.url));

export interface NodeProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  readonly url: string;
  readonly port: number;
  readonly rpc: NodeRpcClient;
  /** How the cluster's clients authenticate to the node's RPC; undefined: they do not. */
  readonly auth: RpcClientAuth | undefined;
  readonly logPath: string;
  /** ms from spawn until the node printed its listening line. */
  readonly startMs: number;
}

export interface StartNodeOptions {
  readonly name: string;
  readonly key: KeyPair;
  readonly peers?: readonly string[];
  readonly dataDir?: string;
  readonly mine?: boolean;
  readonly discover?: boolean;
  readonly startTimeoutMs?: number;
}

export class Cluster {
  readonly dir: string;
  readonly genesisPath: string;
  readonly nodes: NodeProcess[] = [];
  readonly auth: RpcClientAuth | undefined;
  private cleaned = false;

  constructor(
    readonly label: string,
    genesis: GenesisDoc,
    /** A key the chain accepts on the RPC (its central authority, say): submissions need one. */
    rpcKey?: KeyPair,
  ) {
    this.auth = rpcKey !== undefined ? { genesis: parseGenesis(genesis), key: rpcKey } : undefined;
    this.dir = mkdtempSync(join(tmpdir(), `chartproof-bench-${label}-`));
    this.genesisPath = join(this.dir, 'genesis.json');
    writeFileSync(this.genesisPath, JSON.stringify(genesis));
    live.add(this);
  }

  async start(o: StartNodeOptions): Promise<NodeProcess> {
    if (!existsSync(CLI_MAIN)) throw new Error(`${CLI_MAIN} is missing: run \`npx tsc -b\` first`);
    const keyPath = join(this.dir, `${o.name}.key.json`);
    writeFileSync(keyPath, JSON.stringify(encodeKeyFile(o.key)), { mode: 0o600 });
    const dataDir = o.dataDir ?? join(this.dir, `${o.name}-data`);
    const logPath = join(this.dir, `${o.name}.log`);
    // For profiling the nodes: CHARTPROOF_BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
    const nodeFlags = (process.env.CHARTPROOF_BENCH_NODE_FLAGS ?? '').split(/\s+/).filter((f) => f !== '');
    const args = [
      ...nodeFlags,
      CLI_MAIN,
      'node',
      '--port',
      '0',
      '--data',
      dataDir,
      '--genesis',
      this.genesisPath,
      '--key',
      keyPath,
      '--log-level',
      'warn',
    ];
    if (o.peers !== undefined && o.peers.length > 0) args.push('--peers', o.peers.join(','));
    if (o.mine === false) args.push('--no-mine');
    if (o.discover === false) args.push('--no-discover');
    const log = openSync(logPath, 'a');
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', log] });
    if (child.pid === undefined) throw new Error(`could not start node ${o.name}`);
    const pid = child.pid;
    const url = await new Promise<string>((resolve, reject) => {
      let out: string | null = '';
      const timer = setTimeout(
        () => reject(new Error(`node ${o.name} did not start within ${o.startTimeoutMs ?? 120_000} ms`)),
        o.startTimeoutMs ?? 120_000,
      );
      child.stdout!.on('data', (chunk: Buffer) => {
        writeFileSync(logPath, chunk, { flag: 'a' });
        if (out === null) return;
        out += chunk.toString();
        const m = /listening on (wss?:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m !== null) {
          out = null;
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`node ${o.name} exited (${code ?? signal}) before listening; log: ${logPath}`));
      });
    }).catch((e: Error) => {
      // Keep the process bookkeeping so that cleanup still stops it.
      this.nodes.push({
        name: o.name,
        child,
        pid,
        url: '',
        port: 0,
        rpc: new NodeRpcClient('ws://127.0.0.1:1'),
        auth: this.auth,
        logPath,
        startMs: 0,
      });
      throw new Error(`${e.message}\n${tail(logPath)}`);
    });
    const startMs = performance.now() - started;
    const node: NodeProcess = {
      name: o.name,
      child,
      pid,
      url,
      port: Number(url.split(':').pop()),
      rpc: new NodeRpcClient(url, { timeoutMs: 300_000, ...authOption(this.auth) }),
      auth: this.auth,
      logPath,
      startMs,
    };
    this.nodes.push(node);
    return node;
  }

  /** Stops every node started here (by PID) and removes the directory. */
  async cleanup(): Promise<void> {
    if (this.cleaned) return;
    this.cleaned = true;
    live.delete(this);
    await Promise.all(this.nodes.map((n) => n.rpc.close().catch(() => undefined)));
    await Promise.all(this.nodes.map((n) => stopProcess(n.child, n.pid)));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function stopProcess(child: ChildProcess, pid: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const done = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!done) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited;
  }
}

/** `auth` for NodeRpcClient options, when there is one. */
export function authOption(auth: RpcClientAuth | undefined): { auth?: RpcClientAuth } {
  return auth !== undefined ? { auth } : {};
}

function tail(path: string, lines = 20): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

const live = new Set<Cluster>();

/** Stops every cluster still running (on an error or a signal); synchronous kill for `exit`. */
export async function cleanupAll(): Promise<void> {
  await Promise.all([...live].map((c) => c.cleanup()));
}

process.once('exit', () => {
  for (const c of live) {
    for (const n of c.nodes) {
      if (n.child.exitCode === null && n.child.signalCode === null) {
        try {
          process.kill(n.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    rmSync(c.dir, { recursive: true, force: true });
  }
});
