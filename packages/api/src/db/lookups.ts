/** The reads many services share. Every function takes the database (or a transaction) first. */
import type { Kysely, Transaction } from 'kysely';
import type { Database, UserType } from './tables.js';

type Q = Kysely<Database> | Transaction<Database>;

/** An active user of the given type, with a doctor's health authority. */
export function findPrincipal(db: Q, id: string, type: UserType) {
  return db
    .selectFrom('users as u')
    .leftJoin('doctors as d', 'd.id', 'u.id')
    .select(['u.id', 'u.user_type', 'd.health_authority_id', 'u.must_change_password', 'u.password_version'])
    .where('u.id', '=', id)
    .where('u.user_type', '=', type)
    .where('u.status', '=', 'active')
    .executeTakeFirst();
}

export function findActiveUser(db: Q, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'user_type', 'password_hash', 'must_change_password', 'password_version'])
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

const activePatients = (db: Q) =>
  db
    .selectFrom('patients as p')
    .innerJoin('users as u', 'u.id', 'p.id')
    .where('u.status', '=', 'active')
    .selectAll('p');

export const findPatient = (db: Q, id: string) =>
  activePatients(db).where('p.id', '=', id).executeTakeFirst();

export const findPatientByPersonalId = (db: Q, personalId: string) =>
  activePatients(db).where('p.personal_id', '=', personalId).executeTakeFirst();

export const findHealthAuthority = (db: Q, id: string) =>
  db
    .selectFrom('health_authorities as h')
    .innerJoin('users as u', 'u.id', 'h.id')
    .where('u.status', '=', 'active')
    .where('h.id', '=', id)
    .selectAll('h')
    .executeTakeFirst();

export async function healthAuthorityNames(db: Q, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('health_authorities')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Doctors as people read them: "Dr. First Last", by id. */
export async function doctorNames(db: Q, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('doctors')
    .select(['id', 'first_name', 'last_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, `Dr. ${r.first_name} ${r.last_name}`]));
}

export const findDoctor = (db: Q, id: string) =>
  db.selectFrom('doctors').selectAll().where('id', '=', id).executeTakeFirst();

export const findRecord = (db: Q, id: string) =>
  db.selectFrom('health_records').selectAll().where('id', '=', id).executeTakeFirst();

/** A record that exists for users: acknowledged on chain (a pending one was never answered 201). */
export const findAnchoredRecord = (db: Q, id: string) =>
  db
    .selectFrom('health_records')
    .selectAll()
    .where('id', '=', id)
    .where('status', '=', 'anchored')
    .executeTakeFirst();
