/**
 * The API server's configuration: environment variables (and the `chartproof api` flags, which
 * override them), parsed by one zod schema. Every bad variable is reported at once, by name.
 *
 * | variable                 | default                                   |
 * | PORT                     | 5000                                      |
 * | HOST                     | 127.0.0.1                                 |
 * | CHARTPROOF_DATA          | ./data (PGlite in <data>/api/db)          |
 * | DATABASE_URL             | unset: embedded PGlite                    |
 * | PEER_FOR_COMMUNICATION   | ws://127.0.0.1:5001                       |
 * | CHARTPROOF_GENESIS       | <data>/genesis.json                       |
 * | CHARTPROOF_CA_KEY        | <data>/keys/central-authority.json        |
 * | CHARTPROOF_MASTER_KEY    | generated in <data>/api/master.key (0600) |
 * | JWT_SECRET               | generated in <data>/api/jwt.secret (0600) |
 * | CORS_ORIGINS             | http://localhost:5173,http://127.0.0.1:5173 |
 * | CHARTPROOF_WEB_DIR       | packages/web/dist when it exists          |
 * | CHARTPROOF_DEMO          | true: seed the demo data into an empty database; beyond loopback it must be set explicitly |
 * | LOG_LEVEL                | info                                      |
 * | RATE_LIMIT_PER_MINUTE    | 3000 requests per address                 |
 * | LOGIN_RATE_LIMIT_PER_MINUTE | 30 logins per address                  |
 * | METRICS_TOKEN            | unset: /metrics answers loopback callers only |
 * | TRUST_PROXY              | unset: X-Forwarded-For is never believed   |
 */
import { isIP } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';

const list = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== ''),
);

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((s) => s === 'true' || s === '1' || s === 'yes');

export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(5000),
  HOST: z.string().min(1).default('127.0.0.1'),
  CHARTPROOF_DATA: z.string().min(1).default('data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected postgres://user:password@host:port/database')
    .optional(),
  PEER_FOR_COMMUNICATION: list
    .pipe(
      z
        .array(
          z.string().regex(/^wss?:\/\/[^\s/]+(:\d{1,5})?\/?$/, 'expected ws://host:port or wss://host:port'),
        )
        .min(1, 'expected at least one node URL'),
    )
    .default(['ws://127.0.0.1:5001']),
  CHARTPROOF_GENESIS: z.string().min(1).optional(),
  CHARTPROOF_CA_KEY: z.string().min(1).optional(),
  CHARTPROOF_MASTER_KEY: z.string().optional(),
  JWT_SECRET: z.string().optional(),
  CORS_ORIGINS: list
    .pipe(
      z.array(z.string().regex(/^https?:\/\/[^\s/]+$/, 'expected an origin such as http://localhost:5173')),
    )
    .default(['http://localhost:5173', 'http://127.0.0.1:5173']),
  CHARTPROOF_WEB_DIR: z.string().min(1).optional(),
  CHARTPROOF_DEMO: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).optional(),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).optional(),
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').max(512).optional(),
  /**
   * The load balancers whose X-Forwarded-For is believed (addresses or CIDR ranges): behind
   * HAProxy, rate limits, login throttling and the audit log's addresses then see the client,
   * not the proxy. Anyone else's header is ignored, so a client cannot pick its own address.
   */
  TRUST_PROXY: list
    .pipe(
      z.array(z.string().refine(isAddressOrRange, 'expected IP addresses or CIDR ranges, comma-separated')),
    )
    .optional(),
});
export type Env = z.infer<typeof EnvSchema>;

function isAddressOrRange(s: string): boolean {
  const [address, bits, ...rest] = s.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

export interface ApiConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** null: embedded PGlite under `<dataDir>/api/db`. */
  readonly databaseUrl: string | null;
  readonly nodeUrls: readonly string[];
  readonly genesisPath: string;
  readonly caKeyPath: string;
  readonly masterKey: string | null;
  readonly jwtSecret: string | null;
  readonly corsOrigins: readonly string[];
  readonly webDir: string | null;
  readonly demo: boolean;
  /**
   * Demo mode asked for by name (CHARTPROOF_DEMO=true, `--demo`), not taken by default: only
   * then may an API listening beyond loopback hold the demo users (services/demo-exposure.ts).
   */
  readonly demoExplicit?: boolean;
  readonly logLevel: Env['LOG_LEVEL'];
  /** Bearer token for /metrics; null: /metrics answers loopback callers only. */
  readonly metricsToken: string | null;
  /** Proxies whose X-Forwarded-For is believed; empty: none. */
  readonly trustProxy: readonly string[];
  readonly limits: Limits;
}

export interface Limits {
  /** Login attempts per address per minute. */
  readonly loginPerMinute: number;
  /** Failed logins per (user id, address) before each further try waits (login-throttle.ts). */
  readonly loginFreeFailures: number;
  /** The first wait after those; it doubles with each failure, up to `loginDelayMaxMs`. */
  readonly loginDelayBaseMs: number;
  readonly loginDelayMaxMs: number;
  /** Failed logins per user id in `loginLockMs` from all addresses (no one address can reach it). */
  readonly loginFailuresPerUser: number;
  readonly loginLockMs: number;
  /** Requests per address per minute on every other route. */
  readonly requestsPerMinute: number;
  /** How often audit entries are committed on chain. */
  readonly checkpointIntervalMs: number;
  /** How often pending rows are retried against the chain. */
  readonly reconcileIntervalMs: number;
  readonly bodyLimitBytes: number;
}

export const defaultLimits: Limits = {
  loginPerMinute: 30,
  loginFreeFailures: 5,
  loginDelayBaseMs: 1_000,
  loginDelayMaxMs: 15 * 60_000,
  loginFailuresPerUser: 100,
  loginLockMs: 60 * 60_000,
  requestsPerMinute: 3000,
  checkpointIntervalMs: 5_000,
  reconcileIntervalMs: 15_000,
  bodyLimitBytes: 64 * 1024,
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Every problem at once, one per line: `PEER_FOR_COMMUNICATION: expected ws://host:port …`. */
export function parseEnv(env: Record<string, string | undefined>): Env {
  const r = EnvSchema.safeParse(env);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
}

/**
 * `env` without any of the API's own variables: the environment for a child process whose store,
 * keys and ports are chosen by its parent (a test, the bench), so that a DATABASE_URL or master
 * key exported in the shell never reaches an API meant to run on a fresh PGlite directory.
 */
export function withoutApiSettings(
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const out = { ...env };
  for (const name of Object.keys(EnvSchema.shape)) delete out[name];
  return out;
}

export function configFromEnv(env: Env, limits: Partial<Limits> = {}): ApiConfig {
  const data = env.CHARTPROOF_DATA;
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir: data,
    databaseUrl: env.DATABASE_URL ?? null,
    nodeUrls: env.PEER_FOR_COMMUNICATION.map((u) => u.replace(/\/$/, '')),
    genesisPath: env.CHARTPROOF_GENESIS ?? join(data, 'genesis.json'),
    caKeyPath: env.CHARTPROOF_CA_KEY ?? join(data, 'keys', 'central-authority.json'),
    masterKey: env.CHARTPROOF_MASTER_KEY ?? null,
    jwtSecret: env.JWT_SECRET ?? null,
    corsOrigins: env.CORS_ORIGINS,
    webDir: env.CHARTPROOF_WEB_DIR ?? null,
    demo: env.CHARTPROOF_DEMO ?? true,
    demoExplicit: env.CHARTPROOF_DEMO === true,
    logLevel: env.LOG_LEVEL,
    metricsToken: env.METRICS_TOKEN ?? null,
    trustProxy: env.TRUST_PROXY ?? [],
    limits: {
      ...defaultLimits,
      ...(env.RATE_LIMIT_PER_MINUTE !== undefined ? { requestsPerMinute: env.RATE_LIMIT_PER_MINUTE } : {}),
      ...(env.LOGIN_RATE_LIMIT_PER_MINUTE !== undefined
        ? { loginPerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE }
        : {}),
      ...limits,
    },
  };
}

/** The nodes' read-only HTTP base URLs (same port as their WebSocket). */
export function nodeHttpUrls(nodeUrls: readonly string[]): string[] {
  return nodeUrls.map((u) => u.replace(/^ws/, 'http'));
}
