/**
 * Cross-process test harness: each node is a real `chartproof node` child process on 127.0.0.1
 * with its own data directory, key file and the network's genesis file, all under one temporary
 * directory. Nodes are stopped by the PID this harness started (SIGTERM, then SIGKILL after a
 * timeout) and every process still running is killed when the test process exits, so a failing
 * test leaves nothing behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  encodeKeyFile,
  type Genesis,
  type GenesisDoc,
  type Id128,
  type PublicKey,
  parseGenesis,
  signTransaction,
  type Transaction,
} from '@chartproof/ledger';
import { testKey } from '@chartproof/ledger/testing';
import { afterAll, afterEach } from 'vitest';
import { NodeRpcClient, type RpcClientAuth } from '../src/rpc/rpc-client.js';

export const CLI = fileURLToPath(new URL('../../cli/dist/main.js', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** Every node process any network of this test process started and has not seen exit. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) if (child.pid !== undefined) killQuietly(child.pid, 'SIGKILL');
});

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

export interface NodeSpec {
  /** Short name for logs and the data directory: "a", "b", "c". */
  readonly name: string;
  /** Name for `testKey`: "validator-0" … are the genesis validators. */
  readonly keyName: string;
  readonly peers?: readonly string[];
  readonly advertise?: string;
  /** Off passes `--no-discover`: the node dials only its `peers`. */
  readonly discover?: boolean;
}

export interface NodeStatus {
  readonly height: number;
  readonly tip: string;
  readonly mempool: number;
  readonly syncing: boolean;
  readonly peers: ReadonlyArray<{ key: string; height: number; validator: boolean }>;
  readonly acknowledged_heights: Record<string, number>;
  readonly quorum: number;
}

export interface SubmitAnswer {
  readonly tx_id: string;
  readonly status: 'acknowledged' | 'pending';
  readonly block_hash?: string;
  readonly height?: number;
  readonly acknowledged_by?: readonly string[];
}

export interface TxAnswer {
  readonly tx_id: string;
  readonly status: 'pending' | 'mined' | 'acknowledged';
  readonly block_hash?: string;
  readonly height?: number;
}

/** One running (or stopped) node process. Restarting keeps its port, key and data directory. */
export class NodeProcess {
  child: ChildProcess;
  url = '';
  port = 0;
  /** Tip height the node printed at start-up: what it loaded from its own disk. */
  startHeight = -1;
  private client: NodeRpcClient | null = null;
  private exited: Promise<void>;

  constructor(
    readonly net: TestNetwork,
    readonly spec: NodeSpec,
    readonly dataDir: string,
    readonly keyPath: string,
    child: ChildProcess,
    readonly logPath: string,
  ) {
    this.child = child;
    this.exited = exitOf(child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  get publicKey(): string {
    return testKey(this.spec.keyName).publicKey;
  }

  get httpUrl(): string {
    return this.url.replace(/^ws/, 'http');
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** An RPC client for this node, created on first use and closed when the node stops. */
  get rpc(): NodeRpcClient {
    this.client ??= new NodeRpcClient(this.url, {
      timeoutMs: 70_000,
      reconnectMaxMs: 500,
      auth: this.net.clientAuth,
    });
    return this.client;
  }

  status(): Promise<NodeStatus> {
    return this.rpc.call<NodeStatus>('status', {}, 5_000);
  }

  submit(tx: Transaction, timeoutMs = 60_000): Promise<SubmitAnswer> {
    return this.rpc.call<SubmitAnswer>('submit', { tx, timeout_ms: timeoutMs }, timeoutMs + 10_000);
  }

  tx(txId: string): Promise<TxAnswer> {
    return this.rpc.call<TxAnswer>('tx', { tx_id: txId }, 5_000);
  }

  async http<T>(path: string): Promise<T> {
    const res = await fetch(`${this.httpUrl}${path}`, { signal: AbortSignal.timeout(5_000) });
    if (!res.ok) throw new Error(`GET ${path} on node ${this.spec.name}: ${res.status}`);
    return (await res.json()) as T;
  }

  /** SIGTERM (a clean shutdown), then SIGKILL if it has not exited within the timeout. */
  async stop(timeoutMs = STOP_TIMEOUT_MS): Promise<void> {
    await this.closeClient();
    if (!this.alive) return;
    killQuietly(this.pid, 'SIGTERM');
    const timer = setTimeout(() => killQuietly(this.pid, 'SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** kill -9: no shutdown code runs. */
  async kill(): Promise<void> {
    await this.closeClient();
    if (!this.alive) return;
    killQuietly(this.pid, 'SIGKILL');
    await this.exited;
  }

  /** Starts the node again on the same port, key and data directory. */
  async restart(): Promise<void> {
    if (this.alive) throw new Error(`node ${this.spec.name} is still running`);
    this.child = this.net.spawnProcess(this.spec, this.dataDir, this.keyPath, this.port, this.logPath);
    this.exited = exitOf(this.child);
    await this.waitListening();
  }

  /** Waits for the "listening on ws://…" line and the tip line that follows it. */
  async waitListening(): Promise<void> {
    const child = this.child;
    const { url, height } = await new Promise<{ url: string; height: number }>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(
        () => fail(new Error(`no "listening on" line within ${START_TIMEOUT_MS} ms`)),
        START_TIMEOUT_MS,
      );
      const fail = (e: Error) => {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        reject(new Error(`node ${this.spec.name} did not start: ${e.message}\n${this.logTail()}`));
      };
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        const listen = /listening on (wss?:\/\/[^\s]+)/.exec(out);
        const tip = /tip height (\d+)/.exec(out);
        if (listen === null || tip === null) return;
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        resolve({ url: listen[1]!, height: Number(tip[1]) });
      };
      const onExit = (code: number | null, signal: string | null) =>
        fail(new Error(`exited (code ${code}, signal ${signal})`));
      child.stdout?.on('data', onData);
      child.once('exit', onExit);
    });
    this.url = url;
    this.port = Number(new URL(url).port);
    this.startHeight = height;
  }

  logTail(lines = 40): string {
    if (!existsSync(this.logPath)) return '';
    const all = readFileSync(this.logPath, 'utf8').trimEnd().split('\n');
    return all
      .slice(-lines)
      .map((l) => `  [${this.spec.name}] ${l}`)
      .join('\n');
  }

  private async closeClient(): Promise<void> {
    const c = this.client;
    this.client = null;
    await c?.close();
  }
}

function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** A set of node processes sharing one genesis file under one temporary directory. */
export class TestNetwork {
  readonly root: string;
  readonly doc: GenesisDoc;
  readonly genesis: Genesis;
  readonly genesisPath: string;
  readonly nodes: NodeProcess[] = [];
  /** How test clients authenticate to the RPC: as the genesis central authority. */
  readonly clientAuth: RpcClientAuth;

  constructor(
    doc: GenesisDoc,
    /** Variables the node processes get besides the test's own (CHARTPROOF_NODE_RPC_*, say). */
    private readonly env: Readonly<Record<string, string>> = {},
  ) {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npx tsc -b" first`);
    this.root = mkdtempSync(join(tmpdir(), 'chartproof-int-'));
    this.doc = doc;
    this.genesis = parseGenesis(doc);
    this.clientAuth = { genesis: this.genesis, key: testKey('central-authority') };
    this.genesisPath = join(this.root, 'genesis.json');
    writeFileSync(this.genesisPath, JSON.stringify(doc));
  }

  dataDirOf(name: string): string {
    return join(this.root, `node-${name}`);
  }

  /** Starts a node on a free port and waits until it listens. */
  async start(spec: NodeSpec): Promise<NodeProcess> {
    const keyPath = join(this.root, `key-${spec.name}.json`);
    writeFileSync(keyPath, JSON.stringify(encodeKeyFile(testKey(spec.keyName))), { mode: 0o600 });
    const dataDir = this.dataDirOf(spec.name);
    const logPath = join(this.root, `${spec.name}.log`);
    const child = this.spawnProcess(spec, dataDir, keyPath, 0, logPath);
    const node = new NodeProcess(this, spec, dataDir, keyPath, child, logPath);
    this.nodes.push(node);
    await node.waitListening();
    return node;
  }

  /** The usual three validators a, b, c, each dialling those before it, connected to each other. */
  async startThree(): Promise<NodeProcess[]> {
    const a = await this.start({ name: 'a', keyName: 'validator-0' });
    const b = await this.start({ name: 'b', keyName: 'validator-1', peers: [a.url] });
    const c = await this.start({ name: 'c', keyName: 'validator-2', peers: [a.url, b.url] });
    const nodes = [a, b, c];
    await waitForPeers(nodes, 2);
    return nodes;
  }

  /** @internal used by start and restart */
  spawnProcess(
    spec: NodeSpec,
    dataDir: string,
    keyPath: string,
    port: number,
    logPath: string,
  ): ChildProcess {
    const args = [CLI, 'node', '--port', String(port), '--data', dataDir, '--genesis', this.genesisPath];
    args.push('--key', keyPath, '--log-level', process.env.CHARTPROOF_TEST_LOG_LEVEL ?? 'info');
    if (spec.peers !== undefined && spec.peers.length > 0) args.push('--peers', spec.peers.join(','));
    if (spec.advertise !== undefined) args.push('--advertise', spec.advertise);
    if (spec.discover === false) args.push('--no-discover');
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...this.env },
    });
    running.add(child);
    child.once('exit', () => running.delete(child));
    const log = createWriteStream(logPath, { flags: 'a' });
    log.write(`--- ${new Date().toISOString()} pid ${child.pid}: ${args.slice(1).join(' ')}\n`);
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    child.once('close', () => log.end());
    return child;
  }

  /** Stops every node (SIGTERM, then SIGKILL) and removes the temporary directory. */
  async cleanup(options: { printLogs?: boolean } = {}): Promise<void> {
    if (options.printLogs === true) {
      for (const n of this.nodes) {
        const status = n.alive ? await n.status().catch((e: Error) => e.message) : 'not running';
        console.log(
          `node ${n.spec.name} status ${JSON.stringify(status)}\nlog (${n.logPath}):\n${n.logTail()}`,
        );
      }
    }
    await Promise.allSettled(this.nodes.map((n) => n.stop(5_000)));
    if (process.env.CHARTPROOF_KEEP_TMP === undefined) {
      rmSync(this.root, { recursive: true, force: true });
    }
  }

  // ------------------------------------------------------------ transactions

  /**
   * A signed `account.register` of a fresh patient by the central authority: the cheapest
   * transaction to make in bulk. `tag` keeps accounts of different batches apart.
   */
  registerTx(tag: string, i: number): Transaction {
    const subject = BigInt(i).toString(16).padStart(32, '0') as Id128;
    return signTransaction(
      'account.register',
      { account: testKey(`acct-${tag}-${i}`).publicKey, role: 'patient', subject },
      testKey('central-authority'),
      this.genesis.hashBytes,
    );
  }

  /** A signed `account.register` of `account` with `role`, by the central authority. */
  accountTx(account: PublicKey, role: 'health_authority' | 'service', i: number): Transaction {
    return signTransaction(
      'account.register',
      { account, role, subject: BigInt(i).toString(16).padStart(32, 'a') as Id128 },
      testKey('central-authority'),
      this.genesis.hashBytes,
    );
  }

  registerTxs(tag: string, count: number): Transaction[] {
    return Array.from({ length: count }, (_, i) => this.registerTx(tag, i));
  }
}

// ------------------------------------------------------------ waiting

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs: number,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last !== undefined ? ` (last error: ${(last as Error).message})` : ''}`,
      );
    }
    await sleep(intervalMs);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits until every node reports `peers` ready peers (validators count only). */
export function waitForPeers(nodes: readonly NodeProcess[], peers: number, timeoutMs = 20_000) {
  return waitFor(
    `${nodes.map((n) => n.spec.name).join(',')} to have ${peers} peers`,
    async () => {
      const all = await Promise.all(nodes.map((n) => n.status()));
      return all.every((s) => s.peers.length >= peers);
    },
    timeoutMs,
  );
}

/** Waits until every node has the same tip (height and hash) and an empty mempool. */
export function waitForSameTip(nodes: readonly NodeProcess[], timeoutMs = 30_000, minHeight = 0) {
  return waitFor(
    `${nodes.map((n) => n.spec.name).join(',')} to agree on one tip`,
    async () => {
      const all = await Promise.all(nodes.map((n) => n.status()));
      const first = all[0]!;
      const same = all.every((s) => s.tip === first.tip && s.height === first.height && s.mempool === 0);
      return same && first.height >= minHeight ? { height: first.height, tip: first.tip } : undefined;
    },
    timeoutMs,
  );
}

/**
 * Registers, in the calling describe block, the clean-up every network test needs: stop the
 * nodes and remove their files after the suite, printing their status and logs if a test failed.
 * `first` runs before that (e.g. closing relays).
 */
export function cleanUpAfterSuite(net: TestNetwork, first?: () => Promise<void>): void {
  let failed = false;
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail') failed = true;
  });
  afterAll(async () => {
    await first?.();
    await net.cleanup({ printLogs: failed });
  });
}
