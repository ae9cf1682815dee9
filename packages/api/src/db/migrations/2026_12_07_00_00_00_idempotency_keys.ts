/**
 * Idempotency keys (the `Idempotency-Key` request header) on the rows they create. The key lives
 * on the record or request row itself, written in the same insert, so a crash can never leave a
 * key without its row or a row without its key; the unique index makes two concurrent requests
 * with one key race to one row. `request_hash` (SHA-256 of the body's canonical JSON) tells a
 * true retry from a key reused for another body.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no particular schema
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['health_records', 'access_requests']) {
    await sql`alter table ${sql.table(table)} add column idempotency_key text`.execute(db);
    await sql`alter table ${sql.table(table)} add column request_hash text`.execute(db);
    await sql`create unique index ${sql.id(`${table}_idempotency`)} on ${sql.table(table)} (doctor_id, idempotency_key) where idempotency_key is not null`.execute(
      db,
    );
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no particular schema
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['health_records', 'access_requests']) {
    await sql`drop index if exists ${sql.id(`${table}_idempotency`)}`.execute(db);
    await sql`alter table ${sql.table(table)} drop column request_hash`.execute(db);
    await sql`alter table ${sql.table(table)} drop column idempotency_key`.execute(db);
  }
}
