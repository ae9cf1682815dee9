/**
 * A real system's first step, shared by `chartproof init` and the first `chartproof up
 * --no-demo`: the central authority's account in the API's database, with a password taken from
 * a file or CHARTPROOF_CA_PASSWORD, or generated and shown here once (to the terminal of the
 * person running the command, and nowhere else: it is neither stored nor logged, and the API
 * asks for a new one at the first sign-in). Then `<data>/system.json` says the folder is real.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, initCentralAuthority } from '@chartproof/api';
import { UsageError } from './errors.js';
import { firstLine } from './files.js';
import { writeSystemMode } from './system-mode.js';

export interface RealSystemOptions {
  readonly data: string;
  /** null: embedded PGlite under `<data>/api/db`, as the API would open it. */
  readonly databaseUrl: string | null;
  readonly caName?: string;
  /** A file whose first line is the password. */
  readonly passwordFile?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The operator's chosen password, or null to generate one. */
/** The variable `chartproof init` and `up --no-demo` take the central authority's password from. */
export const CA_PASSWORD_VARIABLE = 'CHARTPROOF_CA_PASSWORD';

export function chosenPassword(
  passwordFile: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string | null {
  if (passwordFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(passwordFile, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read the password file ${passwordFile}: ${firstLine(e)}`);
    }
    const line = text.split(/\r?\n/)[0] ?? '';
    if (line === '') throw new UsageError(`the password file ${passwordFile} starts with an empty line`);
    return line;
  }
  const fromEnv = env[CA_PASSWORD_VARIABLE];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : null;
}

/** Makes (or finds) the central authority and marks the folder real; reports on `say`. */
export async function initRealSystem(o: RealSystemOptions, say: (text: string) => void): Promise<string> {
  const password = chosenPassword(o.passwordFile, o.env);
  let made: Awaited<ReturnType<typeof initCentralAuthority>>;
  try {
    made = await initCentralAuthority(
      { databaseUrl: o.databaseUrl, dataDir: o.data },
      { ...(o.caName !== undefined ? { name: o.caName } : {}), password },
    );
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`init: ${firstLine(e)}`);
    throw e;
  }
  writeSystemMode(o.data, { mode: 'real', central_authority: made.id });
  if (!made.created) {
    say(
      `the central authority ${JSON.stringify(made.name)} exists already: ID ${made.id} ` +
        '(its password is never shown again)\n',
    );
  } else if (made.password === null) {
    say(
      `created the central authority ${JSON.stringify(made.name)}: ID ${made.id}, with the password you gave\n`,
    );
  } else {
    say(
      `\ncreated the central authority ${JSON.stringify(made.name)}; sign in with\n` +
        `  ID        ${made.id}\n` +
        `  password  ${made.password}\n` +
        'This password is shown this once and stored nowhere: note it now. At the first sign-in\n' +
        'you must choose a new one before anything else.\n\n',
    );
  }
  return made.id;
}
