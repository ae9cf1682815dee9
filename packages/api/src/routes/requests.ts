/** Access requests and grants (contract 2.12–2.16, 5). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UserType } from '../db/tables.js';
import { caller } from '../plugins/auth.js';
import { PathParam } from '../schemas/text.js';
import { IDEMPOTENCY_HEADER, parseIdempotencyKey } from '../services/idempotency.js';
import type { RouteDeps } from './deps.js';

const { PATIENT, DOCTOR } = UserType;
const Id = z.object({ id: PathParam });
const bearer = [{ bearer: [] }];

export async function requestRoutes(app: FastifyInstance, { auth, access }: RouteDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/requests',
    {
      schema: {
        tags: ['requests'],
        summary: 'Ask for access to a record written by another health authority',
        description:
          'Takes an `Idempotency-Key` header as record creation does: a retry with the same key and body answers ' +
          'with the request the first call created.',
        body: z.object({ health_record_id: z.string(), patient_id: z.string() }),
        security: bearer,
      },
      attachValidation: true,
      preHandler: auth.allow(DOCTOR),
    },
    async (request, reply) => {
      const idempotencyKey = parseIdempotencyKey(request.headers[IDEMPOTENCY_HEADER]);
      return reply
        .status(201)
        .send(await access.request(caller(request, DOCTOR), request.body, idempotencyKey));
    },
  );

  r.get(
    '/api/requests/patient',
    {
      schema: { tags: ['requests'], summary: "The patient's pending requests", security: bearer },
      preHandler: auth.allow(PATIENT),
    },
    async (request) => access.inbox(caller(request, PATIENT)),
  );

  r.get(
    '/api/requests/doctors',
    {
      schema: {
        tags: ['requests'],
        summary: "The doctor's authority's pending and approved requests",
        security: bearer,
      },
      preHandler: auth.allow(DOCTOR),
    },
    async (request) => access.outbox(caller(request, DOCTOR)),
  );

  r.get(
    '/api/grants',
    {
      schema: { tags: ['requests'], summary: "The patient's approved grants", security: bearer },
      preHandler: auth.allow(PATIENT),
    },
    async (request) => access.grants(caller(request, PATIENT)),
  );

  r.patch(
    '/api/requests/:id',
    {
      schema: {
        tags: ['requests'],
        summary: 'Approve a request (writes access.grant on chain)',
        params: Id,
        body: z.object({ secret_key: z.string() }).passthrough(),
        security: bearer,
      },
      attachValidation: true,
      preHandler: auth.allow(PATIENT),
    },
    async (request) => {
      await access.accept(caller(request, PATIENT), request.params.id, request.body);
      return { message: 'Request accepted!' };
    },
  );

  r.delete(
    '/api/requests/:id',
    {
      schema: {
        tags: ['requests'],
        summary: 'Decline or withdraw a pending request; revoke an approved one (access.revoke)',
        params: Id,
        security: bearer,
      },
      preHandler: auth.allow(PATIENT, DOCTOR),
    },
    async (request) => {
      const done = await access.remove(caller(request, PATIENT, DOCTOR), request.params.id);
      return { message: done === 'revoked' ? 'Access revoked!' : 'Request deleted!' };
    },
  );
}
