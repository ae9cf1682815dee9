/**
 * `chartproof init`: prepares a data folder. By default a real system: the network's keys and
 * genesis (unless the folder has them, or `--no-network` for a deployment whose genesis was made
 * with `chartproof genesis`) and the central authority's account in the API's database (PGlite
 * in the folder, or DATABASE_URL), with its password shown once. `--demo` prepares a demo
 * instead: `chartproof up` then creates the demo users, whose passwords are public.
 */
import { intArg, parse } from '../args.js';
import { UsageError } from '../errors.js';
import { ensureLocalNetwork, LOCAL_NODES } from '../local-network.js';
import { initRealSystem } from '../real-system.js';
import { readSystemMode, writeSystemMode } from '../system-mode.js';
import type { Command } from './command.js';

const say = (text: string) => void process.stdout.write(text);

export const initCommand: Command = {
  name: 'init',
  summary: 'prepare a data folder: keys, genesis and the central authority (password shown once)',
  usage: `chartproof init [--data DIR] [--base-port N] [--database-url postgres://…] [--no-network]
               [--ca-name NAME] [--ca-password-file FILE] [--demo]
  --no-network        only the central authority's account (keys and genesis made elsewhere)
  --ca-password-file  the password on its first line; without it (or CHARTPROOF_CA_PASSWORD)
                      one is generated, shown once, and must be changed at the first sign-in
  --demo              a demo instead: no central authority now, the demo users at first start
  environment: DATABASE_URL CHARTPROOF_CA_PASSWORD (flags override them)`,
  examples: [
    'chartproof init && chartproof up',
    'chartproof init --data /var/lib/chartproof --ca-name "Ministry of Health"',
    'DATABASE_URL=postgres://chartproof:secret@db/chartproof chartproof init --no-network --ca-password-file ca.pw',
    'chartproof init --demo',
  ],
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      {
        data: { type: 'string' },
        'base-port': { type: 'string' },
        'database-url': { type: 'string' },
        'no-network': { type: 'boolean' },
        'ca-name': { type: 'string' },
        'ca-password-file': { type: 'string' },
        demo: { type: 'boolean' },
      },
      'init',
    );
    if (positionals.length > 0)
      throw new UsageError(`init: unexpected argument ${JSON.stringify(positionals[0])}`);
    const data = values.data ?? 'data';
    const basePort = intArg(values['base-port'], '--base-port', 1, 65535 - LOCAL_NODES) ?? 5001;
    const ports = Array.from({ length: LOCAL_NODES }, (_, i) => basePort + i);
    const before = readSystemMode(data);
    if (values.demo === true) {
      if (before?.mode === 'real')
        throw new UsageError(`init: ${data} holds a real system; a demo needs a folder of its own`);
      ensureLocalNetwork(data, ports, (l) => say(`${l}\n`));
      writeSystemMode(data, { mode: 'demo' });
      say(`${data} is a demo: "chartproof up --data ${data}" creates the demo users (public passwords)\n`);
      return;
    }
    if (before?.mode === 'demo')
      throw new UsageError(`init: ${data} was made for a demo; a real system needs a folder of its own`);
    if (values['no-network'] !== true) ensureLocalNetwork(data, ports, (l) => say(`${l}\n`));
    const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
    await initRealSystem(
      {
        data,
        databaseUrl: databaseUrl !== undefined && databaseUrl !== '' ? databaseUrl : null,
        ...(values['ca-name'] !== undefined ? { caName: values['ca-name'] } : {}),
        ...(values['ca-password-file'] !== undefined ? { passwordFile: values['ca-password-file'] } : {}),
        env: process.env,
      },
      say,
    );
    say(`next: chartproof up --data ${data} (no demo users: this is a real system)\n`);
  },
};
