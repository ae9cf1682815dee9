/**
 * The audit log as its subjects see it: a patient every access to their records, a health
 * authority its doctors' accesses, a doctor its own; each entry's inclusion proof in its
 * checkpoint on chain; and, for the central authority, a re-check of the whole log.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import type { Principal } from '../context.js';
import { doctorNames } from '../db/lookups.js';
import { type AuditRow, type Database, UserType } from '../db/tables.js';
import { notFound } from '../errors.js';
import { caller } from '../plugins/auth.js';
import { AUDIT_PAGE_MAX, type AuditQuery, AuditQuerySchema, auditTimeRange } from '../schemas/audit-query.js';
import type { RouteDeps } from './deps.js';

const { PATIENT, HEALTH_AUTHORITY, DOCTOR, CENTRAL_AUTHORITY } = UserType;
const bearer = [{ bearer: [] }];

/**
 * A patient sees who (role, name, authority), what and when, never where from: addresses are for
 * the authorities' investigations (issue 13). Health authorities keep them; a doctor sees its own.
 */
function showsAddresses(p: Principal): boolean {
  return p.type !== PATIENT;
}

function visibleTo<O>(q: SelectQueryBuilder<Database, 'audit_log', O>, p: Principal) {
  if (p.type === PATIENT)
    return q.where((eb) => eb.or([eb('patient_id', '=', p.id), eb('actor_id', '=', p.id)]));
  if (p.type === HEALTH_AUTHORITY) return q.where('health_authority_id', '=', p.id);
  return q.where('actor_id', '=', p.id);
}

/** The query's filters on top of what the caller may see; `who` is relative to the caller. */
function filtered<O>(q: SelectQueryBuilder<Database, 'audit_log', O>, p: Principal, f: AuditQuery) {
  let out = visibleTo(q, p);
  if (f.before !== undefined) out = out.where('seq', '<', f.before);
  if (f.action !== undefined) out = out.where('action', '=', f.action);
  const { from, to } = auditTimeRange(f);
  if (from !== undefined) out = out.where('at', '>=', from);
  if (to !== undefined) out = out.where('at', '<', to);
  if (f.who === 'me') out = out.where('actor_id', '=', p.id);
  else if (f.who === 'others') out = out.where('actor_id', '<>', p.id);
  else if (f.who !== undefined) out = out.where('actor_id', '=', f.who);
  return out;
}

export async function auditRoutes(
  app: FastifyInstance,
  { ctx, auth, checkpoints }: RouteDeps,
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;

  async function names(rows: AuditRow[]): Promise<Map<string, string>> {
    const ids = [...new Set(rows.map((r) => r.actor_id))];
    if (ids.length === 0) return new Map();
    const [d, h, p, c] = await Promise.all([
      doctorNames(db, ids),
      db.selectFrom('health_authorities').select(['id', 'name']).where('id', 'in', ids).execute(),
      db.selectFrom('patients').select(['id', 'first_name', 'last_name']).where('id', 'in', ids).execute(),
      db.selectFrom('central_authorities').select(['id', 'name']).where('id', 'in', ids).execute(),
    ]);
    return new Map<string, string>([
      ...d,
      ...h.map((x) => [x.id, x.name] as [string, string]),
      ...p.map((x) => [x.id, `${x.first_name} ${x.last_name}`] as [string, string]),
      ...c.map((x) => [x.id, x.name] as [string, string]),
    ]);
  }

  r.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Audit entries visible to the caller, newest first (at most 500 a page), filtered by action, time and who',
        querystring: AuditQuerySchema,
        security: bearer,
      },
      preHandler: auth.allow(PATIENT, HEALTH_AUTHORITY, DOCTOR),
    },
    async (request) => {
      const p = caller(request);
      const limit = request.query.limit ?? AUDIT_PAGE_MAX;
      // One row more than the page tells whether there is a next page without counting.
      const page = await filtered(db.selectFrom('audit_log').selectAll(), p, request.query)
        .orderBy('seq', 'desc')
        .limit(limit + 1)
        .execute();
      const rows = page.slice(0, limit);
      const next = page.length > limit ? Number(rows[rows.length - 1]!.seq) : null;
      const done = await db
        .selectFrom('audit_checkpoints')
        .select((eb) => eb.fn.max('to_seq').as('to'))
        .where('status', '=', 'anchored')
        .executeTakeFirst();
      const checkpointed = Number(done?.to ?? 0);
      const who = await names(rows);
      const addresses = showsAddresses(p);
      return {
        entries: rows.map((e) => ({
          seq: Number(e.seq),
          at: e.at,
          actor_id: e.actor_id,
          actor_type: e.actor_type,
          actor_name: who.get(e.actor_id) ?? e.actor_id,
          action: e.action,
          record_id: e.record_id,
          patient_id: e.patient_id,
          ...(addresses ? { ip: e.ip } : {}),
          outcome: e.outcome,
          checkpointed: Number(e.seq) <= checkpointed,
        })),
        /** Pass as `before` for the next (older) page; null on the last page. */
        next,
      };
    },
  );

  r.get(
    '/api/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Re-check the whole audit log against its checkpoints on chain',
        security: bearer,
      },
      preHandler: auth.allow(CENTRAL_AUTHORITY),
    },
    async () => {
      const v = await checkpoints.verifyLog();
      return { ok: v.problems.length === 0, ...v };
    },
  );

  r.get(
    '/api/audit/:seq/proof',
    {
      schema: {
        tags: ['audit'],
        summary: "An entry's Merkle inclusion proof in its checkpoint, with the checkpoint's receipt",
        params: z.object({ seq: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
        security: bearer,
      },
      preHandler: auth.allow(PATIENT, HEALTH_AUTHORITY, DOCTOR),
    },
    async (request) => {
      const p = caller(request);
      const seen = await visibleTo(db.selectFrom('audit_log').select('seq'), p)
        .where('seq', '=', request.params.seq)
        .executeTakeFirst();
      if (seen === undefined) throw notFound('Audit entry not found');
      const proof = await checkpoints.proof(request.params.seq);
      if (showsAddresses(p)) return proof;
      // The leaf still commits to the address; the check in the browser needs only the leaf.
      const { ip: _ip, ...entry } = proof.entry;
      return { ...proof, entry };
    },
  );
}
