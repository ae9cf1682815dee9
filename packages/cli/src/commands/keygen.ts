/** `chartproof keygen --out FILE`: a new Ed25519 key file (mode 0600); prints the public key. */
import { generateKeyPair } from '@chartproof/ledger';
import { parse } from '../args.js';
import { UsageError } from '../errors.js';
import { firstLine, writeKeyFile } from '../files.js';
import type { Command } from './command.js';

export const keygenCommand: Command = {
  name: 'keygen',
  summary: 'create a node or account key file',
  usage: 'chartproof keygen --out FILE',
  examples: ['chartproof keygen --out ./data/keys/node-5004.json'],
  async run(argv) {
    const { values, positionals } = parse(argv, { out: { type: 'string' } }, 'keygen');
    if (positionals.length > 0)
      throw new UsageError(`keygen: unexpected argument ${JSON.stringify(positionals[0])}`);
    if (values.out === undefined) throw new UsageError('keygen: --out FILE is required');
    const key = generateKeyPair();
    try {
      writeKeyFile(values.out, key);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST')
        throw new UsageError(`keygen: ${values.out} exists; refusing to overwrite a key`);
      throw new UsageError(`keygen: cannot write ${values.out}: ${firstLine(e)}`);
    }
    process.stdout.write(`${key.publicKey}\n`);
  },
};
