/**
 * `chartproof genesis`: writes a genesis file from a central-authority key and validator keys
 * (key files or public keys).
 */
import { readFileSync } from 'node:fs';
import { createGenesis, type PublicKey, parsePublicKey } from '@chartproof/ledger';
import { intArg, parse } from '../args.js';
import { UsageError } from '../errors.js';
import { firstLine, readKeyFile, writeGenesis } from '../files.js';
import type { Command } from './command.js';

function keyArg(value: string, what: string): PublicKey {
  if (/^[0-9a-f]{64}$/.test(value)) return parsePublicKey(value);
  try {
    readFileSync(value);
  } catch (e) {
    throw new UsageError(
      `${what}: ${JSON.stringify(value)} is neither a public key nor a readable key file (${firstLine(e)})`,
    );
  }
  return readKeyFile(value).publicKey;
}

export const genesisCommand: Command = {
  name: 'genesis',
  summary: 'write a genesis file for a new network',
  usage:
    'chartproof genesis --ca KEY --validator KEY [--validator KEY ...] --out FILE [--network NAME] [--block-interval-ms N]',
  examples: [
    'chartproof genesis --ca ./keys/ca.json --validator ./keys/node-a.json --validator ./keys/node-b.json --validator ./keys/node-c.json --out genesis.json',
  ],
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      {
        ca: { type: 'string' },
        validator: { type: 'string', multiple: true },
        out: { type: 'string' },
        network: { type: 'string' },
        'block-interval-ms': { type: 'string' },
      },
      'genesis',
    );
    if (positionals.length > 0)
      throw new UsageError(`genesis: unexpected argument ${JSON.stringify(positionals[0])}`);
    if (values.ca === undefined) throw new UsageError('genesis: --ca KEY is required');
    if (values.out === undefined) throw new UsageError('genesis: --out FILE is required');
    const validators = (values.validator ?? []).map((v) => keyArg(v, '--validator'));
    if (validators.length === 0) throw new UsageError('genesis: at least one --validator KEY is required');
    const interval = intArg(values['block-interval-ms'], '--block-interval-ms', 50, 3_600_000);
    let doc: ReturnType<typeof createGenesis>;
    try {
      doc = createGenesis({
        network: values.network ?? 'chartproof',
        centralAuthority: keyArg(values.ca, '--ca'),
        validators,
        ...(interval !== undefined ? { consensus: { block_interval_ms: interval } } : {}),
      });
    } catch (e) {
      throw new UsageError(`genesis: ${firstLine(e)}`);
    }
    try {
      writeGenesis(values.out, doc);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST')
        throw new UsageError(`genesis: ${values.out} exists; refusing to overwrite it`);
      throw new UsageError(`genesis: cannot write ${values.out}: ${firstLine(e)}`);
    }
    process.stdout.write(`wrote ${values.out}\n`);
  },
};
