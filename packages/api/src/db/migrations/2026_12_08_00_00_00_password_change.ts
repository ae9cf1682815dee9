/**
 * Password changes (issue #14, point 7): `must_change_password` keeps a generated password from
 * being used for anything but choosing a new one; `password_version` counts changes and is
 * copied into each token, so a token issued before a change is refused after it.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no particular schema
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users add column must_change_password boolean not null default false`.execute(db);
  await sql`alter table users add column password_version integer not null default 0`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no particular schema
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table users drop column password_version`.execute(db);
  await sql`alter table users drop column must_change_password`.execute(db);
}
