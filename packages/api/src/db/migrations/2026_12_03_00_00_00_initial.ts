/**
 * The first schema. Migrations take Kysely<any>: they stay frozen in time while the app's
 * `Database` type moves on. Uniqueness lives in the database (personal IDs, public keys, one
 * active request per record and health authority) so that races cannot break it (contract F22).
 */
import { type Kysely, sql } from 'kysely';

/** One statement at a time: the extended query protocol takes a single command. */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no particular schema
async function run(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of script.split(';')) {
    if (statement.trim() !== '') await sql.raw(statement).execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no particular schema
export async function up(db: Kysely<any>): Promise<void> {
  await run(
    db,
    `
    create table users (
      id text primary key,
      user_type text not null check (user_type in ('patients','health_authorities','doctors','central_authority')),
      password_hash text not null,
      status text not null check (status in ('pending','active')),
      created_at text not null
    );
    create table central_authorities (
      id text primary key references users(id) on delete cascade,
      name text not null
    );
    create table health_authorities (
      id text primary key references users(id) on delete cascade,
      name text not null, type text not null, address text not null, phone text not null,
      public_key text not null unique,
      secret_key bytea not null,
      register_tx text not null
    );
    create table patients (
      id text primary key references users(id) on delete cascade,
      first_name text not null, last_name text not null,
      personal_id text not null unique,
      date_of_birth text not null, gender text not null, address text not null, phone text not null,
      citizenship text not null,
      public_key text not null unique,
      secret_key bytea not null,
      register_tx text not null
    );
    create table doctors (
      id text primary key references users(id) on delete cascade,
      first_name text not null, last_name text not null,
      health_authority_id text not null references health_authorities(id)
    );
    create index doctors_health_authority on doctors (health_authority_id);
    create table health_records (
      id text primary key,
      patient_id text not null references patients(id),
      health_authority_id text not null references health_authorities(id),
      doctor_id text not null references doctors(id),
      status text not null check (status in ('pending','anchored')),
      ciphertext bytea not null,
      wrapped_key bytea not null,
      key_id text not null,
      anchor_tx text not null,
      tx_id text not null unique,
      created_at text not null
    );
    create index health_records_patient on health_records (patient_id, created_at);
    create index health_records_authority on health_records (health_authority_id, created_at);
    create index health_records_pending on health_records (created_at) where status = 'pending';
    create table access_requests (
      id text primary key,
      health_record_id text not null references health_records(id),
      patient_id text not null references patients(id),
      health_authority_id text not null references health_authorities(id),
      doctor_id text not null references doctors(id),
      status text not null check (status in ('pending','accepted','consumed','denied','withdrawn','revoked')),
      created_at text not null,
      accepted_at text,
      grant_tx_id text,
      revoke_tx_id text,
      pending_tx text,
      pending_status text,
      pending_since text
    );
    create unique index access_requests_active on access_requests (health_record_id, health_authority_id)
      where status in ('pending','accepted');
    create index access_requests_patient on access_requests (patient_id, status);
    create index access_requests_authority on access_requests (health_authority_id, status);
    create index access_requests_chain_pending on access_requests (pending_since) where pending_tx is not null;
    create table audit_log (
      seq bigint primary key,
      at text not null,
      actor_id text not null,
      actor_type text not null,
      action text not null,
      record_id text,
      patient_id text,
      health_authority_id text,
      ip text not null,
      outcome text not null
    );
    create index audit_log_patient on audit_log (patient_id, seq);
    create index audit_log_authority on audit_log (health_authority_id, seq);
    create index audit_log_actor on audit_log (actor_id, seq);
    create table audit_checkpoints (
      from_seq bigint primary key,
      to_seq bigint not null unique,
      root text not null,
      tx text not null,
      tx_id text not null,
      status text not null check (status in ('pending','anchored')),
      created_at text not null
    );
    create table service_keys (
      id text primary key,
      public_key text not null unique,
      secret_key bytea not null,
      register_tx text not null,
      status text not null check (status in ('pending','active'))
    );
    create table meta (key text primary key, value text not null);
  `,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await run(
    db,
    `
    drop table meta; drop table service_keys; drop table audit_checkpoints; drop table audit_log;
    drop table access_requests; drop table health_records; drop table doctors; drop table patients;
    drop table health_authorities; drop table central_authorities; drop table users;
  `,
  );
}
