#!/usr/bin/env node
/**
 * The `chartproof` command. Expected failures (UsageError) print one line and exit 1; anything
 * else is a bug and prints its stack.
 */
import { apiCommand } from './commands/api.js';
import type { Command } from './commands/command.js';
import { genesisCommand } from './commands/genesis.js';
import { initCommand } from './commands/init.js';
import { keygenCommand } from './commands/keygen.js';
import { nodeCommand } from './commands/node.js';
import { upCommand } from './commands/up.js';
import { UsageError } from './errors.js';
import { runtimeProblem } from './runtime.js';

const commands: readonly Command[] = [
  initCommand,
  upCommand,
  nodeCommand,
  apiCommand,
  keygenCommand,
  genesisCommand,
];

function help(name?: string): string {
  const one = commands.find((c) => c.name === name);
  if (one !== undefined)
    return `usage: ${one.usage}\n\nexamples:\n${one.examples.map((e) => `  ${e}`).join('\n')}\n`;
  return `usage: chartproof <command> [options]\n\n${commands.map((c) => `  ${c.name.padEnd(10)}${c.summary}`).join('\n')}\n\nchartproof help <command> for its options\n`;
}

async function main(argv: string[]): Promise<void> {
  const problem = runtimeProblem(process.version);
  if (problem !== undefined) throw new UsageError(problem);
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(help(rest[0]));
    return;
  }
  const command = commands.find((c) => c.name === name);
  if (command !== undefined && (rest.includes('--help') || rest.includes('-h'))) {
    process.stdout.write(help(name));
    return;
  }
  if (command === undefined)
    throw new UsageError(
      `unknown command ${JSON.stringify(name)}; commands: ${commands.map((c) => c.name).join(', ')}`,
    );
  await command.run(rest);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (e: unknown) => {
    if (e instanceof UsageError) process.stderr.write(`chartproof: ${e.message}\n`);
    else
      process.stderr.write(
        `chartproof: unexpected error (a bug; please report it)\n${(e as Error)?.stack ?? String(e)}\n`,
      );
    process.exit(1);
  },
);
