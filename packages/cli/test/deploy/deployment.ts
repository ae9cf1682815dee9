/**
 * The deployment of docs/operations.md, step by step, on one machine: each host is a network
 * namespace of a test network (network.ts). The numbered methods are the document's numbered
 * sections; they run the same commands with the same flags and variables.
 *
 *   node-a node-b node-c   validators, wss:// between them with certificates of the test CA
 *   db                     PostgreSQL 15 (a private instance)
 *   api-1 api-2            `chartproof api` on that database, nodes over wss://
 *   lb                     HAProxy, https:// in front of both API servers
 *   client                 where requests come from (a fetch agent)
 */
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Genesis, parseGenesis } from '@chartproof/ledger';
import { waitFor } from '../../../node/test/harness.js';
import { HttpClient } from './client.js';
import { startHaproxy } from './haproxy.js';
import { type HostProcess, Network } from './network.js';
import type { HostSpec } from './network-plan.js';
import { TestCa } from './pki.js';
import { TestPostgres } from './postgres.js';

export const CLI = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

export const NODES = ['node-a', 'node-b', 'node-c'] as const;
export const APIS = ['api-1', 'api-2'] as const;
export const NODE_PORT = 5001;
export const API_PORT = 5000;
export type NodeName = (typeof NODES)[number];
export type ApiName = (typeof APIS)[number];

export const HOSTS: readonly HostSpec[] = [
  { name: 'node-a', octet: 11 },
  { name: 'node-b', octet: 12 },
  { name: 'node-c', octet: 13 },
  { name: 'db', octet: 20 },
  { name: 'api-1', octet: 31 },
  { name: 'api-2', octet: 32 },
  { name: 'lb', octet: 40 },
  { name: 'client', octet: 50 },
];

export interface NodeStatusView {
  readonly genesis: string;
  readonly height: number;
  readonly tip: string;
  readonly validator: boolean;
  readonly peers: ReadonlyArray<{ key: string }>;
}

/** `KEY=value` lines, the format of systemd's EnvironmentFile= that docs/operations.md uses. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`not KEY=value: ${JSON.stringify(line)}`);
    env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

export class Deployment {
  readonly processes = new Map<string, HostProcess>();
  client!: HttpClient;
  genesis!: Genesis;
  ca!: TestCa;
  db!: TestPostgres;
  private nodeKeys = new Map<NodeName, string>();
  /** §5/§12: the scrape secret every API server and node takes as METRICS_TOKEN. */
  readonly metricsToken = randomBytes(24).toString('base64url');

  private constructor(
    readonly net: Network,
    /** One folder per host (what that host's disk would hold), plus the CA workstation's. */
    readonly root: string,
  ) {}

  /** The hosts of the deployment, nothing running yet; `start()` runs the steps. */
  static create(): Deployment {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npx tsc -b first`);
    const net = Network.create(HOSTS);
    return new Deployment(net, mkdtempSync(join(tmpdir(), 'cpdeploy-')));
  }

  /** Every step of docs/operations.md §1–§6; on any failure everything made so far is removed. */
  async start(): Promise<void> {
    try {
      this.keysAndGenesis();
      this.certificates();
      this.client = await HttpClient.start(this.net, 'client', this.ca.cert);
      await this.startNodes();
      await this.startDatabase();
      await this.startApis();
      await this.startBalancer();
    } catch (e) {
      await this.down();
      throw e;
    }
  }

  dir(host: string): string {
    const path = join(this.root, host);
    mkdirSync(path, { recursive: true, mode: 0o700 });
    return path;
  }

  /** `chartproof …` on a host, to completion; its stdout. */
  chartproof(host: string, args: readonly string[]): string {
    return this.net.run(host, process.execPath, [CLI, ...args]);
  }

  nodeUrl(node: NodeName): string {
    return `wss://${this.net.address(node)}:${NODE_PORT}`;
  }

  nodeHttp(node: NodeName): string {
    return `https://${this.net.address(node)}:${NODE_PORT}`;
  }

  apiUrl(api: ApiName): string {
    return `http://${this.net.address(api)}:${API_PORT}`;
  }

  get lbUrl(): string {
    return `https://${this.net.address('lb')}`;
  }

  /** §1 Keys and the genesis: the central authority's key on an offline workstation, one node
   *  key made on each node host (only public keys leave it), the genesis from public keys. */
  keysAndGenesis(): void {
    const workstation = this.dir('ca-workstation');
    const caPublic = this.chartproof('client', ['keygen', '--out', join(workstation, 'ca.json')]).trim();
    for (const node of NODES) {
      const pub = this.chartproof(node, ['keygen', '--out', join(this.dir(node), 'node.json')]).trim();
      this.nodeKeys.set(node, pub);
    }
    const genesisFile = join(workstation, 'genesis.json');
    this.chartproof('client', [
      'genesis',
      '--ca',
      caPublic,
      ...NODES.flatMap((n) => ['--validator', this.nodeKeys.get(n)!]),
      '--network',
      'chartproof-deploy-test',
      '--out',
      genesisFile,
    ]);
    for (const host of [...NODES, ...APIS]) copyFileSync(genesisFile, join(this.dir(host), 'genesis.json'));
    // Until issue #14: every API server signs registrations with the central authority's key.
    for (const api of APIS) {
      copyFileSync(join(workstation, 'ca.json'), join(this.dir(api), 'central-authority.json'));
    }
    this.genesis = parseGenesis(JSON.parse(readFileSync(genesisFile, 'utf8')));
  }

  /** §2 TLS: the hospitals' CA certifies each node (and the balancer) for the name clients dial. */
  certificates(): void {
    this.ca = new TestCa(join(this.root, 'hospitals-ca'));
    for (const node of NODES) this.ca.issue(node, this.net.address(node), join(this.dir(node), 'tls'));
    const lb = this.ca.issue('lb', this.net.address('lb'), join(this.dir('lb'), 'tls'));
    writeFileSync(
      join(this.dir('lb'), 'chartproof.pem'),
      readFileSync(lb.cert, 'utf8') + readFileSync(lb.key, 'utf8'),
      { mode: 0o600 },
    );
    for (const host of [...NODES, ...APIS, 'client'])
      copyFileSync(this.ca.cert, join(this.dir(host), 'hospitals-ca.pem'));
  }

  nodeArgs(node: NodeName): string[] {
    const dir = this.dir(node);
    return [
      CLI,
      'node',
      '--host',
      '0.0.0.0',
      '--port',
      String(NODE_PORT),
      '--genesis',
      join(dir, 'genesis.json'),
      '--key',
      join(dir, 'node.json'),
      '--data',
      join(dir, 'chain'),
      '--tls-cert',
      join(dir, 'tls', `${node}.pem`),
      '--tls-key',
      join(dir, 'tls', `${node}.key`),
      '--tls-ca',
      join(dir, 'hospitals-ca.pem'),
      '--advertise',
      this.nodeUrl(node),
      '--peers',
      NODES.filter((n) => n !== node)
        .map((n) => this.nodeUrl(n))
        .join(','),
      '--log-level',
      'info',
    ];
  }

  /** Starts (or restarts) a node; `nodeFlags`/`env` go to Node.js itself (e.g. a preload). */
  async startNode(
    node: NodeName,
    nodeFlags: readonly string[] = [],
    env: Readonly<Record<string, string>> = {},
  ): Promise<HostProcess> {
    const p = this.net.spawn(node, node, process.execPath, [...nodeFlags, ...this.nodeArgs(node)], {
      METRICS_TOKEN: this.metricsToken,
      ...env,
    });
    this.processes.set(node, p);
    await p.ready(/listening on/, 30_000);
    return p;
  }

  async nodeStatus(node: NodeName): Promise<NodeStatusView> {
    const r = await this.client.get(`${this.nodeHttp(node)}/status`);
    if (r.status !== 200) throw new Error(`${node} /status: ${r.status} ${r.text}`);
    return r.body as NodeStatusView;
  }

  /** §3 Nodes: each joins the other two over wss://. */
  async startNodes(): Promise<void> {
    await Promise.all(NODES.map((n) => this.startNode(n)));
    for (const node of NODES) {
      await waitFor(
        `${node} to have both peers`,
        async () => (await this.nodeStatus(node)).peers.length === 2,
        30_000,
      );
    }
  }

  /** §4 PostgreSQL: a role and database of the API's, reachable from the API hosts only. */
  async startDatabase(): Promise<void> {
    this.db = await TestPostgres.create(this.net, {
      host: 'db',
      port: 5432,
      database: 'chartproof',
      user: 'chartproof',
      password: randomBytes(18).toString('base64url'),
      clients: [...APIS],
    });
  }

  /** The environment file of §5 for one API server (mode 0600). */
  writeApiEnv(api: ApiName, secrets: { master: string; jwt: string }, demo: boolean): string {
    const dir = this.dir(api);
    // Each server dials the nodes in its own order, so their connections spread over the nodes.
    const order = api === 'api-1' ? NODES : ([...NODES.slice(1), NODES[0]] as const);
    const lines = [
      `HOST=0.0.0.0`,
      `PORT=${API_PORT}`,
      `DATABASE_URL=${this.db.url}`,
      `PEER_FOR_COMMUNICATION=${order.map((n) => this.nodeUrl(n)).join(',')}`,
      `NODE_EXTRA_CA_CERTS=${join(dir, 'hospitals-ca.pem')}`,
      `CHARTPROOF_DATA=${join(dir, 'data')}`,
      `CHARTPROOF_GENESIS=${join(dir, 'genesis.json')}`,
      `CHARTPROOF_CA_KEY=${join(dir, 'central-authority.json')}`,
      `CHARTPROOF_MASTER_KEY=${secrets.master}`,
      `JWT_SECRET=${secrets.jwt}`,
      `CHARTPROOF_WEB_DIR=${WEB_DIST}`,
      `CHARTPROOF_DEMO=${demo}`,
      `TRUST_PROXY=${this.net.address('lb')}`,
      `METRICS_TOKEN=${this.metricsToken}`,
      `LOG_LEVEL=warn`,
    ];
    const file = join(dir, 'chartproof.env');
    writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
    return file;
  }

  /** The API server's environment: its file of §5, with `override` on top. */
  apiEnv(api: ApiName, override: Readonly<Record<string, string>> = {}): Record<string, string> {
    return { ...parseEnvFile(readFileSync(join(this.dir(api), 'chartproof.env'), 'utf8')), ...override };
  }

  async startApi(api: ApiName): Promise<HostProcess> {
    const p = this.net.spawn(api, api, process.execPath, [CLI, 'api'], this.apiEnv(api));
    this.processes.set(api, p);
    await p.ready(/api listening on/, 60_000);
    return p;
  }

  /**
   * §5 API servers: one master key and one JWT secret for all; the first seeds the demo. Both
   * listen beyond loopback on a database with the demo users, so both name demo mode (issue #14).
   */
  async startApis(): Promise<void> {
    const secrets = {
      master: randomBytes(32).toString('hex'),
      jwt: randomBytes(32).toString('hex'),
    };
    this.writeApiEnv('api-1', secrets, true);
    this.writeApiEnv('api-2', secrets, true);
    await this.startApi('api-1');
    await waitFor(
      'the demo data on chain',
      async () => (await this.client.get(`${this.apiUrl('api-1')}/api/health`)).body?.demo === 'ready',
      120_000,
      500,
    );
    await this.startApi('api-2');
  }

  /** §6 HAProxy: https:// in front of both API servers, health-checked. */
  async startBalancer(): Promise<void> {
    const dir = this.dir('lb');
    const p = startHaproxy(this.net, 'lb', dir, {
      bind: `${this.net.address('lb')}:443`,
      certificate: join(dir, 'chartproof.pem'),
      servers: APIS.map((a) => ({ name: a, address: `${this.net.address(a)}:${API_PORT}` })),
    });
    this.processes.set('lb', p);
    await waitFor(
      'HAProxy to pass requests',
      async () => (await this.client.get(`${this.lbUrl}/api/health`)).status === 200,
      30_000,
    );
  }

  /** Stops everything by PID (last started first), removes the namespaces and the files. */
  async down(): Promise<void> {
    try {
      await this.net.destroy();
    } finally {
      await this.db?.destroy();
      rmSync(this.root, { recursive: true, force: true });
    }
  }
}
