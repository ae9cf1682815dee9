/**
 * `chartproof node`: runs one chain node until SIGINT/SIGTERM.
 *
 *   chartproof node --port 5002 --peers ws://127.0.0.1:5001 --data ./data/node-5002 \
 *                   --genesis ./data/genesis.json --key ./data/keys/node-5002.json
 *   chartproof node 5002 5001        (short form: listen on 5002, join 127.0.0.1:5001)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChartNode, type LogLevel } from '@chartproof/node';
import { intArg, parse, peerList } from '../args.js';
import { UsageError } from '../errors.js';
import { firstLine, loadOrCreateKey, readGenesis, readKeyFile } from '../files.js';
import type { Command } from './command.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const nodeCommand: Command = {
  name: 'node',
  summary: 'run a chain node',
  usage: `chartproof node [--port N] [--host H] [--peers URL,...] [--data DIR] [--genesis FILE] [--key FILE]
                [--tls-cert FILE --tls-key FILE] [--tls-ca FILE] [--advertise URL] [--no-mine] [--no-discover]
                [--allow-plaintext-remote] [--log-level warn|info|debug]
       chartproof node PORT [PEER_PORT...]`,
  examples: [
    'chartproof node 5002 5001',
    'chartproof node --port 5001 --data ./data/node-5001 --genesis ./data/genesis.json',
  ],
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      {
        port: { type: 'string' },
        host: { type: 'string' },
        peers: { type: 'string' },
        data: { type: 'string' },
        genesis: { type: 'string' },
        key: { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'tls-ca': { type: 'string' },
        advertise: { type: 'string' },
        'no-mine': { type: 'boolean' },
        'no-discover': { type: 'boolean' },
        'allow-plaintext-remote': { type: 'boolean' },
        'log-level': { type: 'string' },
      },
      'node',
    );
    // Short form of the reference system: `node 5002 5001` listens on 5002 and joins 5001.
    const shortPort = intArg(positionals[0], 'PORT', 1, 65535);
    const port = intArg(values.port, '--port', 0, 65535) ?? shortPort ?? 5001;
    const peers = [
      ...peerList(values.peers),
      ...positionals.slice(1).map((p) => `ws://127.0.0.1:${intArg(p, 'PEER_PORT', 1, 65535)}`),
    ];
    const dataRoot = 'data';
    const genesisPath = values.genesis ?? join(dataRoot, 'genesis.json');
    const dataDir = values.data ?? join(dataRoot, `node-${port}`);
    const keyPath = values.key ?? join(dataRoot, 'keys', `node-${port}.json`);
    const logLevel = values['log-level'] ?? 'warn';
    if (!LOG_LEVELS.includes(logLevel))
      throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
    if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) {
      throw new UsageError('--tls-cert and --tls-key go together');
    }
    const genesis = readGenesis(genesisPath);
    const { key, created } =
      values.key !== undefined ? { key: readKeyFile(keyPath), created: false } : loadOrCreateKey(keyPath);
    const readPem = (path: string, what: string) => {
      try {
        return readFileSync(path);
      } catch (e) {
        throw new UsageError(`cannot read ${what} ${path}: ${firstLine(e)}`);
      }
    };
    const tls =
      values['tls-cert'] !== undefined && values['tls-key'] !== undefined
        ? {
            cert: readPem(values['tls-cert'], '--tls-cert'),
            key: readPem(values['tls-key'], '--tls-key'),
            ...(values['tls-ca'] !== undefined ? { ca: readPem(values['tls-ca'], '--tls-ca') } : {}),
          }
        : undefined;
    let node: ChartNode;
    try {
      node = await ChartNode.start({
        genesis,
        key,
        host: values.host ?? '127.0.0.1',
        port,
        peers,
        dataDir,
        mine: values['no-mine'] !== true,
        discover: values['no-discover'] !== true,
        logLevel: logLevel as LogLevel,
        allowPlaintextRemote: values['allow-plaintext-remote'] === true,
        ...(tls !== undefined ? { tls } : {}),
        ...(values.advertise !== undefined ? { advertise: values.advertise } : {}),
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
