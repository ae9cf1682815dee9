/**
 * A node's configuration from environment variables (and the `chartproof node` flags, which
 * override them), parsed by one zod schema, as the API's config.ts does. Every bad variable is
 * reported at once, by name, with the form it expects. Files (genesis, key, TLS) are read after.
 *
 * | variable                              | flag                     | default                      |
 * | CHARTPROOF_NODE_PORT                  | --port                   | 5001                         |
 * | CHARTPROOF_NODE_HOST                  | --host                   | 127.0.0.1                    |
 * | CHARTPROOF_NODE_PEERS                 | --peers                  | none                         |
 * | CHARTPROOF_NODE_DATA                  | --data                   | data/node-<port>             |
 * | CHARTPROOF_GENESIS                    | --genesis                | data/genesis.json            |
 * | CHARTPROOF_NODE_KEY                   | --key                    | data/keys/node-<port>.json, created if missing |
 * | CHARTPROOF_NODE_TLS_CERT / _TLS_KEY   | --tls-cert / --tls-key   | none: plain ws:// (loopback) |
 * | CHARTPROOF_NODE_TLS_CA                | --tls-ca                 | the system's                 |
 * | CHARTPROOF_NODE_ADVERTISE             | --advertise              | ws(s)://host:port            |
 * | CHARTPROOF_NODE_MINE                  | --no-mine                | true (validators mine)       |
 * | CHARTPROOF_NODE_DISCOVER              | --no-discover            | true                         |
 * | CHARTPROOF_NODE_ALLOW_PLAINTEXT_REMOTE| --allow-plaintext-remote | false                        |
 * | CHARTPROOF_NODE_LOG_LEVEL             | --log-level              | warn                         |
 * | METRICS_TOKEN                         |                          | unset: /metrics to loopback only |
 * | CHARTPROOF_NODE_RPC_MAX_CONNECTIONS   |                          | 64                           |
 * | CHARTPROOF_NODE_RPC_MAX_UNAUTHENTICATED |                        | 8 (fewer than the connections) |
 * | CHARTPROOF_NODE_RPC_AUTH_TIMEOUT_MS   |                          | 10000                        |
 * | CHARTPROOF_NODE_RPC_IDLE_TIMEOUT_MS   |                          | 300000                       |
 * | CHARTPROOF_NODE_RPC_MAX_IN_FLIGHT     |                          | 5000 (per connection)        |
 *
 * METRICS_TOKEN has the API's name on purpose: one scrape secret per host, whichever process serves.
 * The RPC limits (rpc/rpc-server.ts) keep strangers from holding the RPC: see PROTOCOL.md §7.
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { LogLevel } from './log.js';
import { defaultNodeOptions as defaults } from './options.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const WS_URL = /^wss?:\/\/[^\s/]+:\d{1,5}\/?$/;

const port = (min: number) =>
  z
    .string()
    .refine((s) => /^\d{1,5}$/.test(s) && Number(s) >= min && Number(s) <= 65535, {
      error: (i) => `expected an integer in ${min}..65535, got ${JSON.stringify(i.input)}`,
    })
    .transform(Number);

const int = (min: number, max: number) =>
  z
    .string()
    .refine((s) => /^\d{1,9}$/.test(s) && Number(s) >= min && Number(s) <= max, {
      error: (i) => `expected an integer in ${min}..${max}, got ${JSON.stringify(i.input)}`,
    })
    .transform(Number);

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no'], {
  error: (i) => `expected true or false, got ${JSON.stringify(i.input)}`,
});
const path = z.string().min(1, 'expected a file path');

export const NodeEnvSchema = z
  .object({
    CHARTPROOF_NODE_PORT: port(0).optional(),
    CHARTPROOF_NODE_HOST: z.string().min(1, 'expected a host name or address').default('127.0.0.1'),
    CHARTPROOF_NODE_PEERS: z
      .string()
      .default('')
      .transform((s, ctx) => {
        const urls = s
          .split(',')
          .map((u) => u.trim())
          .filter((u) => u !== '');
        for (const url of urls) {
          if (!WS_URL.test(url)) {
            ctx.addIssue({
              code: 'custom',
              message: `${JSON.stringify(url)} is not ws://host:port or wss://host:port`,
            });
          }
        }
        return urls.map((u) => u.replace(/\/$/, ''));
      }),
    CHARTPROOF_NODE_DATA: path.optional(),
    CHARTPROOF_GENESIS: path.optional(),
    CHARTPROOF_NODE_KEY: path.optional(),
    CHARTPROOF_NODE_TLS_CERT: path.optional(),
    CHARTPROOF_NODE_TLS_KEY: path.optional(),
    CHARTPROOF_NODE_TLS_CA: path.optional(),
    CHARTPROOF_NODE_ADVERTISE: z
      .string()
      .regex(
        /^wss?:\/\/[^\s/]+(:\d{1,5})?\/?$/,
        'expected the URL peers dial, ws://host:port or wss://host:port',
      )
      .optional(),
    CHARTPROOF_NODE_MINE: bool.default('true'),
    CHARTPROOF_NODE_DISCOVER: bool.default('true'),
    CHARTPROOF_NODE_ALLOW_PLAINTEXT_REMOTE: bool.default('false'),
    CHARTPROOF_NODE_LOG_LEVEL: z
      .enum(LOG_LEVELS, { error: () => `expected one of ${LOG_LEVELS.join(', ')}` })
      .default('warn'),
    /** Bearer token for /metrics from other hosts (http/metrics-access.ts). */
    METRICS_TOKEN: z.string().min(16, 'at least 16 characters').max(512).optional(),
    CHARTPROOF_NODE_RPC_MAX_CONNECTIONS: int(1, 10_000).default(defaults.rpcMaxConnections),
    CHARTPROOF_NODE_RPC_MAX_UNAUTHENTICATED: int(1, 10_000).default(defaults.rpcMaxUnauthenticated),
    CHARTPROOF_NODE_RPC_AUTH_TIMEOUT_MS: int(100, 600_000).default(defaults.rpcAuthTimeoutMs),
    CHARTPROOF_NODE_RPC_IDLE_TIMEOUT_MS: int(1000, 86_400_000).default(defaults.rpcIdleTimeoutMs),
    CHARTPROOF_NODE_RPC_MAX_IN_FLIGHT: int(1, 100_000).default(defaults.rpcMaxInFlight),
  })
  .superRefine(
    (env, ctx) => {
      const cert = env.CHARTPROOF_NODE_TLS_CERT !== undefined;
      const key = env.CHARTPROOF_NODE_TLS_KEY !== undefined;
      if (cert !== key) {
        ctx.addIssue({
          code: 'custom',
          path: [cert ? 'CHARTPROOF_NODE_TLS_KEY' : 'CHARTPROOF_NODE_TLS_CERT'],
          message: 'the TLS certificate and key go together: give both or neither',
        });
      }
      // Unauthenticated connections must leave room for the authenticated ones (judged only when
      // both parsed: a field that failed still holds its input string here).
      const max: unknown = env.CHARTPROOF_NODE_RPC_MAX_CONNECTIONS;
      const strangers: unknown = env.CHARTPROOF_NODE_RPC_MAX_UNAUTHENTICATED;
      if (typeof max === 'number' && typeof strangers === 'number' && strangers >= max) {
        ctx.addIssue({
          code: 'custom',
          path: ['CHARTPROOF_NODE_RPC_MAX_UNAUTHENTICATED'],
          message: `must be less than CHARTPROOF_NODE_RPC_MAX_CONNECTIONS (${max}), so that authenticated clients always find a slot`,
        });
      }
      // Checked even when other fields failed (it reads only whether two are given), so that every
      // problem is reported at once.
    },
    { when: () => true },
  );
export type NodeEnv = z.output<typeof NodeEnvSchema>;
export type NodeEnvName = keyof z.input<typeof NodeEnvSchema>;

export interface NodeConfigIssue {
  readonly name: NodeEnvName | '(root)';
  readonly message: string;
}

export class NodeConfigError extends Error {
  override readonly name = 'NodeConfigError';
  constructor(readonly issues: readonly NodeConfigIssue[]) {
    super(`invalid configuration:\n  ${issues.map((i) => `${i.name}: ${i.message}`).join('\n  ')}`);
  }
}

/** Paths and switches of a node, before its files are read. */
export interface NodeConfig {
  readonly port: number;
  readonly host: string;
  readonly peers: readonly string[];
  readonly dataDir: string;
  readonly genesisPath: string;
  /** null: `data/keys/node-<port>.json`, created on first start. */
  readonly keyPath: string | null;
  readonly defaultKeyPath: string;
  readonly tls: {
    readonly certPath: string;
    readonly keyPath: string;
    readonly caPath: string | null;
  } | null;
  readonly advertise: string | null;
  readonly mine: boolean;
  readonly discover: boolean;
  readonly allowPlaintextRemote: boolean;
  readonly logLevel: LogLevel;
  /** null: /metrics answers loopback callers only. */
  readonly metricsToken: string | null;
  readonly rpc: {
    readonly maxConnections: number;
    readonly maxUnauthenticated: number;
    readonly authTimeoutMs: number;
    readonly idleTimeoutMs: number;
    readonly maxInFlight: number;
  };
}

const yes = (s: string) => s === 'true' || s === '1' || s === 'yes';

/** Every problem at once; `defaultPort` applies when no port is given (5001, or the short form's). */
export function parseNodeConfig(
  env: Record<string, string | undefined>,
  { dataRoot = 'data', defaultPort = 5001 } = {},
): NodeConfig {
  const r = NodeEnvSchema.safeParse(env);
  if (!r.success) {
    throw new NodeConfigError(
      r.error.issues.map((i) => ({
        name: (i.path[0] as NodeEnvName | undefined) ?? '(root)',
        message: i.message,
      })),
    );
  }
  const e = r.data;
  const p = e.CHARTPROOF_NODE_PORT ?? defaultPort;
  const cert = e.CHARTPROOF_NODE_TLS_CERT;
  const key = e.CHARTPROOF_NODE_TLS_KEY;
  return {
    port: p,
    host: e.CHARTPROOF_NODE_HOST,
    peers: e.CHARTPROOF_NODE_PEERS,
    dataDir: e.CHARTPROOF_NODE_DATA ?? join(dataRoot, `node-${p}`),
    genesisPath: e.CHARTPROOF_GENESIS ?? join(dataRoot, 'genesis.json'),
    keyPath: e.CHARTPROOF_NODE_KEY ?? null,
    defaultKeyPath: join(dataRoot, 'keys', `node-${p}.json`),
    tls:
      cert !== undefined && key !== undefined
        ? { certPath: cert, keyPath: key, caPath: e.CHARTPROOF_NODE_TLS_CA ?? null }
        : null,
    advertise: e.CHARTPROOF_NODE_ADVERTISE ?? null,
    mine: yes(e.CHARTPROOF_NODE_MINE),
    discover: yes(e.CHARTPROOF_NODE_DISCOVER),
    allowPlaintextRemote: yes(e.CHARTPROOF_NODE_ALLOW_PLAINTEXT_REMOTE),
    logLevel: e.CHARTPROOF_NODE_LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN ?? null,
    rpc: {
      maxConnections: e.CHARTPROOF_NODE_RPC_MAX_CONNECTIONS,
      maxUnauthenticated: e.CHARTPROOF_NODE_RPC_MAX_UNAUTHENTICATED,
      authTimeoutMs: e.CHARTPROOF_NODE_RPC_AUTH_TIMEOUT_MS,
      idleTimeoutMs: e.CHARTPROOF_NODE_RPC_IDLE_TIMEOUT_MS,
      maxInFlight: e.CHARTPROOF_NODE_RPC_MAX_IN_FLIGHT,
    },
  };
}
