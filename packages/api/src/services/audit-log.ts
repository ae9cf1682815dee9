/**
 * The audit log: every login, read, decrypt, verify, grant, revoke and failed authorisation, in
 * one gap-free sequence (seq 1, 2, 3, …). Gap-free matters: a checkpoint on chain commits to the
 * exact range `from..to`, so a missing number is a deleted row, never a rolled-back insert.
 *
 * Appends are group-committed: entries that arrive while a write is in flight go together in the
 * next transaction, which numbers them under an advisory lock (several API processes may share
 * one database). Each caller's promise resolves once its entry is durable.
 */
import { canonicalBytes, hashLeaf } from '@chartproof/ledger';
import { type Kysely, sql } from 'kysely';
import type { Principal } from '../context.js';
import type { AuditRow, Database } from '../db/tables.js';
import { now } from '../db/tables.js';

export const AuditAction = Object.freeze({
  LOGIN: 'login',
  PASSWORD_CHANGE: 'password_change',
  READ: 'read',
  CREATE: 'create',
  DECRYPT: 'decrypt',
  VERIFY: 'verify',
  REQUEST: 'request',
  GRANT: 'grant',
  DENY: 'deny',
  REVOKE: 'revoke',
  DENIED: 'denied',
} as const);
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

export interface AuditEntry {
  readonly actor_id: string;
  readonly actor_type: string;
  readonly action: AuditAction;
  readonly record_id?: string | null;
  readonly patient_id?: string | null;
  /** The health authority on whose behalf the actor acted (a doctor's, or the HA itself). */
  readonly health_authority_id?: string | null;
  readonly ip: string;
  /** "ok", or why it was refused. */
  readonly outcome?: string;
}

/**
 * One user action, one entry: a doctor's patient search is three calls at once (the patient's
 * details, this authority's records, the records elsewhere), and each is a read of the same
 * patient. A read repeating the same actor, patient and record within this window is the same
 * action and is written once; a read of another record, or any other action, is always written.
 */
export const SAME_ACTION_MS = 60_000;

/** The identity of a read for coalescing, or null when the entry must always be written. */
export function sameActionKey(
  e: Pick<AuditEntry, 'action' | 'actor_id' | 'patient_id' | 'record_id' | 'outcome'>,
) {
  if (e.action !== AuditAction.READ || (e.outcome ?? 'ok') !== 'ok' || !e.patient_id) return null;
  return `${e.actor_id}|${e.patient_id}|${e.record_id ?? ''}`;
}

const AUDIT_LOCK = 74_617_201; // any constant: the advisory lock that orders appends

interface Queued {
  readonly row: Omit<AuditRow, 'seq'>;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

export class AuditLog {
  private queue: Queued[] = [];
  private writing: Promise<void> | null = null;
  /** The latest write of each recent read (see SAME_ACTION_MS); bounded by pruning on append. */
  private readonly recent = new Map<string, { at: number; done: Promise<void> }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => number = Date.now,
  ) {}

  append(entry: AuditEntry): Promise<void> {
    const key = sameActionKey(entry);
    if (key === null) return this.write(entry);
    const t = this.clock();
    for (const [k, v] of this.recent) if (t - v.at >= SAME_ACTION_MS) this.recent.delete(k);
    const seen = this.recent.get(key);
    // The first call's entry stands for the action: the repeat waits for it to be durable.
    if (seen !== undefined) return seen.done;
    const done = this.write(entry);
    this.recent.set(key, { at: t, done });
    done.catch(() => this.recent.delete(key));
    return done;
  }

  private write(entry: AuditEntry): Promise<void> {
    const row = {
      at: now(),
      actor_id: entry.actor_id,
      actor_type: entry.actor_type,
      action: entry.action,
      record_id: entry.record_id ?? null,
      patient_id: entry.patient_id ?? null,
      health_authority_id: entry.health_authority_id ?? null,
      ip: entry.ip,
      outcome: entry.outcome ?? 'ok',
    };
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, 500);
      try {
        await this.db.transaction().execute(async (trx) => {
          await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
          const last = await trx
            .selectFrom('audit_log')
            .select((eb) => eb.fn.max('seq').as('max'))
            .executeTakeFirst();
          const first = Number(last?.max ?? 0) + 1;
          await trx
            .insertInto('audit_log')
            .values(batch.map((q, i) => ({ ...q.row, seq: first + i })))
            .execute();
        });
        for (const q of batch) q.resolve();
      } catch (e) {
        for (const q of batch) q.reject(e);
      }
    }
    this.writing = null;
  }

  /** What a principal did, to a record or a patient's data; `outcome` says why when refused. */
  note(
    p: Principal,
    action: AuditAction,
    target: { readonly record_id?: string | null; readonly patient_id?: string | null } = {},
    outcome = 'ok',
  ): Promise<void> {
    return this.append({
      actor_id: p.id,
      actor_type: p.type,
      action,
      record_id: target.record_id ?? null,
      patient_id: target.patient_id ?? null,
      health_authority_id: p.healthAuthorityId,
      ip: p.ip,
      outcome,
    });
  }

  /** Waits for every append made so far. */
  async flush(): Promise<void> {
    while (this.writing !== null) await this.writing;
  }
}

/** The bytes a checkpoint's Merkle leaf commits to: every column of the row, canonical JSON. */
export function auditLeaf(row: AuditRow): Uint8Array {
  return hashLeaf(
    canonicalBytes({
      seq: Number(row.seq),
      at: row.at,
      actor_id: row.actor_id,
      actor_type: row.actor_type,
      action: row.action,
      record_id: row.record_id,
      patient_id: row.patient_id,
      health_authority_id: row.health_authority_id,
      ip: row.ip,
      outcome: row.outcome,
    }),
  );
}
