/**
 * `chartproof node`: runs one chain node until SIGINT/SIGTERM.
 *
 *   chartproof node --port 5002 --peers ws://127.0.0.1:5001 --data ./data/node-5002 \
 *                   --genesis ./data/genesis.json --key ./data/keys/node-5002.json
 *   chartproof node 5002 5001        (short form: listen on 5002, join 127.0.0.1:5001)
 */
import { readFileSync } from 'node:fs';
import { ChartNode, NodeConfigError, parseNodeConfig } from '@chartproof/node';
import { intArg, parse } from '../args.js';
import { UsageError } from '../errors.js';
import { firstLine, loadOrCreateKey, readGenesis, readKeyFile } from '../files.js';
import type { Command } from './command.js';

/** Each flag and the variable it overrides (packages/node/src/config.ts has the table). */
const FLAGS = {
  port: 'CHARTPROOF_NODE_PORT',
  host: 'CHARTPROOF_NODE_HOST',
  peers: 'CHARTPROOF_NODE_PEERS',
  data: 'CHARTPROOF_NODE_DATA',
  genesis: 'CHARTPROOF_GENESIS',
  key: 'CHARTPROOF_NODE_KEY',
  'tls-cert': 'CHARTPROOF_NODE_TLS_CERT',
  'tls-key': 'CHARTPROOF_NODE_TLS_KEY',
  'tls-ca': 'CHARTPROOF_NODE_TLS_CA',
  advertise: 'CHARTPROOF_NODE_ADVERTISE',
  'log-level': 'CHARTPROOF_NODE_LOG_LEVEL',
} as const;
const SWITCHES = {
  'no-mine': ['CHARTPROOF_NODE_MINE', 'false'],
  'no-discover': ['CHARTPROOF_NODE_DISCOVER', 'false'],
  'allow-plaintext-remote': ['CHARTPROOF_NODE_ALLOW_PLAINTEXT_REMOTE', 'true'],
} as const;

export const nodeCommand: Command = {
  name: 'node',
  summary: 'run a chain node',
  usage: `chartproof node [--port N] [--host H] [--peers URL,...] [--data DIR] [--genesis FILE] [--key FILE]
                [--tls-cert FILE --tls-key FILE] [--tls-ca FILE] [--advertise URL] [--no-mine] [--no-discover]
                [--allow-plaintext-remote] [--log-level warn|info|debug]
       chartproof node PORT [PEER_PORT...]
  environment: ${[...Object.values(FLAGS), ...Object.values(SWITCHES).map(([v]) => v)].join(' ')}
               (flags override them; see packages/node/src/config.ts)`,
  examples: [
    'chartproof node 5002 5001',
    'chartproof node --port 5001 --data ./data/node-5001 --genesis ./data/genesis.json',
  ],
  async run(argv) {
    const options = Object.fromEntries(Object.keys(FLAGS).map((f) => [f, { type: 'string' as const }]));
    const switches = Object.fromEntries(Object.keys(SWITCHES).map((f) => [f, { type: 'boolean' as const }]));
    const { values, positionals } = parse(argv, { ...options, ...switches }, 'node');
    const given = values as Record<string, string | boolean | undefined>;
    const env: Record<string, string | undefined> = { ...process.env };
    /** How a problem names its source: the flag or argument if one was given, else the variable. */
    const label = new Map<string, string>();
    for (const [flag, name] of Object.entries(FLAGS)) {
      const v = given[flag];
      if (typeof v !== 'string') continue;
      env[name] = v;
      label.set(name, `--${flag}`);
    }
    for (const [flag, [name, value]] of Object.entries(SWITCHES)) {
      if (given[flag] !== true) continue;
      env[name] = value;
      label.set(name, `--${flag}`);
    }
    // Short form of the reference system: `node 5002 5001` listens on 5002 and joins 5001.
    if (positionals[0] !== undefined && typeof given.port !== 'string') {
      env.CHARTPROOF_NODE_PORT = positionals[0];
      label.set('CHARTPROOF_NODE_PORT', 'PORT');
    }
    const shortPeers = positionals.slice(1).map((p) => `ws://127.0.0.1:${intArg(p, 'PEER_PORT', 1, 65535)}`);
    if (shortPeers.length > 0) {
      env.CHARTPROOF_NODE_PEERS = [env.CHARTPROOF_NODE_PEERS ?? '', ...shortPeers]
        .filter((u) => u !== '')
        .join(',');
    }
    let config: ReturnType<typeof parseNodeConfig>;
    try {
      config = parseNodeConfig(env);
    } catch (e) {
      if (!(e instanceof NodeConfigError)) throw e;
      // A missing value is named by its flag (the fix is to give it), a bad variable by its name.
      const flagOf = (name: string) => Object.entries(FLAGS).find(([, v]) => v === name)?.[0];
      const named = (name: string) =>
        label.get(name) ??
        (env[name] === undefined && flagOf(name) !== undefined ? `--${flagOf(name)}` : name);
      const problems = e.issues.map((i) => `${named(i.name)}: ${i.message}`);
      throw new UsageError(
        `node: invalid configuration: ${problems.join('; ')} (see "chartproof help node")`,
      );
    }
    const { port, peers, dataDir } = config;
    const keyPath = config.keyPath ?? config.defaultKeyPath;
    const genesis = readGenesis(config.genesisPath);
    const { key, created } =
      config.keyPath !== null ? { key: readKeyFile(keyPath), created: false } : loadOrCreateKey(keyPath);
    const readPem = (path: string, what: string) => {
      try {
        return readFileSync(path);
      } catch (e) {
        throw new UsageError(`cannot read ${what} ${path}: ${firstLine(e)}`);
      }
    };
    const tls =
      config.tls !== null
        ? {
            cert: readPem(config.tls.certPath, '--tls-cert'),
            key: readPem(config.tls.keyPath, '--tls-key'),
            ...(config.tls.caPath !== null ? { ca: readPem(config.tls.caPath, '--tls-ca') } : {}),
          }
        : undefined;
    let node: ChartNode;
    try {
      node = await ChartNode.start({
        genesis,
        key,
        host: config.host,
        port,
        peers,
        dataDir,
        mine: config.mine,
        discover: config.discover,
        logLevel: config.logLevel,
        allowPlaintextRemote: config.allowPlaintextRemote,
        ...(tls !== undefined ? { tls } : {}),
        ...(config.advertise !== null ? { advertise: config.advertise } : {}),
        ...(config.metricsToken !== null ? { metricsToken: config.metricsToken } : {}),
        rpcMaxConnections: config.rpc.maxConnections,
        rpcMaxUnauthenticated: config.rpc.maxUnauthenticated,
        rpcAuthTimeoutMs: config.rpc.authTimeoutMs,
        rpcIdleTimeoutMs: config.rpc.idleTimeoutMs,
        rpcMaxInFlight: config.rpc.maxInFlight,
      });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE')
        throw new UsageError(`port ${port} is already in use: choose another with --port`);
      throw new UsageError(`node did not start: ${firstLine(e)}`);
    }
    const role = node.isValidator
      ? `validator ${[...genesis.validators].indexOf(key.publicKey) + 1} of ${genesis.validators.size}`
      : 'follower (not a validator)';
    const tip = node.chain.tip;
    process.stdout.write(
      `chartproof node ${key.publicKey.slice(0, 16)}… listening on ${node.url} (p2p ${node.url}/p2p, rpc ${node.url}/rpc, http ${node.httpUrl}/status)\n` +
        `  network ${genesis.doc.network} ${genesis.hash.slice(0, 16)}…, ${role}, data ${dataDir}${created ? `, new key ${keyPath}` : ''}\n` +
        `  tip height ${tip.height} ${tip.hash}${peers.length > 0 ? `, peers ${peers.join(', ')}` : ''}\n`,
    );
    const failure = await new Promise<Error | null>((resolve) => {
      const stop = (signal: string) => {
        process.stdout.write(`chartproof node: ${signal}, shutting down\n`);
        resolve(null);
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
      void node.failure.then(resolve);
    });
    await node.close();
    if (failure !== null) throw new UsageError(`node stopped: ${failure.message}`);
  },
};
