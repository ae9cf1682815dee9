/**
 * The database: PostgreSQL when a URL is given, embedded PGlite in a directory otherwise (in a
 * worker thread of its own), behind one Kysely type. `migrate()` runs the one migration set; it is safe to run twice and from two
 * processes at once (Kysely's migrator takes a lock).
 */
import { mkdirSync } from 'node:fs';
import { Kysely, type Migration, type MigrationProvider, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import * as initial from './migrations/2026_12_03_00_00_00_initial.js';
import * as idempotencyKeys from './migrations/2026_12_07_00_00_00_idempotency_keys.js';
import * as passwordChange from './migrations/2026_12_08_00_00_00_password_change.js';
import { PGliteDialect } from './pglite-dialect.js';
import { INT8 } from './pglite-protocol.js';
import { PGliteThread } from './pglite-thread.js';
import type { Database } from './tables.js';

export type DatabaseKind = 'postgres' | 'pglite';

export interface Db {
  readonly kind: DatabaseKind;
  readonly db: Kysely<Database>;
  close(): Promise<void>;
}

const migrations: Record<string, Migration> = {
  '2026_12_03_00_00_00_initial': initial,
  '2026_12_07_00_00_00_idempotency_keys': idempotencyKeys,
  '2026_12_08_00_00_00_password_change': passwordChange,
};

class StaticMigrations implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

/** `url` postgres://…, or a directory for PGlite, or `memory://` for a throwaway PGlite. */
export async function openDatabase(target: { url: string } | { dir: string }): Promise<Db> {
  if ('url' in target) {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // A PostgreSQL restart or failover ends every connection, and pg reports that as an 'error'
    // event: on the pool for an idle client, on the client itself while one is checked out. An
    // 'error' event nobody listens to ends the process (and prints the client, credentials and
    // all). Nothing is lost by listening: the broken client is discarded, a query in flight fails
    // on its own, and the next one connects anew.
    const ignore = () => undefined;
    pool.on('error', ignore);
    pool.on('connect', (client) => client.on('error', ignore));
    // int8 holds audit sequence numbers: far below 2^53, so plain numbers.
    pg.types.setTypeParser(INT8, (v: string) => Number(v));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kind: 'postgres', db, close: () => db.destroy() };
  }
  if (!target.dir.startsWith('memory://')) mkdirSync(target.dir, { recursive: true, mode: 0o700 });
  // In a worker thread: PGlite's queries run synchronously on their thread (pglite-thread.ts).
  const lite = await PGliteThread.open(target.dir);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(lite) });
  return { kind: 'pglite', db, close: () => db.destroy() };
}

export async function migrate(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: new StaticMigrations() });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${(error as Error).message}`);
  }
}
