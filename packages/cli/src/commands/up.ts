/**
 * `chartproof up`: the whole system on one machine with embedded storage under ./data — three
 * validator nodes on 5001..5003 and the API on 5000 (embedded PGlite unless DATABASE_URL is set),
 * each its own process. On first start it creates the keys and the local genesis. A folder made
 * by `chartproof init` (or the first `up --no-demo`, which does the same) runs as a real system:
 * its central authority, no demo users. Any other runs as the demo (the contract's users, public
 * passwords), and says so. Ctrl-C stops everything in reverse order.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvSchema } from '@chartproof/api';
import { NodeEnvSchema } from '@chartproof/node';
import { describeApiStore } from '../api-store.js';
import { intArg, parse } from '../args.js';
import { UsageError } from '../errors.js';
import { firstLine } from '../files.js';
import { ensureLocalNetwork, LOCAL_NODES as NODES } from '../local-network.js';
import { Supervised } from '../processes.js';
import { initRealSystem } from '../real-system.js';
import { readSystemMode } from '../system-mode.js';
import type { Command } from './command.js';

/** Variables `up` sets itself for its children, through their flags (a flag overrides a variable). */
const SET_FOR_API = [
  'PORT',
  'CHARTPROOF_DATA',
  'CHARTPROOF_GENESIS',
  'CHARTPROOF_CA_KEY',
  'PEER_FOR_COMMUNICATION',
  'LOG_LEVEL',
];
const SET_FOR_NODES = [
  'CHARTPROOF_NODE_PORT',
  'CHARTPROOF_NODE_DATA',
  'CHARTPROOF_GENESIS',
  'CHARTPROOF_NODE_KEY',
  'CHARTPROOF_NODE_PEERS',
  'CHARTPROOF_NODE_LOG_LEVEL',
];
/** The rest of each child's variables reach it from up's environment unchanged. */
const passedOn = (names: readonly string[], set: readonly string[]) =>
  names.filter((n) => !set.includes(n)).join(' ');

/** Reports the demo data's progress (created on the first start of an empty database). */
async function waitForDemo(apiPort: number): Promise<void> {
  let said = '';
  for (let i = 0; i < 600; i++) {
    const demo = await fetch(`http://127.0.0.1:${apiPort}/api/health`, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.json() as Promise<{ demo?: string }>)
      .then((h) => h.demo ?? 'off')
      .catch(() => 'starting');
    if (demo !== said && demo === 'seeding')
      process.stdout.write('creating the demo data on chain (first start)…\n');
    said = demo;
    if (demo === 'ready' || demo === 'off') return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

export const upCommand: Command = {
  name: 'up',
  summary: 'run the whole system locally (three nodes and the API; embedded storage in ./data)',
  usage: `chartproof up [--data DIR] [--base-port N] [--api-port N] [--no-demo [--ca-name NAME] [--ca-password-file FILE]]
  --no-demo    a real system: on the first start the central authority is created as by
               "chartproof init" (password shown once); without it a folder not made by init runs the demo
  environment passed on to the API: ${passedOn(Object.keys(EnvSchema.shape), SET_FOR_API)}
               (DATABASE_URL set: PostgreSQL instead of embedded PGlite; see chartproof help api)
  environment passed on to the nodes: ${passedOn(Object.keys(NodeEnvSchema.shape), SET_FOR_NODES)}
  set by up from its flags: ${[...new Set([...SET_FOR_API, ...SET_FOR_NODES])].join(' ')}`,
  examples: [
    'chartproof up',
    'chartproof up --no-demo --data /var/lib/chartproof',
    'chartproof up --data /tmp/chartproof --base-port 6001 --api-port 6000',
  ],
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      {
        data: { type: 'string' },
        'base-port': { type: 'string' },
        'api-port': { type: 'string' },
        'no-demo': { type: 'boolean' },
        'ca-name': { type: 'string' },
        'ca-password-file': { type: 'string' },
      },
      'up',
    );
    if (positionals.length > 0)
      throw new UsageError(`up: unexpected argument ${JSON.stringify(positionals[0])}`);
    const data = values.data ?? 'data';
    const basePort = intArg(values['base-port'], '--base-port', 1, 65535 - NODES) ?? 5001;
    const ports = Array.from({ length: NODES }, (_, i) => basePort + i);
    const apiPort = intArg(values['api-port'], '--api-port', 1, 65535) ?? 5000;
    const say = (line: string) => void process.stdout.write(`${line}\n`);
    const before = readSystemMode(data);
    if (values['no-demo'] === true && before?.mode === 'demo')
      throw new UsageError(`up: ${data} was made for a demo (chartproof init --demo); use another --data`);
    const { genesisPath, caKeyPath, nodeKeyPath: keyPath } = ensureLocalNetwork(data, ports, say);
    let realCa = before?.mode === 'real' ? before.central_authority : null;
    if (values['no-demo'] === true && realCa === null) {
      realCa = await initRealSystem(
        {
          data,
          databaseUrl: process.env.DATABASE_URL || null,
          ...(values['ca-name'] !== undefined ? { caName: values['ca-name'] } : {}),
          ...(values['ca-password-file'] !== undefined ? { passwordFile: values['ca-password-file'] } : {}),
          env: process.env,
        },
        (text) => void process.stdout.write(text),
      );
    }
    const demo = realCa === null;
    if (demo)
      say(
        'this is a DEMO: the demo users have public passwords; for a real system run "chartproof init" (docs/operations.md)',
      );

    const main = fileURLToPath(new URL('../main.js', import.meta.url));
    const children: Supervised[] = [];
    let stopping = false;
    const shutdown = async (why: string, code: number) => {
      if (stopping) return;
      stopping = true;
      process.stdout.write(`chartproof up: ${why}; stopping ${children.map((c) => c.name).join(', ')}\n`);
      for (const c of children) c.release();
      for (const c of [...children].reverse()) await c.stop();
      process.exit(code);
    };
    const giveUp = (why: string) => void shutdown(why, 1);
    process.once('SIGINT', () => void shutdown('SIGINT', 0));
    process.once('SIGTERM', () => void shutdown('SIGTERM', 0));
    try {
      for (const [i, port] of ports.entries()) {
        const peers = ports.slice(0, i).map((p) => `ws://127.0.0.1:${p}`);
        const args = [
          main,
          'node',
          '--port',
          String(port),
          '--data',
          join(data, `node-${port}`),
          '--genesis',
          genesisPath,
          '--key',
          keyPath(port),
          '--log-level',
          'warn',
        ];
        if (peers.length > 0) args.push('--peers', peers.join(','));
        process.stdout.write(`starting node-${port}…\n`);
        children.push(await Supervised.start(`node-${port}`, process.execPath, args, /listening on/, giveUp));
      }
      const apiArgs = [
        main,
        'api',
        '--port',
        String(apiPort),
        '--data',
        data,
        '--genesis',
        genesisPath,
        '--ca-key',
        caKeyPath,
        '--peers',
        ports.map((p) => `ws://127.0.0.1:${p}`).join(','),
        '--log-level',
        'warn',
        ...(demo ? [] : ['--no-demo']),
      ];
      process.stdout.write('starting the API…\n');
      children.push(await Supervised.start('api', process.execPath, apiArgs, /api listening on/, giveUp));
      if (demo) await waitForDemo(apiPort);
    } catch (e) {
      await shutdown(firstLine(e), 1);
      return;
    }
    process.stdout.write(
      `\nChartProof is up:\n  open  http://127.0.0.1:${apiPort}/ (the web app)\n  API   http://127.0.0.1:${apiPort}/api/docs\n` +
        `  nodes ${ports.map((p) => `http://127.0.0.1:${p}/status`).join(', ')}\n` +
        `  data  ${data}; the API's store: ${describeApiStore(process.env, data)}\n` +
        (demo
          ? '  THIS IS A DEMO. Its logins are public (contract 3.7): central authority 4c1b2e8f9a3d47e39b25f0c6a7d18b52 / 12345,\n' +
            '    patient Ana ffbe84df20d043178300a21710312068 / Ana!Health1, doctor Marko 0271f15a69394cacb71cab62665e0592 / MarkoDoc#2025\n' +
            '    For a real system: chartproof init, or chartproof up --no-demo with a new --data folder.\n'
          : `  a real system, no demo users: sign in as the central authority ${realCa}\n`) +
        'Press Ctrl-C to stop.\n',
    );
    await new Promise(() => {});
  },
};
