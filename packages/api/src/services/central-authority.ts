/**
 * The real central authority's account, made once by `chartproof init` (or the first
 * `chartproof up --no-demo`) straight in the API's database, before any API runs on it. Its
 * password is generated (and must then be changed at first sign-in) or given by the operator;
 * either way only its scrypt hash is stored, and nothing here logs it. A database that holds, or
 * began, the demo data is refused: the demo's central-authority login must never sit beside a
 * real one.
 */
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { newPasswordProblem } from '../auth/password-policy.js';
import { ConfigError } from '../config.js';
import { hashPassword } from '../crypto/passwords.js';
import { migrate, openDatabase } from '../db/database.js';
import { type Database, now, UserType } from '../db/tables.js';
import { newId } from '../ids.js';
import { demoPresence } from './demo-exposure.js';

export const DEFAULT_CA_NAME = 'Central Authority';

// No 0/O, 1/l/I: the password is read off a screen once and typed in.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 20 characters from 56 (116 bits) in groups of five: "Hq7cz-…". */
export function generatePassword(): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () =>
      Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
    );
    const password = groups.join('-');
    if (newPasswordProblem(password, '', '') === null) return password;
  }
}

export async function hasCentralAuthority(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('user_type', '=', UserType.CENTRAL_AUTHORITY)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export type CentralAuthoritySetup =
  | { readonly created: true; readonly id: string; readonly name: string; readonly password: string | null }
  | { readonly created: false; readonly id: string; readonly name: string };

/**
 * Creates the central-authority account unless one exists (then it answers that one, and no
 * password). `password` null: a generated one, returned once and marked must-change.
 */
export async function setUpCentralAuthority(
  db: Kysely<Database>,
  input: { readonly name?: string; readonly password: string | null },
): Promise<CentralAuthoritySetup> {
  const existing = await db
    .selectFrom('central_authorities as c')
    .innerJoin('users as u', 'u.id', 'c.id')
    .select(['c.id', 'c.name'])
    .orderBy('u.created_at')
    .executeTakeFirst();
  if ((await demoPresence(db)).present) {
    throw new ConfigError(
      'this database holds the demo data (public passwords): start a real system on an empty database',
    );
  }
  if (existing !== undefined) return { created: false, id: existing.id, name: existing.name };
  if (input.password !== null) {
    const problem = newPasswordProblem(input.password, '', '');
    if (problem !== null) throw new ConfigError(`the central authority's password ${problem}`);
  }
  const password = input.password ?? generatePassword();
  const id = newId();
  const name = input.name ?? DEFAULT_CA_NAME;
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('users')
      .values({
        id,
        user_type: UserType.CENTRAL_AUTHORITY,
        password_hash: hash,
        status: 'active',
        created_at: now(),
        must_change_password: input.password === null,
      })
      .execute();
    await trx.insertInto('central_authorities').values({ id, name }).execute();
  });
  return { created: true, id, name, password: input.password === null ? password : null };
}

/** The same on the database an API with this configuration would open (PostgreSQL or PGlite). */
export async function initCentralAuthority(
  target: { readonly databaseUrl: string | null; readonly dataDir: string },
  input: { readonly name?: string; readonly password: string | null },
): Promise<CentralAuthoritySetup> {
  const database = await openDatabase(
    target.databaseUrl !== null ? { url: target.databaseUrl } : { dir: `${target.dataDir}/api/db` },
  );
  try {
    await migrate(database.db);
    return await setUpCentralAuthority(database.db, input);
  } finally {
    await database.close();
  }
}
