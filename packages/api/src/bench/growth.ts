/**
 * Growth: the reads whose cost could grow with the size of the database, timed at 1,000 records
 * and again after the database has grown to `total` records. The growth is written in bulk with
 * SQL straight into the scratch PostgreSQL database (not through the chain): synthetic health
 * authorities, doctors and patients, their records, one audit entry per record, and an anchored
 * checkpoint over those entries (history that is already committed, so the running API's
 * checkpointer does not re-hash a million rows while the reads are timed). The people the reads
 * are made as keep the records they had: a read that stays proportional to its own answer stays
 * flat, one that scans a table grows with it.
 */

import { percentile, round } from '@chartproof/ledger/bench';
import pg from 'pg';
import type { Http, Population } from './load.js';

export interface GrowthRead {
  readonly name: string;
  readonly what: string;
  run(): Promise<number>;
}

/**
 * The three reads: the patient's record list, the doctor's patient search, the audit list. The
 * doctor's hospital is the one `growDatabase` files a tenth of the new records under.
 */
export function growthReads(http: Http, pop: Population): GrowthRead[] {
  const patient = pop.patients[0]!;
  const doctor = pop.doctors[0]!;
  const timed = async (path: string, token: string) => {
    const t0 = performance.now();
    const r = await http.call('GET', path, token);
    const ms = performance.now() - t0;
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    return ms;
  };
  return [
    {
      name: 'patient_records',
      what: "GET /api/health-records (the patient's record list)",
      run: () => timed('/api/health-records', patient.token),
    },
    {
      name: 'doctor_search',
      what: "GET /api/health-records/patient/:personal_id?own=true (the doctor's patient search)",
      run: () => timed(`/api/health-records/patient/${patient.personalId}?own=true`, doctor.token),
    },
    {
      name: 'audit_list',
      what: 'GET /api/audit (the patient’s audit list)',
      run: () => timed('/api/audit', patient.token),
    },
  ];
}

/** p99 (ms) of `samples` sequential calls of each read, after a few untimed ones. */
export async function timeReads(reads: readonly GrowthRead[], samples: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const r of reads) {
    for (let i = 0; i < 3; i++) await r.run();
    const ms: number[] = [];
    for (let i = 0; i < samples; i++) ms.push(await r.run());
    out.set(r.name, round(percentile(ms, 99), 1));
  }
  return out;
}

/**
 * Grows the database at `url` to `total` health records (and as many audit entries) in bulk.
 * Returns the row counts after.
 */
export async function growDatabase(
  url: string,
  total: number,
  hospital: string,
): Promise<{ records: number; audit: number; ms: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = performance.now();
  try {
    const have = Number((await c.query('select count(*)::int as n from health_records')).rows[0].n);
    const add = Math.max(0, total - have);
    const patients = Math.max(100, Math.floor(add / 100));
    const doctors = Math.max(10, Math.floor(add / 1000));
    const authorities = Math.max(2, Math.floor(add / 10_000));
    await c.query('begin');
    // Synthetic people: ids and keys are unique text, secret keys random-looking bytes.
    await c.query(
      `insert into users (id, user_type, password_hash, status, created_at)
         select 'gh' || lpad(i::text, 30, '0'), 'health_authorities', 'x', 'active', '2026-01-01T00:00:00.000Z' from generate_series(1, $1) i
         union all
         select 'gd' || lpad(i::text, 30, '0'), 'doctors', 'x', 'active', '2026-01-01T00:00:00.000Z' from generate_series(1, $2) i
         union all
         select 'gp' || lpad(i::text, 30, '0'), 'patients', 'x', 'active', '2026-01-01T00:00:00.000Z' from generate_series(1, $3) i`,
      [authorities, doctors, patients],
    );
    await c.query(
      `insert into health_authorities (id, name, type, address, phone, public_key, secret_key, register_tx)
         select 'gh' || lpad(i::text, 30, '0'), 'Growth Hospital ' || i, 'Hospital', 'Street ' || i, '+381 11 ' || i,
                'ghk' || md5(i::text), decode(md5('ghs' || i), 'hex'), '{}'
         from generate_series(1, $1) i`,
      [authorities],
    );
    await c.query(
      `insert into doctors (id, first_name, last_name, health_authority_id)
         select 'gd' || lpad(i::text, 30, '0'), 'Doctor' || i, 'Growth', 'gh' || lpad((1 + i % $2)::text, 30, '0')
         from generate_series(1, $1) i`,
      [doctors, authorities],
    );
    await c.query(
      `insert into patients (id, first_name, last_name, personal_id, date_of_birth, gender, address, phone,
                             citizenship, public_key, secret_key, register_tx)
         select 'gp' || lpad(i::text, 30, '0'), 'Patient' || i, 'Growth', 'g' || lpad(i::text, 12, '0'), '1980-01-01',
                'Female', 'Road ' || i, '+381 64 ' || i, 'Serbian', 'gpk' || md5(i::text), decode(md5('gps' || i), 'hex'), '{}'
         from generate_series(1, $1) i`,
      [patients],
    );
    // Record i: doctor i mod D (of authority 1 + (i mod D) mod A), patient i mod P, a second apart;
    // one in ten is filed under the hospital the reads are made from, so that it grows too.
    await c.query(
      `insert into health_records (id, patient_id, health_authority_id, doctor_id, status, ciphertext, wrapped_key,
                                   key_id, anchor_tx, tx_id, created_at)
         select md5('gr' || i), 'gp' || lpad((1 + i % $2)::text, 30, '0'),
                case when i % 10 = 0 then $5 else 'gh' || lpad((1 + (1 + i % $3) % $4)::text, 30, '0') end,
                'gd' || lpad((1 + i % $3)::text, 30, '0'),
                'anchored', decode(md5('c' || i) || md5('d' || i), 'hex'), decode(md5('w' || i), 'hex'), 'growth', '{}',
                md5('gt' || i), to_char(timestamp '2025-01-01' + i * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
         from generate_series(1, $1) i`,
      [add, patients, doctors, authorities, hospital],
    );
    const max = Number((await c.query('select coalesce(max(seq), 0)::bigint as m from audit_log')).rows[0].m);
    // Past the live entries with room to spare: the API may append a few meanwhile.
    const from = max + 100_000;
    await c.query(
      `insert into audit_log (seq, at, actor_id, actor_type, action, record_id, patient_id, health_authority_id, ip, outcome)
         select $2 + i, '2026-01-01T00:00:00.000Z', 'gd' || lpad((1 + i % $3)::text, 30, '0'), 'doctors', 'create',
                md5('gr' || i), 'gp' || lpad((1 + i % $4)::text, 30, '0'),
                'gh' || lpad((1 + (1 + i % $3) % $5)::text, 30, '0'), '127.0.0.1', 'ok'
         from generate_series(0, $1 - 1) i`,
      [add, from, doctors, patients, authorities],
    );
    if (add > 0) {
      await c.query(
        `insert into audit_checkpoints (from_seq, to_seq, root, tx, tx_id, status, created_at)
           values ($1, $2, 'growth', '{}', md5($3), 'anchored', '2026-01-01T00:00:00.000Z')`,
        [from, from + add - 1, `growth ${from}`],
      );
    }
    await c.query('commit');
    await c.query('analyze');
    const records = Number((await c.query('select count(*)::int as n from health_records')).rows[0].n);
    const audit = Number((await c.query('select count(*)::int as n from audit_log')).rows[0].n);
    return { records, audit, ms: performance.now() - t0 };
  } catch (e) {
    await c.query('rollback').catch(() => {});
    throw e;
  } finally {
    await c.end();
  }
}
