/**
 * Provisioning and entity details (contract 2.3–2.5, 2.17–2.21), plus the lists the web app's
 * central-authority and health-authority screens need. Details are self-only (F6): anyone else
 * gets the not-found answer, and every answer is a whitelist projection.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findHealthAuthority, findPatient, findPatientByPersonalId } from '../db/lookups.js';
import { type PatientRow, UserType } from '../db/tables.js';
import { notFound } from '../errors.js';
import { caller } from '../plugins/auth.js';
import {
  CreateDoctorBody,
  CreateHealthAuthorityBody,
  CreatePatientBody,
  DOCTOR_FIELDS,
  HEALTH_AUTHORITY_FIELDS,
  PATIENT_FIELDS,
} from '../schemas/entities.js';
import { PathParam } from '../schemas/text.js';
import { parseFields } from '../schemas/validation.js';
import { AuditAction } from '../services/audit-log.js';
import { PATIENT_NOT_FOUND_SEARCH } from '../services/records.js';
import type { RouteDeps } from './deps.js';

const { HEALTH_AUTHORITY, DOCTOR, CENTRAL_AUTHORITY } = UserType;
const Id = z.object({ id: PathParam });
const PersonalId = z.object({ personal_id: PathParam });
const bearer = [{ bearer: [] }];

export function patientView(p: PatientRow) {
  return {
    _id: p.id,
    address: p.address,
    citizenship: p.citizenship,
    date_of_birth: p.date_of_birth,
    first_name: p.first_name,
    gender: p.gender,
    last_name: p.last_name,
    personal_id: p.personal_id,
    phone: p.phone,
  };
}

export async function entityRoutes(app: FastifyInstance, { ctx, auth, accounts }: RouteDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;

  r.post(
    '/api/patients',
    {
      schema: {
        tags: ['entities'],
        summary: 'Create a patient (central authority)',
        body: CreatePatientBody,
        security: bearer,
      },
      attachValidation: true,
      preHandler: auth.allow(CENTRAL_AUTHORITY),
    },
    async (request, reply) => {
      const body = parseFields(CreatePatientBody, PATIENT_FIELDS, request.body);
      const id = await accounts.createPatient(body);
      return reply
        .status(201)
        .send({ blockchain_response: 'Account added!', id, message: 'Patient successfully added' });
    },
  );

  r.post(
    '/api/health-authority',
    {
      schema: {
        tags: ['entities'],
        summary: 'Create a health authority (central authority)',
        body: CreateHealthAuthorityBody,
        security: bearer,
      },
      attachValidation: true,
      preHandler: auth.allow(CENTRAL_AUTHORITY),
    },
    async (request, reply) => {
      const body = parseFields(CreateHealthAuthorityBody, HEALTH_AUTHORITY_FIELDS, request.body);
      const id = await accounts.createHealthAuthority(body);
      return reply
        .status(201)
        .send({ blockchain_response: 'Account added!', id, message: 'Health Authority successfully added' });
    },
  );

  r.post(
    '/api/doctors',
    {
      schema: {
        tags: ['entities'],
        summary: "Create a doctor of the caller's health authority",
        body: CreateDoctorBody,
        security: bearer,
      },
      attachValidation: true,
      preHandler: auth.allow(HEALTH_AUTHORITY),
    },
    async (request, reply) => {
      const body = parseFields(CreateDoctorBody, DOCTOR_FIELDS, request.body);
      const id = await accounts.createDoctor(caller(request).id, body);
      return reply.status(201).send({ message: 'Doctor successfully added', id });
    },
  );

  r.get(
    '/api/doctors/:id',
    { schema: { tags: ['entities'], params: Id, security: bearer }, preHandler: auth.allow() },
    async (request) => {
      const p = caller(request);
      const d = await db
        .selectFrom('doctors as d')
        .innerJoin('health_authorities as h', 'h.id', 'd.health_authority_id')
        .select(['d.id', 'd.first_name', 'd.last_name', 'd.health_authority_id', 'h.name'])
        .where('d.id', '=', request.params.id)
        .executeTakeFirst();
      const mine =
        d !== undefined && (d.id === p.id || (p.type === HEALTH_AUTHORITY && d.health_authority_id === p.id));
      if (!mine) throw notFound('Doctor not found!');
      return {
        _id: d.id,
        first_name: d.first_name,
        health_authority_id: d.health_authority_id,
        health_authority_name: d.name,
        last_name: d.last_name,
      };
    },
  );

  r.get(
    '/api/health_authority/:id',
    { schema: { tags: ['entities'], params: Id, security: bearer }, preHandler: auth.allow() },
    async (request) => {
      const p = caller(request);
      const h = await findHealthAuthority(db, request.params.id);
      if (h === undefined || (h.id !== p.id && p.healthAuthorityId !== h.id)) {
        throw notFound('Health authority not found!');
      }
      return { _id: h.id, address: h.address, name: h.name, phone: h.phone, type: h.type };
    },
  );

  r.get(
    '/api/patients/:id',
    { schema: { tags: ['entities'], params: Id, security: bearer }, preHandler: auth.allow() },
    async (request) => {
      const p = caller(request);
      const allowed = p.id === request.params.id || p.type === CENTRAL_AUTHORITY;
      const patient = allowed ? await findPatient(db, request.params.id) : undefined;
      if (patient === undefined) throw notFound(PATIENT_NOT_FOUND_SEARCH);
      return patientView(patient);
    },
  );

  r.get(
    '/api/patients/personal_id/:personal_id',
    {
      schema: { tags: ['entities'], params: PersonalId, security: bearer },
      preHandler: auth.allow(DOCTOR, CENTRAL_AUTHORITY),
    },
    async (request) => {
      const p = caller(request);
      const patient = await findPatientByPersonalId(db, request.params.personal_id);
      if (patient === undefined) throw notFound(PATIENT_NOT_FOUND_SEARCH);
      await ctx.audit.note(p, AuditAction.READ, { patient_id: patient.id });
      return patientView(patient);
    },
  );

  r.get(
    '/api/central-authority/:id',
    { schema: { tags: ['entities'], params: Id, security: bearer }, preHandler: auth.allow() },
    async (request) => {
      const p = caller(request);
      const ca =
        p.id === request.params.id
          ? await db.selectFrom('central_authorities').selectAll().where('id', '=', p.id).executeTakeFirst()
          : undefined;
      if (ca === undefined) throw notFound('Central authority not found!');
      return { _id: ca.id, name: ca.name };
    },
  );

  r.get(
    '/api/patients',
    {
      schema: { tags: ['entities'], summary: 'Every patient (central authority)', security: bearer },
      preHandler: auth.allow(CENTRAL_AUTHORITY),
    },
    async () => {
      const rows = await db
        .selectFrom('patients as p')
        .innerJoin('users as u', 'u.id', 'p.id')
        .where('u.status', '=', 'active')
        .selectAll('p')
        .orderBy('p.last_name')
        .limit(500)
        .execute();
      return { patients: rows.map(patientView) };
    },
  );

  r.get(
    '/api/health-authorities',
    {
      schema: { tags: ['entities'], summary: 'Every health authority (central authority)', security: bearer },
      preHandler: auth.allow(CENTRAL_AUTHORITY),
    },
    async () => {
      const rows = await db
        .selectFrom('health_authorities as h')
        .innerJoin('users as u', 'u.id', 'h.id')
        .where('u.status', '=', 'active')
        .select(['h.id', 'h.name', 'h.type', 'h.address', 'h.phone'])
        .orderBy('h.name')
        .limit(500)
        .execute();
      return { health_authorities: rows.map(({ id, ...h }) => ({ _id: id, ...h })) };
    },
  );

  r.get(
    '/api/doctors',
    {
      schema: { tags: ['entities'], summary: "The caller's doctors (health authority)", security: bearer },
      preHandler: auth.allow(HEALTH_AUTHORITY),
    },
    async (request) => {
      const rows = await db
        .selectFrom('doctors')
        .selectAll()
        .where('health_authority_id', '=', caller(request).id)
        .orderBy('last_name')
        .limit(500)
        .execute();
      return { doctors: rows.map(({ id, ...d }) => ({ _id: id, ...d })) };
    },
  );
}
