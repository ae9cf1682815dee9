/**
 * Health records (contract 2.6, 2.8, 2.9, 2.11): creation with envelope encryption and an
 * on-chain anchor, the patient's and the health authority's listings, the doctor's view of a
 * patient's records elsewhere (read from the chain), verification and proofs.
 *
 * A record is written `pending` with its signed `record.anchor` before submission and marked
 * `anchored` once a majority of validators acknowledged it; only then is the answer 201. A process
 * killed in between leaves a pending row that `reconcile` submits again (the same transaction, so
 * it is anchored once). Where a record sits on chain is always read from a node when asked.
 */
import {
  bytesToHex,
  parseId128,
  parsePublicKey,
  recordCommitment,
  signTransaction,
  txId,
} from '@chartproof/ledger';
import { ChainRejected } from '../chain/chain-client.js';
import type { AppContext, PrincipalOf } from '../context.js';
import { newSalt, sealRecord } from '../crypto/envelope.js';
import { findHealthAuthority, findPatient, findPatientByPersonalId } from '../db/lookups.js';
import type { HealthRecordRow } from '../db/tables.js';
import { ApiError, badRequest, notFound } from '../errors.js';
import { newId } from '../ids.js';
import {
  buildRecord,
  clientTimestamp,
  parseRecordBody,
  recordDate,
  sortedRecord,
} from '../schemas/records.js';
import { isUniqueViolation, REJECTED } from './accounts.js';
import { AuditAction } from './audit-log.js';
import { Authors } from './authors.js';
import { assertSameRequest, requestHash } from './idempotency.js';
import { checkIntegrity, tryOpen } from './integrity.js';
import { receiptOf } from './receipt-lookup.js';

export const CREATED = 'Health record successfully added and confirmed on blockchain';
export const PATIENT_NOT_FOUND_SEARCH = 'Patinet not found!'; // sic: the contract's string
export const MAX_LIST = 500;
export const UNREADABLE =
  'Health record is unreadable: its stored ciphertext does not decrypt (possible tampering)';

type Ctx = Pick<AppContext, 'db' | 'chain' | 'genesis' | 'secrets' | 'caps' | 'audit' | 'metrics' | 'log'>;

export interface CreateOptions {
  /** For the demo data only, whose record ids the contract names. */
  readonly fixedId?: string;
  /** The request's Idempotency-Key: a retry with it answers for the record it first created. */
  readonly idempotencyKey?: string;
}

export interface Created {
  readonly id: string;
  readonly txId: string;
  readonly blockHash: string;
  readonly height: number;
}

export class Records {
  private readonly authors: Authors;

  constructor(private readonly ctx: Ctx) {
    this.authors = new Authors(ctx);
  }

  async create(doctor: PrincipalOf<'doctors'>, body: unknown, opts: CreateOptions = {}): Promise<Created> {
    const fields = parseRecordBody(body);
    const idem =
      opts.idempotencyKey === undefined ? undefined : { key: opts.idempotencyKey, hash: requestHash(body) };
    if (idem !== undefined) {
      const earlier = await this.byIdempotencyKey(doctor.id, idem.key);
      if (earlier !== undefined) return this.retried(earlier, idem.hash);
    }
    const [patient, doc, ha] = await Promise.all([
      findPatient(this.ctx.db, fields.patientId),
      this.authors.doctor(doctor.id),
      this.authors.authority(doctor.healthAuthorityId),
    ]);
    if (patient === undefined) throw notFound('Patient not found');
    if (doc === undefined || ha === undefined) throw new ApiError(401, 'Invalid token!');

    const id = opts.fixedId === undefined ? newId() : parseId128(opts.fixedId, 'fixedId');
    const createdAt = new Date();
    const record = buildRecord(fields, {
      _id: id,
      date: recordDate(createdAt),
      doctor_id: doc.id,
      doctor_first_name: doc.first_name,
      doctor_last_name: doc.last_name,
      health_authority_id: ha.id,
      health_authority_name: ha.name,
      patient_first_name: patient.first_name,
      patient_last_name: patient.last_name,
    });
    const salt = newSalt();
    const sealed = sealRecord(this.ctx.secrets.masterKey, id, patient.id, record, salt);
    const tx = signTransaction(
      'record.anchor',
      {
        record_id: id,
        patient: parsePublicKey(patient.public_key, 'patients.public_key'),
        creator: ha.publicKey,
        date: createdAt.toISOString(),
        commitment: recordCommitment(record, salt),
      },
      ha.key,
      this.ctx.genesis.hashBytes,
    );
    const id_ = txId(tx, this.ctx.genesis.hashBytes);
    try {
      await this.ctx.db
        .insertInto('health_records')
        .values({
          id,
          patient_id: patient.id,
          health_authority_id: ha.id,
          doctor_id: doc.id,
          status: 'pending',
          ciphertext: sealed.ciphertext,
          wrapped_key: sealed.wrappedKey,
          key_id: this.ctx.secrets.masterKeyId,
          anchor_tx: JSON.stringify(tx),
          tx_id: id_,
          created_at: createdAt.toISOString(),
          idempotency_key: idem?.key ?? null,
          request_hash: idem?.hash ?? null,
        })
        .execute();
    } catch (e) {
      // The same key in flight twice (a double click, a retry racing its original): one row wins,
      // and this request answers for it.
      if (idem === undefined || !isUniqueViolation(e, 'health_records_idempotency')) throw e;
      const earlier = await this.byIdempotencyKey(doctor.id, idem.key);
      if (earlier === undefined) throw e;
      return this.retried(earlier, idem.hash);
    }
    let ack: Awaited<ReturnType<AppContext['chain']['submit']>>;
    try {
      ack = await this.ctx.chain.submit(tx);
    } catch (e) {
      if (e instanceof ChainRejected) {
        await this.ctx.db.deleteFrom('health_records').where('id', '=', id).execute();
        throw badRequest(REJECTED, { blockchain_message: e.message, transaction_id: id_ });
      }
      // No node answered: the row stays pending and the reconciler anchors it when one does.
      throw e;
    }
    // Both durable before the 201; neither waits for the other.
    await Promise.all([
      this.ctx.db.updateTable('health_records').set({ status: 'anchored' }).where('id', '=', id).execute(),
      this.ctx.audit.note(doctor, AuditAction.CREATE, { record_id: id, patient_id: patient.id }),
    ]);
    this.ctx.metrics.recordsCreated.inc();
    return { id, txId: id_, blockHash: ack.block_hash, height: ack.height };
  }

  private byIdempotencyKey(doctorId: string, key: string) {
    return this.ctx.db
      .selectFrom('health_records')
      .select(['id', 'anchor_tx', 'tx_id', 'status', 'request_hash'])
      .where('doctor_id', '=', doctorId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  /**
   * A retry of a creation that already made its row: the same record, anchored (its transaction is
   * submitted again if it is still pending, so a retry after a 503 or a dropped answer finishes
   * the job), and the answer the first request would have given. No second audit entry: the
   * action was taken once.
   */
  private async retried(
    row: { id: string; anchor_tx: string; tx_id: string; status: string; request_hash: string | null },
    hash: string,
  ): Promise<Created> {
    assertSameRequest(row.request_hash, hash);
    const at = await this.anchorPending(row);
    return { id: row.id, txId: row.tx_id, blockHash: at.block_hash, height: at.height };
  }

  /**
   * Where a record's anchor sits once a majority acknowledged it. Already acknowledged (the
   * process died after the chain, before the row): just marked. Otherwise the same signed
   * transaction is submitted again, so a record is anchored once.
   */
  private async anchorPending(row: {
    id: string;
    anchor_tx: string;
    status: string;
  }): Promise<{ block_hash: string; height: number }> {
    const onChain = await this.ctx.chain.record(row.id);
    const at =
      onChain?.status === 'acknowledged' && onChain.block_hash !== undefined && onChain.height !== undefined
        ? { block_hash: onChain.block_hash, height: onChain.height }
        : await this.ctx.chain.submit(JSON.parse(row.anchor_tx));
    if (row.status === 'pending') {
      await this.ctx.db
        .updateTable('health_records')
        .set({ status: 'anchored' })
        .where('id', '=', row.id)
        .execute();
    }
    return at;
  }

  /** Pending rows (a crash, or no node answering at the time): submit again until acknowledged. */
  async reconcile(limit = 1000): Promise<number> {
    const pending = await this.ctx.db
      .selectFrom('health_records')
      .select(['id', 'anchor_tx', 'status'])
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .limit(limit)
      .execute();
    this.ctx.metrics.anchorsPending.set(pending.length);
    let done = 0;
    await Promise.all(
      pending.map(async (p) => {
        try {
          await this.anchorPending(p);
          done++;
        } catch (e) {
          if (!(e instanceof ChainRejected || e instanceof ApiError)) throw e;
          this.ctx.log.warn({ record: p.id, err: e.message }, 'pending record not anchored yet');
        }
      }),
    );
    this.ctx.metrics.anchorsPending.set(pending.length - done);
    return done;
  }

  /** Opens a row for a listing; one that does not open is reported (log, metric), never hidden. */
  private openForListing(row: HealthRecordRow) {
    const opened = tryOpen(this.ctx.secrets.masterKey, row);
    if (opened === null) {
      this.ctx.metrics.recordsUnreadable.inc();
      this.ctx.log.error(
        { record: row.id, patient: row.patient_id, health_authority: row.health_authority_id },
        'stored record does not decrypt: possible tampering; listed as unreadable',
      );
    }
    return opened;
  }

  /**
   * Opens rows for a listing. A row that does not open stays in the list, marked `unreadable`
   * with the reason (additions to 2.9): the ids and date the row holds, and no content.
   */
  private openAll(rows: HealthRecordRow[], key: (row: HealthRecordRow) => string) {
    return rows.map((row) => {
      const opened = this.openForListing(row);
      if (opened !== null) return { health_record: sortedRecord(opened.record), key: key(row) };
      return {
        health_record: {
          _id: row.id,
          date: recordDate(new Date(row.created_at)),
          patient_id: row.patient_id,
        },
        key: key(row),
        unreadable: true as const,
        problem: UNREADABLE,
      };
    });
  }

  /** 2.9: the patient's own records, each with the patient's token. */
  async forPatient(patient: PrincipalOf<'patients'>) {
    const rows = await this.ctx.db
      .selectFrom('health_records')
      .selectAll()
      .where('patient_id', '=', patient.id)
      .where('status', '=', 'anchored')
      .orderBy('created_at')
      .limit(MAX_LIST)
      .execute();
    await this.ctx.audit.note(patient, AuditAction.READ, { patient_id: patient.id });
    return this.openAll(rows, (r) => this.ctx.caps.patient(patient.id, r.id));
  }

  private async searched(personalId: string) {
    const patient = await findPatientByPersonalId(this.ctx.db, personalId);
    if (patient === undefined) throw notFound(PATIENT_NOT_FOUND_SEARCH);
    return patient;
  }

  /** 2.11 own=true: the searched patient's records written by the doctor's own health authority. */
  async ownForPatient(doctor: PrincipalOf<'doctors'>, personalId: string) {
    const patient = await this.searched(personalId);
    const ha = doctor.healthAuthorityId;
    const rows = await this.ctx.db
      .selectFrom('health_records')
      .selectAll()
      .where('patient_id', '=', patient.id)
      .where('health_authority_id', '=', ha)
      .where('status', '=', 'anchored')
      .orderBy('created_at')
      .limit(MAX_LIST)
      .execute();
    await Promise.all(
      rows.map((r) =>
        this.ctx.audit.note(doctor, AuditAction.READ, { record_id: r.id, patient_id: patient.id }),
      ),
    );
    return this.openAll(rows, (r) => this.ctx.caps.owner(ha, r.id));
  }

  /** 2.11 external: the patient's anchors on chain written elsewhere, with this HA's request state. */
  async externalForPatient(doctor: PrincipalOf<'doctors'>, personalId: string) {
    const patient = await this.searched(personalId);
    const ha = doctor.healthAuthorityId;
    const own = await findHealthAuthority(this.ctx.db, ha);
    const anchors = (await this.ctx.chain.anchors(patient.public_key, MAX_LIST)).filter(
      (a) => a.creator !== own?.public_key,
    );
    const creators = anchors.length
      ? await this.ctx.db
          .selectFrom('health_authorities')
          .select(['id', 'name', 'public_key'])
          .where('public_key', 'in', [...new Set(anchors.map((a) => a.creator))])
          .execute()
      : [];
    const byKey = new Map(creators.map((c) => [c.public_key, c]));
    const requests = anchors.length
      ? await this.ctx.db
          .selectFrom('access_requests')
          .select(['id', 'health_record_id', 'status', 'created_at'])
          .where('health_authority_id', '=', ha)
          .where(
            'health_record_id',
            'in',
            anchors.map((a) => a.record_id),
          )
          .orderBy('created_at')
          .execute()
      : [];
    const latest = new Map(requests.map((r) => [r.health_record_id, r]));
    await this.ctx.audit.note(doctor, AuditAction.READ, { patient_id: patient.id });
    const items = [];
    for (const a of anchors) {
      const creator = byKey.get(a.creator);
      if (creator === undefined) continue; // an authority this server does not know: skip (F20)
      const req = latest.get(a.record_id);
      items.push({
        added_at_blockchain: clientTimestamp(a.date),
        health_authority_id: creator.id,
        health_authority_name: creator.name,
        health_record_hash: a.commitment,
        health_record_id: a.record_id,
        patient_id: patient.id,
        request_status: req?.status ?? 'none',
        ...(req?.status === 'accepted' ? { key: this.ctx.caps.grant(req.id, a.record_id) } : {}),
      });
    }
    return items;
  }

  /** Extension: the records the health authority's doctors wrote, without their contents. */
  async forHealthAuthority(ha: PrincipalOf<'health_authorities'>) {
    const rows = await this.ctx.db
      .selectFrom('health_records')
      .selectAll()
      .where('health_authority_id', '=', ha.id)
      .orderBy('created_at', 'desc')
      .limit(MAX_LIST)
      .execute();
    const out = [];
    for (const row of rows) {
      const opened = this.openForListing(row);
      const r = opened?.record ?? {};
      out.push({
        _id: row.id,
        patient_id: row.patient_id,
        patient_first_name: r.patient_first_name ?? '',
        patient_last_name: r.patient_last_name ?? '',
        doctor_id: row.doctor_id,
        doctor_first_name: r.doctor_first_name ?? '',
        doctor_last_name: r.doctor_last_name ?? '',
        date: r.date ?? recordDate(new Date(row.created_at)),
        status: row.status,
        ...(opened === null ? { unreadable: true as const, problem: UNREADABLE } : {}),
      });
    }
    await this.ctx.audit.note(ha, AuditAction.READ);
    return out;
  }

  /** The keys that decide whether a stored record is the one anchored. */
  async integrityOf(row: HealthRecordRow) {
    const [patient, ha] = await Promise.all([
      findPatient(this.ctx.db, row.patient_id),
      findHealthAuthority(this.ctx.db, row.health_authority_id),
    ]);
    const receipt = await receiptOf(row.status, async () => {
      try {
        return (await this.ctx.chain.receipt({ record_id: row.id })) ?? 'not_found';
      } catch (e) {
        if (!(e instanceof ChainRejected)) throw e;
        return 'not_acknowledged';
      }
    });
    const opened = tryOpen(this.ctx.secrets.masterKey, row);
    const result = checkIntegrity({
      row,
      opened,
      receipt,
      patientKey: patient?.public_key ?? '',
      creatorKey: ha?.public_key ?? '',
      genesis: this.ctx.genesis,
    });
    return { result, opened, receipt };
  }

  /** Extension: everything a client needs to re-check the record without trusting this server. */
  async proof(row: HealthRecordRow, nodes: readonly string[]) {
    const { result, opened, receipt } = await this.integrityOf(row);
    if (opened === null || typeof receipt === 'string') {
      throw new ApiError(409, result);
    }
    const anchor = await this.ctx.chain.record(row.id);
    return {
      record_id: row.id,
      result,
      record: opened.record,
      salt: bytesToHex(opened.salt),
      commitment: recordCommitment(opened.record, opened.salt),
      receipt,
      anchor:
        anchor === null
          ? null
          : {
              tx_id: anchor.tx_id,
              // A transaction still in the mempool has no place on chain yet.
              ...(anchor.status === 'pending'
                ? {}
                : {
                    block_hash: anchor.block_hash,
                    height: anchor.height,
                    confirmations: anchor.confirmations,
                  }),
              status: anchor.status,
              acknowledged_by: receipt.acks.map((a) => a.validator),
            },
      genesis_hash: this.ctx.genesis.hash,
      nodes,
    };
  }
}

/**
 * A proof for a caller who may not read the record (a used grant): what shows that the record is
 * the one anchored (commitment, receipt, anchor), without the content or the salt, which would
 * let a guessed content be confirmed against the commitment.
 */
export function withoutContent<P extends { record: unknown; salt: string }>(proof: P) {
  const { record: _record, salt: _salt, ...evidence } = proof;
  return { ...evidence, record_withheld: true as const };
}
