/**
 * The database's tables as Kysely types. Times are ISO-8601 UTC strings (`…T…Z`, milliseconds):
 * the same text on PostgreSQL and PGlite, sortable, and hashed byte for byte in audit leaves.
 * Byte columns come back as Buffer (pg) or Uint8Array (PGlite); read them through `bytes()`.
 */
import type { Generated, Selectable } from 'kysely';

export const UserType = Object.freeze({
  PATIENT: 'patients',
  HEALTH_AUTHORITY: 'health_authorities',
  DOCTOR: 'doctors',
  CENTRAL_AUTHORITY: 'central_authority',
} as const);
export type UserType = (typeof UserType)[keyof typeof UserType];
export const USER_TYPES: readonly UserType[] = Object.values(UserType);

/** A row written before its chain transaction is acknowledged is `pending`; then `active`/`anchored`. */
export type ChainStatus = 'pending' | 'active';

export interface UsersTable {
  id: string;
  user_type: UserType;
  password_hash: string;
  status: ChainStatus;
  created_at: string;
  /** A generated password: nothing but a password change is allowed until it is replaced. */
  must_change_password: Generated<boolean>;
  /** How many times the password changed; tokens carry it (`pwv`), older ones are refused. */
  password_version: Generated<number>;
}

export interface CentralAuthoritiesTable {
  id: string;
  name: string;
}

export interface HealthAuthoritiesTable {
  id: string;
  name: string;
  type: string;
  address: string;
  phone: string;
  public_key: string;
  secret_key: Uint8Array;
  register_tx: string;
}

export interface PatientsTable {
  id: string;
  first_name: string;
  last_name: string;
  personal_id: string;
  date_of_birth: string;
  gender: string;
  address: string;
  phone: string;
  citizenship: string;
  public_key: string;
  secret_key: Uint8Array;
  register_tx: string;
}

export interface DoctorsTable {
  id: string;
  first_name: string;
  last_name: string;
  health_authority_id: string;
}

export type RecordStatus = 'pending' | 'anchored';

export interface HealthRecordsTable {
  id: string;
  patient_id: string;
  health_authority_id: string;
  doctor_id: string;
  status: RecordStatus;
  ciphertext: Uint8Array;
  wrapped_key: Uint8Array;
  key_id: string;
  /** The signed record.anchor transaction, JSON: resubmitted as is until acknowledged. */
  anchor_tx: string;
  tx_id: string;
  created_at: string;
  /** The creating request's Idempotency-Key and body hash (services/idempotency.ts), if it sent one. */
  idempotency_key: string | null;
  request_hash: string | null;
}

export type RequestStatus = 'pending' | 'accepted' | 'consumed' | 'denied' | 'withdrawn' | 'revoked';

export interface AccessRequestsTable {
  id: string;
  health_record_id: string;
  patient_id: string;
  health_authority_id: string;
  doctor_id: string;
  status: RequestStatus;
  created_at: string;
  accepted_at: string | null;
  grant_tx_id: string | null;
  revoke_tx_id: string | null;
  /** A signed access.grant / access.revoke not yet acknowledged, JSON, and what it leads to. */
  pending_tx: string | null;
  pending_status: RequestStatus | null;
  pending_since: string | null;
  /** The creating request's Idempotency-Key and body hash (services/idempotency.ts), if it sent one. */
  idempotency_key: string | null;
  request_hash: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string;
  actor_type: string;
  action: string;
  record_id: string | null;
  patient_id: string | null;
  health_authority_id: string | null;
  ip: string;
  outcome: string;
}

export interface AuditCheckpointsTable {
  from_seq: number;
  to_seq: number;
  root: string;
  tx: string;
  tx_id: string;
  status: RecordStatus;
  created_at: string;
}

export interface ServiceKeysTable {
  id: string;
  public_key: string;
  secret_key: Uint8Array;
  register_tx: string;
  status: ChainStatus;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  users: UsersTable;
  central_authorities: CentralAuthoritiesTable;
  health_authorities: HealthAuthoritiesTable;
  patients: PatientsTable;
  doctors: DoctorsTable;
  health_records: HealthRecordsTable;
  access_requests: AccessRequestsTable;
  audit_log: AuditLogTable;
  audit_checkpoints: AuditCheckpointsTable;
  service_keys: ServiceKeysTable;
  meta: MetaTable;
}

export type HealthRecordRow = Selectable<HealthRecordsTable>;
export type AccessRequestRow = Selectable<AccessRequestsTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type PatientRow = Selectable<PatientsTable>;
export type HealthAuthorityRow = Selectable<HealthAuthoritiesTable>;
export type DoctorRow = Selectable<DoctorsTable>;

export function bytes(v: Uint8Array): Buffer {
  return Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

export const now = (): string => new Date().toISOString();
