/**
 * `chartproof up`: the whole system on one machine with embedded storage under ./data — three
 * validator nodes on 5001..5003, each its own process. On first start it creates the keys and
 * the local genesis. Ctrl-C stops everything in reverse order.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenesis } from '@chartproof/ledger';
import { intArg, parse } from '../args.js';
import { UsageError } from '../errors.js';
import { firstLine, loadOrCreateKey, writeGenesis } from '../files.js';
import { type Child, startChild, stopAll } from '../processes.js';
import type { Command } from './command.js';

const NODES = 3;

export const upCommand: Command = {
  name: 'up',
  summary: 'run the whole system locally (three nodes; embedded storage in ./data)',
  usage: 'chartproof up [--data DIR] [--base-port N]',
  examples: ['chartproof up', 'chartproof up --data /tmp/chartproof --base-port 6001'],
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      { data: { type: 'string' }, 'base-port': { type: 'string' } },
      'up',
    );
    if (positionals.length > 0)
      throw new UsageError(`up: unexpected argument ${JSON.stringify(positionals[0])}`);
    const data = values.data ?? 'data';
    const basePort = intArg(values['base-port'], '--base-port', 1, 65535 - NODES) ?? 5001;
    const ports = Array.from({ length: NODES }, (_, i) => basePort + i);
    const genesisPath = join(data, 'genesis.json');
    const keyPath = (port: number) => join(data, 'keys', `node-${port}.json`);

    if (!existsSync(genesisPath)) {
      const ca = loadOrCreateKey(join(data, 'keys', 'central-authority.json')).key;
      const validators = ports.map((p) => loadOrCreateKey(keyPath(p)).key.publicKey);
      writeGenesis(
        genesisPath,
        createGenesis({ network: 'chartproof-local', centralAuthority: ca.publicKey, validators }),
      );
      process.stdout.write(
        `created ${genesisPath} and keys in ${join(data, 'keys')} (keep them private: mode 0600)\n`,
      );
    }

    const main = fileURLToPath(new URL('../main.js', import.meta.url));
    const children: Child[] = [];
    let stopping = false;
    const shutdown = async (why: string, code: number) => {
      if (stopping) return;
      stopping = true;
      process.stdout.write(`chartproof up: ${why}; stopping ${children.map((c) => c.name).join(', ')}\n`);
      await stopAll(children);
      process.exit(code);
    };
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
        const { child } = await startChild(`node-${port}`, process.execPath, args, /listening on/);
        children.push(child);
        void child.exited.then((how) => void shutdown(`node-${port} exited (${how})`, 1));
      }
    } catch (e) {
      await shutdown(firstLine(e), 1);
      return;
    }
    process.stdout.write(
      `\nChartProof is up: nodes ${ports.map((p) => `http://127.0.0.1:${p}/status`).join(', ')}\n` +
        'The API (port 5000) and the web app (port 5173) join this command when packages/api and packages/web land.\n' +
        'Press Ctrl-C to stop.\n',
    );
    await new Promise(() => {});
  },
};
