/**
 * Access to records (contract 2.7, 2.8, 2.12–2.16, 5): a doctor's health authority requests a
 * record written elsewhere; the patient approves (an `access.grant` signed with the patient's key,
 * acknowledged on chain before the answer), denies, or later revokes (`access.revoke`). A doctor
 * decrypts only with an approved request of its authority whose grant is live on chain, and the
 * read consumes the request (one view per approval, as the reference client expects).
 *
 * States: pending → accepted → consumed; pending → denied (patient) | withdrawn (doctor);
 * accepted | consumed → revoked. A chain write in flight is kept on the row (`pending_tx`) so that
 * a killed process finishes it at the next start.
 */
import {
  bytesToHex,
  parseId128,
  parsePublicKey,
  signTransaction,
  type Transaction,
  txId,
} from '@chartproof/ledger';
import { ChainRejected } from '../chain/chain-client.js';
import { custodialKey } from '../chain/keys.js';
import type { AppContext, Principal, PrincipalOf } from '../context.js';
import { sameToken } from '../crypto/capabilities.js';
import {
  doctorNames,
  findAnchoredRecord,
  findHealthAuthority,
  findPatient,
  healthAuthorityNames,
} from '../db/lookups.js';
import {
  type AccessRequestRow,
  type HealthRecordRow,
  now,
  type RequestStatus,
  UserType,
} from '../db/tables.js';
import { ApiError, badRequest, forbidden, notFound } from '../errors.js';
import { isId, newId } from '../ids.js';
import { sortedRecord } from '../schemas/records.js';
import { isPlainObject } from '../schemas/validation.js';
import { isUniqueViolation, REJECTED } from './accounts.js';
import { AuditAction } from './audit-log.js';
import { assertSameRequest, requestHash } from './idempotency.js';
import { tryOpen } from './integrity.js';

export const RECORD_NOT_FOUND = 'Health record not found';
export const SECRET_KEY_MISSING = 'Secret key not provided!';
export const KEY_INVALID = 'Key is invalid!';
export const SECRET_KEY_INVALID = 'Secret key invalid!';
export const REQUEST_NOT_FOUND = 'Request not found!';
export const NO_ACCESS = 'Dont have access!'; // sic

const ACTIVE: readonly RequestStatus[] = ['pending', 'accepted'];
const GRANTED: readonly RequestStatus[] = ['accepted', 'consumed'];

export type ProofAccess =
  | { readonly kind: 'reader' }
  | { readonly kind: 'grantee'; readonly requestId: string }
  | { readonly kind: 'evidence' };

type Ctx = Pick<AppContext, 'db' | 'chain' | 'genesis' | 'secrets' | 'caps' | 'audit' | 'log'>;

function secretKeyOf(body: unknown): string {
  const key = isPlainObject(body) ? body.secret_key : undefined;
  if (typeof key !== 'string' || key.length === 0 || key.length > 512) throw badRequest(SECRET_KEY_MISSING);
  return key;
}

function publicRequest(r: AccessRequestRow) {
  return {
    _id: r.id,
    health_record_id: r.health_record_id,
    patient_id: r.patient_id,
    health_authority_id: r.health_authority_id,
    doctor_id: r.doctor_id,
    status: r.status,
    created_at: r.created_at,
  };
}

export class Access {
  constructor(private readonly ctx: Ctx) {}

  private audit(
    p: Principal,
    action: AuditAction,
    row: { id: string; patient_id: string } | null,
    outcome = 'ok',
  ) {
    return this.ctx.audit.note(
      p,
      action,
      row === null ? {} : { record_id: row.id, patient_id: row.patient_id },
      outcome,
    );
  }

  /** The first 500 requests of one patient or one authority in the given states. */
  private requestsOf(
    owner: 'patient_id' | 'health_authority_id',
    id: string,
    states: readonly RequestStatus[],
    [column, direction]: readonly ['created_at' | 'accepted_at', 'asc' | 'desc'],
  ) {
    return this.ctx.db
      .selectFrom('access_requests')
      .selectAll()
      .where(owner, '=', id)
      .where('status', 'in', states)
      .orderBy(column, direction)
      .limit(500)
      .execute();
  }

  /** The names of the rows' doctors (consent with context: who asks, beside their authority). */
  private doctorNamesOf(rows: readonly AccessRequestRow[]) {
    return doctorNames(
      this.ctx.db,
      rows.map((r) => r.doctor_id),
    );
  }

  /** Each row with its authority's name, '' for one no longer stored (2.13 and the grants list). */
  private async withAuthorityNames<R extends { health_authority_id: string }>(rows: R[]) {
    const names = await healthAuthorityNames(
      this.ctx.db,
      rows.map((r) => r.health_authority_id),
    );
    return rows.map((r) => [r, names.get(r.health_authority_id) ?? ''] as const);
  }

  /** 2.12; with an Idempotency-Key, a retry answers with the request the first call created. */
  async request(doctor: PrincipalOf<'doctors'>, body: unknown, idempotencyKey?: string) {
    if (!isPlainObject(body)) throw badRequest('No data provided');
    for (const field of ['health_record_id', 'patient_id'] as const) {
      if (!Object.hasOwn(body, field)) throw badRequest(`Missing required field: ${field}`);
      if (!isId(body[field])) throw badRequest(`${field}: expected an id of 32 lowercase hex digits`);
    }
    const idem = idempotencyKey === undefined ? undefined : { key: idempotencyKey, hash: requestHash(body) };
    if (idem !== undefined) {
      const earlier = await this.requestByIdempotencyKey(doctor.id, idem.key);
      if (earlier !== undefined) {
        assertSameRequest(earlier.request_hash, idem.hash);
        return publicRequest(earlier);
      }
    }
    const recordId = body.health_record_id as string;
    const patientId = body.patient_id as string;
    const patient = await findPatient(this.ctx.db, patientId);
    if (patient === undefined) throw notFound('Patient not found!');
    const record = await findAnchoredRecord(this.ctx.db, recordId);
    if (record === undefined) throw notFound('Health record not found!');
    if (record.patient_id !== patientId) throw badRequest('Health record does not belong to this patient!');
    const ha = doctor.healthAuthorityId;
    if (record.health_authority_id === ha) {
      throw badRequest('Health record was created by your own health authority: no request is needed');
    }
    const row = {
      id: newId(),
      health_record_id: recordId,
      patient_id: patientId,
      health_authority_id: ha,
      doctor_id: doctor.id,
      status: 'pending' as const,
      created_at: now(),
      accepted_at: null,
      grant_tx_id: null,
      revoke_tx_id: null,
      pending_tx: null,
      pending_status: null,
      pending_since: null,
      idempotency_key: idem?.key ?? null,
      request_hash: idem?.hash ?? null,
    };
    try {
      await this.ctx.db.insertInto('access_requests').values(row).execute();
    } catch (e) {
      if (idem !== undefined && isUniqueViolation(e, 'access_requests_idempotency')) {
        // The same key twice at once: the other call made the request; answer with it.
        const earlier = await this.requestByIdempotencyKey(doctor.id, idem.key);
        if (earlier !== undefined) {
          assertSameRequest(earlier.request_hash, idem.hash);
          return publicRequest(earlier);
        }
      }
      if (isUniqueViolation(e, 'access_requests_active')) throw badRequest('Request aleady exists!'); // sic
      throw e;
    }
    await this.audit(doctor, AuditAction.REQUEST, record);
    return publicRequest(row);
  }

  private requestByIdempotencyKey(doctorId: string, key: string) {
    return this.ctx.db
      .selectFrom('access_requests')
      .selectAll()
      .where('doctor_id', '=', doctorId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  /** 2.13: the patient's pending requests, a bare array. */
  async inbox(patient: PrincipalOf<'patients'>) {
    const rows = await this.requestsOf('patient_id', patient.id, ['pending'], ['created_at', 'asc']);
    const doctors = await this.doctorNamesOf(rows);
    return (await this.withAuthorityNames(rows)).map(([r, health_authority_name]) => ({
      _id: r.id,
      health_authority_id: r.health_authority_id,
      health_authority_name,
      health_record_id: r.health_record_id,
      patient_id: r.patient_id,
      created_at: r.created_at,
      // Consent with context (issue 15): who asks, beside the authority they ask for.
      doctor_id: r.doctor_id,
      doctor_name: doctors.get(r.doctor_id) ?? '',
    }));
  }

  /** 2.14: the doctor's authority's pending and approved requests, without keys. */
  async outbox(doctor: PrincipalOf<'doctors'>) {
    const rows = await this.requestsOf('health_authority_id', doctor.healthAuthorityId, ACTIVE, [
      'created_at',
      'asc',
    ]);
    return rows.map(publicRequest);
  }

  /**
   * Extension: the patient's grants, live (accepted), used (consumed) and revoked, so "Who has
   * access" can say what became of each. A revoke still waiting for the chain reads `revoking`.
   */
  async grants(patient: PrincipalOf<'patients'>) {
    const rows = await this.requestsOf(
      'patient_id',
      patient.id,
      [...GRANTED, 'revoked'],
      ['accepted_at', 'desc'],
    );
    const doctors = await this.doctorNamesOf(rows);
    return (await this.withAuthorityNames(rows)).map(([r, health_authority_name]) => ({
      _id: r.id,
      health_record_id: r.health_record_id,
      health_authority_id: r.health_authority_id,
      health_authority_name,
      status: r.status,
      accepted_at: r.accepted_at,
      grant_tx_id: r.grant_tx_id,
      doctor_id: r.doctor_id,
      doctor_name: doctors.get(r.doctor_id) ?? '',
      revoking: r.pending_status === 'revoked',
    }));
  }

  /** Signs and stores a chain write for a request, then submits it; the row moves on ack. */
  private async chainWrite(
    req: AccessRequestRow,
    type: 'access.grant' | 'access.revoke',
    next: RequestStatus,
  ): Promise<void> {
    const [patient, ha] = await Promise.all([
      this.ctx.db
        .selectFrom('patients')
        .select(['public_key', 'secret_key'])
        .where('id', '=', req.patient_id)
        .executeTakeFirstOrThrow(),
      findHealthAuthority(this.ctx.db, req.health_authority_id),
    ]);
    if (ha === undefined) throw notFound(REQUEST_NOT_FOUND);
    const tx = signTransaction(
      type,
      {
        record_id: parseId128(req.health_record_id, 'health_record_id'),
        grantee: parsePublicKey(ha.public_key, 'health_authorities.public_key'),
        request_id: parseId128(req.id, 'access_requests.id'),
      },
      custodialKey(this.ctx.secrets.masterKey, req.patient_id, patient.secret_key),
      this.ctx.genesis.hashBytes,
    );
    await this.ctx.db
      .updateTable('access_requests')
      .set({ pending_tx: JSON.stringify(tx), pending_status: next, pending_since: now() })
      .where('id', '=', req.id)
      .execute();
    await this.finish(req.id, tx, next);
  }

  private async finish(id: string, tx: Transaction, next: RequestStatus): Promise<void> {
    try {
      await this.ctx.chain.submit(tx);
    } catch (e) {
      if (!(e instanceof ChainRejected)) throw e;
      await this.ctx.db
        .updateTable('access_requests')
        .set({ pending_tx: null, pending_status: null })
        .where('id', '=', id)
        .execute();
      throw badRequest(REJECTED, { blockchain_message: e.message });
    }
    const at = now();
    const id_ = txId(tx, this.ctx.genesis.hashBytes);
    await this.ctx.db
      .updateTable('access_requests')
      .set(
        next === 'revoked'
          ? { status: next, revoke_tx_id: id_, pending_tx: null, pending_status: null }
          : { status: next, accepted_at: at, grant_tx_id: id_, pending_tx: null, pending_status: null },
      )
      .where('id', '=', id)
      .execute();
  }

  /** Chain writes a killed process left in flight. */
  async reconcile(): Promise<number> {
    const rows = await this.ctx.db
      .selectFrom('access_requests')
      .select(['id', 'pending_tx', 'pending_status'])
      .where('pending_tx', 'is not', null)
      .limit(1000)
      .execute();
    let done = 0;
    for (const r of rows) {
      try {
        await this.finish(r.id, JSON.parse(r.pending_tx!), r.pending_status!);
        done++;
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        this.ctx.log.warn({ request: r.id, err: e.message }, 'pending grant or revoke not acknowledged yet');
      }
    }
    return done;
  }

  /** 2.16: the patient approves with the token 2.10 gave for that record. */
  async accept(patient: PrincipalOf<'patients'>, requestId: string, body: unknown): Promise<void> {
    const secret = secretKeyOf(body);
    const req = isId(requestId)
      ? await this.ctx.db
          .selectFrom('access_requests as r')
          .innerJoin('health_records as h', 'h.id', 'r.health_record_id')
          .selectAll('r')
          .where('r.id', '=', requestId)
          .where('r.patient_id', '=', patient.id)
          .where('h.patient_id', '=', patient.id)
          .executeTakeFirst()
      : undefined;
    if (req === undefined) throw badRequest(NO_ACCESS);
    if (!sameToken(secret, this.ctx.caps.patient(patient.id, req.health_record_id))) {
      await this.audit(
        patient,
        AuditAction.DENIED,
        { id: req.health_record_id, patient_id: patient.id },
        'bad_key',
      );
      throw forbidden(KEY_INVALID);
    }
    if (GRANTED.includes(req.status)) return; // idempotent
    if (req.status !== 'pending') throw notFound(REQUEST_NOT_FOUND);
    await this.chainWrite(req, 'access.grant', 'accepted');
    await this.audit(patient, AuditAction.GRANT, { id: req.health_record_id, patient_id: patient.id });
  }

  /** 2.15: decline or withdraw a pending request; revoke an approved one. */
  async remove(p: PrincipalOf<'patients' | 'doctors'>, requestId: string): Promise<'deleted' | 'revoked'> {
    if (!isId(requestId)) throw notFound(REQUEST_NOT_FOUND);
    let q = this.ctx.db.selectFrom('access_requests').selectAll().where('id', '=', requestId);
    q =
      p.type === UserType.PATIENT
        ? q.where('patient_id', '=', p.id)
        : q.where('health_authority_id', '=', p.healthAuthorityId);
    const req = await q.executeTakeFirst();
    if (req === undefined) throw notFound(REQUEST_NOT_FOUND);
    const record = { id: req.health_record_id, patient_id: req.patient_id };
    if (req.status === 'pending') {
      const next = p.type === UserType.PATIENT ? 'denied' : 'withdrawn';
      const r = await this.ctx.db
        .updateTable('access_requests')
        .set({ status: next })
        .where('id', '=', req.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw notFound(REQUEST_NOT_FOUND);
      await this.audit(p, AuditAction.DENY, record);
      return 'deleted';
    }
    if (GRANTED.includes(req.status)) {
      await this.chainWrite(req, 'access.revoke', 'revoked');
      await this.audit(p, AuditAction.REVOKE, record);
      return 'revoked';
    }
    throw notFound(REQUEST_NOT_FOUND);
  }

  /** 2.7: one read per approval, only while the grant is live on chain. */
  async decrypt(doctor: PrincipalOf<'doctors'>, recordId: string, body: unknown) {
    const row = isId(recordId) ? await findAnchoredRecord(this.ctx.db, recordId) : undefined;
    if (row === undefined) throw notFound(RECORD_NOT_FOUND);
    const secret = secretKeyOf(body);
    const ha = doctor.healthAuthorityId;
    const req = await this.ctx.db
      .selectFrom('access_requests')
      .selectAll()
      .where('health_record_id', '=', row.id)
      .where('health_authority_id', '=', ha)
      .where('status', '=', 'accepted')
      .executeTakeFirst();
    const refuse = async (why: string) => {
      await this.audit(doctor, AuditAction.DENIED, row, why);
      return forbidden(SECRET_KEY_INVALID);
    };
    if (req === undefined) throw await refuse('no_grant');
    const token = this.ctx.caps.grant(req.id, row.id);
    if (!sameToken(secret, token)) throw await refuse('bad_key');
    const grant = await this.ctx.chain.grant(req.id);
    if (grant === null || !grant.live || grant.record_id !== row.id) throw await refuse('grant_not_live');
    const opened = tryOpen(this.ctx.secrets.masterKey, row);
    if (opened === null) throw new ApiError(422, 'Health record is invalid!');
    if (!(await this.consume(req.id))) throw await refuse('already_consumed');
    await this.audit(doctor, AuditAction.DECRYPT, row);
    // The salt (an addition to 2.7) lets the reader re-check the commitment in the browser later,
    // when /proof no longer gives the content to it.
    return { health_record: sortedRecord(opened.record), key: token, salt: bytesToHex(opened.salt) };
  }

  /** Takes the one read an approved request allows; false when another read took it first. */
  private async consume(requestId: string): Promise<boolean> {
    const consumed = await this.ctx.db
      .updateTable('access_requests')
      .set({ status: 'consumed' })
      .where('id', '=', requestId)
      .where('status', '=', 'accepted')
      .executeTakeFirst();
    return Number(consumed.numUpdatedRows) > 0;
  }

  /**
   * Whether /proof may carry a record's content, by the decrypt rule: to its patient and the
   * writing authority's doctors always; to a grantee's doctor while its grant is approved,
   * unconsumed and live on chain (and then it is that grant's one read, see `readByProof`);
   * to any other entitled caller only the evidence (commitment, receipt). Not entitled: 404.
   */
  async proofAccess(p: Principal, recordId: string): Promise<{ row: HealthRecordRow; access: ProofAccess }> {
    const { row } = await this.entitledRecord(p, recordId);
    if (p.type === UserType.PATIENT || row.health_authority_id === p.healthAuthorityId) {
      return { row, access: { kind: 'reader' } };
    }
    const req = await this.ctx.db
      .selectFrom('access_requests')
      .select('id')
      .where('health_record_id', '=', row.id)
      .where('health_authority_id', '=', p.healthAuthorityId!)
      .where('status', '=', 'accepted')
      .executeTakeFirst();
    if (req !== undefined) {
      const grant = await this.ctx.chain.grant(req.id);
      if (grant?.live && grant.record_id === row.id) {
        return { row, access: { kind: 'grantee', requestId: req.id } };
      }
    }
    return { row, access: { kind: 'evidence' } };
  }

  /** /proof as a grantee's one read: consumes the grant and is audited as the decrypt it replaces. */
  async readByProof(doctor: Principal, row: HealthRecordRow, requestId: string): Promise<boolean> {
    if (!(await this.consume(requestId))) return false;
    await this.audit(doctor, AuditAction.DECRYPT, row, 'proof');
    return true;
  }

  /**
   * Who may verify or see the proof of a record, and with which token (contract 5): the patient
   * owner; doctors of the creating authority; doctors of an authority with an approved or
   * consumed (not revoked) grant. Not entitled: 404, so the record's existence is not confirmed.
   */
  async entitledToken(p: Principal, row: HealthRecordRow): Promise<string[]> {
    if (p.type === UserType.PATIENT)
      return row.patient_id === p.id ? [this.ctx.caps.patient(p.id, row.id)] : [];
    if (p.type !== UserType.DOCTOR) return [];
    const ha = p.healthAuthorityId;
    if (row.health_authority_id === ha) return [this.ctx.caps.owner(ha, row.id)];
    const grants = await this.ctx.db
      .selectFrom('access_requests')
      .select(['id'])
      .where('health_record_id', '=', row.id)
      .where('health_authority_id', '=', ha)
      .where('status', 'in', GRANTED)
      .execute();
    return grants.map((g) => this.ctx.caps.grant(g.id, row.id));
  }

  /** The record for verify/proof, or 404 if missing or not the caller's to see. */
  async entitledRecord(p: Principal, recordId: string) {
    const row = isId(recordId) ? await findAnchoredRecord(this.ctx.db, recordId) : undefined;
    if (row === undefined) throw notFound(RECORD_NOT_FOUND);
    const tokens = await this.entitledToken(p, row);
    if (tokens.length === 0) {
      await this.audit(p, AuditAction.DENIED, row, 'not_entitled');
      throw notFound(RECORD_NOT_FOUND);
    }
    return { row, tokens };
  }

  async checkToken(p: Principal, row: HealthRecordRow, tokens: string[], body: unknown): Promise<void> {
    const secret = secretKeyOf(body);
    if (!tokens.some((t) => sameToken(secret, t))) {
      await this.audit(p, AuditAction.DENIED, row, 'bad_key');
      throw forbidden(KEY_INVALID);
    }
  }

  /** 2.10 */
  async patientToken(patient: PrincipalOf<'patients'>, recordId: string): Promise<string> {
    const row = isId(recordId) ? await findAnchoredRecord(this.ctx.db, recordId) : undefined;
    if (row === undefined || row.patient_id !== patient.id) throw notFound('Health record not found!');
    return this.ctx.caps.patient(patient.id, row.id);
  }
}
