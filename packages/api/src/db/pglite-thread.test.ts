/**
 * Embedded PGlite in its worker thread, through the Kysely dialect: the migrations run, a unique
 * violation reaches the caller with its Postgres code, a failed transaction rolls back, bytea and
 * int8 come back as before, the API's thread stays free while a long query runs, and the data
 * outlives a close and reopen of the same directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase } from './database.js';

const dir = mkdtempSync(join(tmpdir(), 'chartproof-pglite-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PGlite in a worker thread', () => {
  let database: Db;

  it('opens a directory and runs the migrations (twice, idempotently)', async () => {
    database = await openDatabase({ dir });
    expect(database.kind).toBe('pglite');
    await migrate(database.db);
    await migrate(database.db);
    const t = await sql<{
      n: number;
    }>`select count(*)::int as n from information_schema.tables where table_schema = 'public'`.execute(
      database.db,
    );
    expect(t.rows[0]!.n).toBeGreaterThan(3);
  }, 60_000);

  it('passes Postgres error fields through: a unique violation has code 23505', async () => {
    await sql`create table t (id text primary key, b bytea, n int8)`.execute(database.db);
    await sql`insert into t values ('a', ${Buffer.from([1, 2, 3])}, 9007199254740991)`.execute(database.db);
    const err = await sql`insert into t values ('a', null, 1)`.execute(database.db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as { code?: string }).code).toBe('23505');
    expect((err as { constraint?: string }).constraint).toBe('t_pkey');
    const r = await sql<{ b: Uint8Array; n: number }>`select b, n from t where id = 'a'`.execute(database.db);
    expect([...r.rows[0]!.b]).toEqual([1, 2, 3]);
    expect(r.rows[0]!.n).toBe(9007199254740991);
  });

  it('rolls back a failed transaction and keeps serving', async () => {
    await expect(
      database.db.transaction().execute(async (tx) => {
        await sql`insert into t values ('b', null, 2)`.execute(tx);
        await sql`insert into t values ('a', null, 3)`.execute(tx);
      }),
    ).rejects.toThrow();
    const r = await sql<{ n: number }>`select count(*)::int as n from t`.execute(database.db);
    expect(r.rows[0]!.n).toBe(1);
  });

  it("leaves the caller's event loop free while a query runs", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    await sql`select pg_sleep(0.5)`.execute(database.db);
    clearInterval(timer);
    // In-process PGlite blocks the thread for the whole query: no tick at all.
    expect(ticks).toBeGreaterThan(10);
  });

  it('keeps committed data across close and reopen', async () => {
    await database.close();
    await database.close();
    database = await openDatabase({ dir });
    const r = await sql<{ id: string }>`select id from t`.execute(database.db);
    expect(r.rows.map((x) => x.id)).toEqual(['a']);
    await database.close();
    await expect(sql`select 1`.execute(database.db)).rejects.toThrow();
  });
});
