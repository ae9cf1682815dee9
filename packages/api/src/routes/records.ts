/** Health records: create, list, search, decrypt, verify, proof (contract 2.6–2.11). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { nodeHttpUrls } from '../config.js';
import { UserType } from '../db/tables.js';
import { caller } from '../plugins/auth.js';
import { PathParam } from '../schemas/text.js';
import { AuditAction } from '../services/audit-log.js';
import { IDEMPOTENCY_HEADER, parseIdempotencyKey } from '../services/idempotency.js';
import { CREATED, withoutContent } from '../services/records.js';
import type { RouteDeps } from './deps.js';

const { PATIENT, HEALTH_AUTHORITY, DOCTOR } = UserType;
const Id = z.object({ id: PathParam });
const SecretKeyBody = z.object({ secret_key: z.string() }).optional();
const bearer = [{ bearer: [] }];

export async function recordRoutes(
  app: FastifyInstance,
  { ctx, auth, records, access }: RouteDeps,
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const keyRoutes = {
    rateLimit: { max: Math.max(60, Math.floor(ctx.config.limits.requestsPerMinute / 5)), timeWindow: 60_000 },
  };

  r.post(
    '/api/health-records',
    {
      schema: {
        tags: ['records'],
        summary: 'Create a record; answers once it is acknowledged on chain',
        description:
          'Send an `Idempotency-Key` header (1 to 128 visible ASCII characters, e.g. a UUID per form submission) ' +
          'to make the call safe to retry: a repeated call with the same key and body answers for the record the ' +
          'first one created (finishing its anchoring if needed) instead of creating another; the same key with ' +
          'another body is refused with 422.',
        body: z.record(z.string(), z.string()),
        security: bearer,
      },
      attachValidation: true,
      preHandler: auth.allow(DOCTOR),
    },
    async (request, reply) => {
      const idempotencyKey = parseIdempotencyKey(request.headers[IDEMPOTENCY_HEADER]);
      const c = await records.create(caller(request, DOCTOR), request.body, { idempotencyKey });
      return reply.status(201).send({
        message: CREATED,
        id: c.id,
        transaction_id: c.txId,
        blockchain_status: `Transaction successfully added to blockchain in block ${c.height}`,
        database_id: c.id,
        block_hash: c.blockHash,
        height: c.height,
      });
    },
  );

  r.get(
    '/api/health-records',
    {
      schema: { tags: ['records'], summary: "The patient's own records", security: bearer },
      preHandler: auth.allow(PATIENT),
    },
    async (request) => ({ health_records: await records.forPatient(caller(request, PATIENT)) }),
  );

  r.get(
    '/api/health-records/authority',
    {
      schema: {
        tags: ['records'],
        summary: "Records written by the health authority's doctors (metadata)",
        security: bearer,
      },
      preHandler: auth.allow(HEALTH_AUTHORITY),
    },
    async (request) => ({
      health_records: await records.forHealthAuthority(caller(request, HEALTH_AUTHORITY)),
    }),
  );

  r.get(
    '/api/health-records/secret_key/:id',
    { schema: { tags: ['records'], params: Id, security: bearer }, preHandler: auth.allow(PATIENT) },
    async (request) => ({
      secret_key: await access.patientToken(caller(request, PATIENT), request.params.id),
    }),
  );

  r.get(
    '/api/health-records/patient/:personal_id',
    {
      schema: {
        tags: ['records'],
        summary:
          "A patient's records: own=true, those of the caller's authority; otherwise those written elsewhere",
        params: z.object({ personal_id: PathParam }),
        querystring: z.object({ own: z.string().max(16).optional() }).passthrough(),
        security: bearer,
      },
      preHandler: auth.allow(DOCTOR),
    },
    async (request) => {
      const p = caller(request, DOCTOR);
      if (request.query.own === 'true') {
        return { health_records: await records.ownForPatient(p, request.params.personal_id) };
      }
      return { blockchain_response: await records.externalForPatient(p, request.params.personal_id) };
    },
  );

  r.post(
    '/api/health-records/decrypt/:id',
    {
      schema: { tags: ['records'], params: Id, body: SecretKeyBody, security: bearer },
      attachValidation: true,
      config: keyRoutes,
      preHandler: auth.allow(DOCTOR),
    },
    async (request) => access.decrypt(caller(request, DOCTOR), request.params.id, request.body),
  );

  r.post(
    '/api/health-records/verify/:id',
    {
      schema: { tags: ['records'], params: Id, body: SecretKeyBody, security: bearer },
      attachValidation: true,
      config: keyRoutes,
      preHandler: auth.allow(PATIENT, DOCTOR),
    },
    async (request) => {
      const p = caller(request);
      const { row, tokens } = await access.entitledRecord(p, request.params.id);
      await access.checkToken(p, row, tokens, request.body);
      const { result } = await records.integrityOf(row);
      await ctx.audit.note(p, AuditAction.VERIFY, { record_id: row.id, patient_id: row.patient_id }, result);
      return { blockchain_response: result };
    },
  );

  r.get(
    '/api/health-records/:id/proof',
    {
      schema: {
        tags: ['records'],
        summary:
          'The commitment inputs, the receipt and the nodes, to re-check a record without this server; the content only to those who may read it',
        params: Id,
        security: bearer,
      },
      config: keyRoutes,
      preHandler: auth.allow(PATIENT, DOCTOR),
    },
    async (request) => {
      const p = caller(request);
      const { row, access: rule } = await access.proofAccess(p, request.params.id);
      const proof = await records.proof(row, nodeHttpUrls(ctx.config.nodeUrls));
      if (rule.kind === 'grantee' && (await access.readByProof(p, row, rule.requestId))) return proof;
      const content = rule.kind === 'reader';
      await ctx.audit.note(
        p,
        AuditAction.VERIFY,
        { record_id: row.id, patient_id: row.patient_id },
        content ? 'proof' : 'proof_without_content',
      );
      return content ? proof : withoutContent(proof);
    },
  );
}
