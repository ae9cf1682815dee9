/**
 * `chartproof api`: runs the HTTP API server until SIGINT/SIGTERM. Configuration comes from the
 * environment (packages/api/README.md has the table); flags override it.
 *
 *   chartproof api --port 5000 --peers ws://127.0.0.1:5001,ws://127.0.0.1:5002
 *   DATABASE_URL=postgres://chartproof@db/chartproof chartproof api
 */
import { ConfigError, configFromEnv, parseEnv, startServer } from '@chartproof/api';
import { parse } from '../args.js';
import { UsageError } from '../errors.js';
import type { Command } from './command.js';

const FLAGS: Record<string, string> = {
  port: 'PORT',
  host: 'HOST',
  data: 'CHARTPROOF_DATA',
  'database-url': 'DATABASE_URL',
  peers: 'PEER_FOR_COMMUNICATION',
  genesis: 'CHARTPROOF_GENESIS',
  'ca-key': 'CHARTPROOF_CA_KEY',
  'cors-origins': 'CORS_ORIGINS',
  'web-dir': 'CHARTPROOF_WEB_DIR',
  'log-level': 'LOG_LEVEL',
};

export const apiCommand: Command = {
  name: 'api',
  summary: 'run the HTTP API server (PostgreSQL or embedded PGlite; talks to chain nodes)',
  usage: `chartproof api [--port N] [--host H] [--data DIR] [--database-url postgres://…] [--peers ws://…,…]
               [--genesis FILE] [--ca-key FILE] [--cors-origins URL,…] [--web-dir DIR] [--demo|--no-demo]
               [--log-level info|warn|debug]
  environment: PORT HOST CHARTPROOF_DATA DATABASE_URL PEER_FOR_COMMUNICATION CHARTPROOF_GENESIS
               CHARTPROOF_CA_KEY CHARTPROOF_MASTER_KEY JWT_SECRET CORS_ORIGINS CHARTPROOF_WEB_DIR
               CHARTPROOF_DEMO LOG_LEVEL (flags override them; see packages/api/README.md)
  --demo       demo mode by name (CHARTPROOF_DEMO=true): needed to hold the demo users beyond loopback
  --no-demo    never create the demo users (CHARTPROOF_DEMO=false); "chartproof init" makes the central authority`,
  examples: [
    'chartproof api',
    'chartproof api --port 5000 --peers ws://127.0.0.1:5001,ws://127.0.0.1:5002',
    'DATABASE_URL=postgres://chartproof:secret@127.0.0.1/chartproof chartproof api --no-demo',
  ],
  async run(argv) {
    const options = Object.fromEntries(Object.keys(FLAGS).map((f) => [f, { type: 'string' as const }]));
    const { values, positionals } = parse(
      argv,
      { ...options, demo: { type: 'boolean' }, 'no-demo': { type: 'boolean' } },
      'api',
    );
    if (positionals.length > 0)
      throw new UsageError(`api: unexpected argument ${JSON.stringify(positionals[0])}`);
    const env: Record<string, string | undefined> = { ...process.env };
    for (const [flag, name] of Object.entries(FLAGS)) {
      const v = (values as Record<string, unknown>)[flag];
      if (typeof v === 'string') env[name] = v;
    }
    if (values.demo === true && values['no-demo'] === true)
      throw new UsageError('api: --demo and --no-demo contradict each other');
    if (values.demo === true) env.CHARTPROOF_DEMO = 'true';
    if (values['no-demo'] === true) env.CHARTPROOF_DEMO = 'false';
    let running: Awaited<ReturnType<typeof startServer>>;
    try {
      running = await startServer(configFromEnv(parseEnv(env)));
    } catch (e) {
      if (e instanceof ConfigError)
        throw new UsageError(e.message.replace(/:\n\s*/, ': ').replace(/\n\s*/g, '; '));
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new UsageError(`api: port in use: ${(e as Error).message}`);
      throw e;
    }
    process.stdout.write(`api listening on ${running.url} (docs: ${running.url}/api/docs)\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void running.close().then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
  },
};
