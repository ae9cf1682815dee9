/**
 * `buildApp(config)`: the whole API as a Fastify instance, not yet listening (server.ts listens),
 * so that tests drive it in-process with `inject()` or over a real socket on port 0.
 *
 * Start-up order: genesis and central-authority key from their files, the server's secrets, the
 * database and its migrations, then the services and routes. Background work (reconciliation,
 * audit checkpoints, demo data) starts with `startBackground()`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Genesis, type KeyPair, parseGenesis, parseKeyFile } from '@chartproof/ledger';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { Tokens } from './auth/jwt.js';
import { ChainClient } from './chain/chain-client.js';
import { type ApiConfig, ConfigError } from './config.js';
import type { AppContext } from './context.js';
import { Capabilities } from './crypto/capabilities.js';
import { type Db, migrate, openDatabase } from './db/database.js';
import { errorBody } from './errors.js';
import { createApiLogger, logSerializers } from './log.js';
import { authenticator } from './plugins/auth.js';
import { registerErrorHandling } from './plugins/error-handler.js';
import { createMetrics, registerMetrics } from './plugins/metrics.js';
import { registerSecurity } from './plugins/security.js';
import { registerSwagger } from './plugins/swagger.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import type { RouteDeps } from './routes/deps.js';
import { entityRoutes } from './routes/entities.js';
import { networkRoutes } from './routes/network.js';
import { passwordRoutes } from './routes/password.js';
import { recordRoutes } from './routes/records.js';
import { requestRoutes } from './routes/requests.js';
import { loadSecrets } from './secrets.js';
import { Access } from './services/access.js';
import { Accounts } from './services/accounts.js';
import { Checkpoints } from './services/audit-checkpoints.js';
import { AuditLog } from './services/audit-log.js';
import { hasCentralAuthority } from './services/central-authority.js';
import { seedDemo } from './services/demo.js';
import { demoExposureProblem, demoPresence } from './services/demo-exposure.js';
import { Background } from './services/reconcile.js';
import { Records } from './services/records.js';
import { ServiceKey } from './services/service-key.js';

export interface ApiApp {
  readonly app: FastifyInstance;
  readonly ctx: AppContext;
  readonly services: Pick<RouteDeps, 'accounts' | 'records' | 'access' | 'checkpoints'>;
  readonly background: Background;
  startBackground(): void;
  close(): Promise<void>;
}

export interface BuildOptions {
  /** Where one-off notices go ("created …/master.key"); stdout by default. */
  readonly say?: (line: string) => void;
  /** An already open database (tests share one across apps). */
  readonly db?: Db;
  readonly logger?: Logger;
}

function readJsonFile(path: string, what: string, hint: string): unknown {
  if (!existsSync(path)) throw new ConfigError(`${what} ${path} does not exist; ${hint}`);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`${what} ${path} is not JSON: ${(e as Error).message}`);
  }
}

function loadGenesis(path: string): Genesis {
  const json = readJsonFile(path, 'genesis file', 'set CHARTPROOF_GENESIS, or run "chartproof up" once');
  try {
    return parseGenesis(json);
  } catch (e) {
    throw new ConfigError(`genesis file ${path} is invalid: ${(e as Error).message}`);
  }
}

function loadCaKey(path: string, genesis: Genesis): KeyPair {
  const json = readJsonFile(path, 'central-authority key file', 'set CHARTPROOF_CA_KEY');
  let key: KeyPair;
  try {
    key = parseKeyFile(json);
  } catch (e) {
    throw new ConfigError(
      `central-authority key file ${path} is invalid: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  if (key.publicKey !== genesis.doc.central_authority) {
    throw new ConfigError(
      `${path} holds ${key.publicKey}, but the genesis names ${genesis.doc.central_authority} as the central authority`,
    );
  }
  return key;
}

const DEFAULT_WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export async function buildApp(config: ApiConfig, options: BuildOptions = {}): Promise<ApiApp> {
  const say = options.say ?? ((line: string) => process.stdout.write(`${line}\n`));
  const genesis = loadGenesis(config.genesisPath);
  const caKey = loadCaKey(config.caKeyPath, genesis);
  const secrets = loadSecrets(config, say);
  const log = options.logger ?? createApiLogger(config.logLevel);

  const database =
    options.db ??
    (await openDatabase(
      config.databaseUrl !== null ? { url: config.databaseUrl } : { dir: join(config.dataDir, 'api', 'db') },
    ));
  await migrate(database.db);
  const keyId = await database.db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'master_key_id')
    .executeTakeFirst();
  if (keyId === undefined) {
    await database.db
      .insertInto('meta')
      .values({ key: 'master_key_id', value: secrets.masterKeyId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  } else if (keyId.value !== secrets.masterKeyId) {
    if (options.db === undefined) await database.close();
    throw new ConfigError(
      `the master key (id ${secrets.masterKeyId}) is not the one this database was created with (id ${keyId.value}): check CHARTPROOF_MASTER_KEY`,
    );
  }

  const exposure = demoExposureProblem({
    host: config.host,
    demo: config.demo,
    demoExplicit: config.demoExplicit ?? false,
    presence: await demoPresence(database.db),
  });
  if (exposure !== null) {
    if (options.db === undefined) await database.close();
    throw new ConfigError(exposure);
  }
  if (!config.demo && !(await hasCentralAuthority(database.db))) {
    say('no central-authority account yet: create one with "chartproof init" (docs/operations.md)');
  }

  const metrics = createMetrics();
  // Nodes serve the API's RPC calls to a key the chain accepts: the API's service key once it is
  // registered, else (and on a node that has not seen that registration yet) the central authority.
  let serviceKey: ServiceKey | undefined;
  const chain = new ChainClient(config.nodeUrls, genesis, {
    readTimeoutMs: 10_000,
    submitTimeoutMs: 60_000,
    onError: (code) => metrics.nodeRpcErrors.inc({ code }),
    keys: () => {
      const own = serviceKey?.active ?? null;
      return own !== null ? [own, caKey] : [caKey];
    },
  });
  const ctx: AppContext = {
    config,
    db: database.db,
    dbKind: database.kind,
    chain,
    genesis,
    caKey,
    secrets,
    caps: new Capabilities(secrets.capabilitySecret),
    tokens: new Tokens(secrets.jwtSecret),
    audit: new AuditLog(database.db),
    metrics,
    log,
  };
  const accounts = new Accounts(ctx);
  const records = new Records(ctx);
  const access = new Access(ctx);
  serviceKey = new ServiceKey(ctx);
  const checkpoints = new Checkpoints(ctx, serviceKey);
  const background = new Background(
    {
      accounts,
      records,
      access,
      checkpoints,
      serviceKey,
      afterFirstReconcile: config.demo
        ? async () => void (await seedDemo(ctx, accounts, records, access))
        : undefined,
    },
    log,
    { reconcileMs: config.limits.reconcileIntervalMs, checkpointMs: config.limits.checkpointIntervalMs },
  );

  const app = Fastify({
    loggerInstance: log.child({}, { serializers: logSerializers }) as FastifyBaseLogger,
    bodyLimit: config.limits.bodyLimitBytes,
    trustProxy: config.trustProxy.length > 0 ? [...config.trustProxy] : false,
    requestTimeout: 120_000,
    connectionTimeout: 130_000,
    return503OnClosing: true,
    // Errors of the HTTP parser, before Fastify has a request (headers or URL over Node's limit,
    // bytes that are not HTTP): the same body as every other error (design: Errors).
    clientErrorHandler: (err, socket) => {
      if ((err as NodeJS.ErrnoException).code === 'ECONNRESET' || socket.destroyed) return;
      const tooLarge = (err as NodeJS.ErrnoException).code === 'HPE_HEADER_OVERFLOW';
      const status = tooLarge ? 431 : 400;
      const body = JSON.stringify(
        errorBody(tooLarge ? 'Request URL or headers are too large' : 'Malformed HTTP request'),
      );
      if (socket.writable) {
        socket.write(
          `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      }
      socket.destroy(err);
    },
    // Errors the router raises before any route runs (a malformed URL, an overlong parameter).
    frameworkErrors: (error, _request, reply) => {
      const message =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long' : 'Malformed request URL';
      void (reply as FastifyReply).code(400).send(errorBody(message));
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);

  const webDir = config.webDir ?? (existsSync(join(DEFAULT_WEB_DIR, 'index.html')) ? DEFAULT_WEB_DIR : null);
  await registerSecurity(app, config);
  registerErrorHandling(app, { spa: webDir !== null });
  await registerSwagger(app);
  registerMetrics(app, metrics, config.metricsToken);
  const deps: RouteDeps = { ctx, auth: authenticator(ctx), accounts, records, access, checkpoints };
  for (const routes of [
    authRoutes,
    passwordRoutes,
    entityRoutes,
    recordRoutes,
    requestRoutes,
    auditRoutes,
    networkRoutes,
  ]) {
    await app.register(async (scope) => routes(scope, deps));
  }

  if (webDir !== null) {
    // wildcard: files are looked up per request, so a rebuilt app is served without a restart;
    // a path that is no file falls to the not-found handler (index page, or the API's 404/405).
    await app.register(fastifyStatic, {
      root: resolve(webDir),
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
    });
  }

  let closed = false;
  return {
    app,
    ctx,
    services: { accounts, records, access, checkpoints },
    background,
    startBackground: () => background.start(),
    async close() {
      if (closed) return;
      closed = true;
      await background.stop();
      await app.close();
      await ctx.audit.flush();
      await chain.close();
      if (options.db === undefined) await database.close();
    },
  };
}
