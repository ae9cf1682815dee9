/**
 * The demo data of contract 3.7 and 3.8, created on the first start of an empty database through
 * the normal paths (registrations and anchors acknowledged on chain), so that a newcomer sees
 * every screen filled: the demo users with their ids, names and passwords, two or three records
 * per patient (the two the contract names keep their ids), the on-chain orphan of 3.8 (anchored
 * with no stored record), and one pending access request. Resumable: each step checks first.
 */
import { randomBytes } from 'node:crypto';
import { bytesToHex, parseHash32, parseId128, parsePublicKey, signTransaction } from '@chartproof/ledger';
import { custodialKey } from '../chain/keys.js';
import type { AppContext, PrincipalOf } from '../context.js';
import { findHealthAuthority, findPatient } from '../db/lookups.js';
import { UserType } from '../db/tables.js';
import type { Access } from './access.js';
import type { Accounts } from './accounts.js';
import type { Records } from './records.js';

export const DEMO = {
  centralAuthority: { id: '4c1b2e8f9a3d47e39b25f0c6a7d18b52', name: 'Serbian Government', password: '12345' },
  healthAuthorities: [
    {
      id: '6d041a6bf3f741fabb9e0bd7d2518479',
      name: 'Saint Mary General Hospital',
      type: 'Hospital',
      address: '45 Greenfield Avenue, Belgrade, Serbia',
      phone: '+381 11 234 5678',
      password: 'Smh@2025Secure',
    },
    {
      id: '9f09e82bcffe4011b782bae2211647d3',
      name: 'Central Health Institute',
      type: 'Hospital',
      address: '89 Palmotićeva Street, Novi Sad, Serbia',
      phone: '+381 21 456 789',
      password: 'CHi!SecurePass',
    },
    {
      id: '0d8a0df71a3345ebbe41f96294f33ce5',
      name: 'NovaCare Family Clinic',
      type: 'Clinic',
      address: '12A Kralja Milana Street, Niš, Serbia',
      phone: '+381 18 512 003',
      // The reference never published this account's password: it gets one nobody knows.
      password: null,
    },
  ],
  doctors: [
    {
      id: '0271f15a69394cacb71cab62665e0592',
      first_name: 'Marko',
      last_name: 'Popović',
      ha: 0,
      password: 'MarkoDoc#2025',
    },
    {
      id: '9140861a23e34503995d4416798517ce',
      first_name: 'Ivana',
      last_name: 'Đurić',
      ha: 0,
      password: 'IvanaMed@123',
    },
    {
      id: '38baf2ce591a4856b6a03946b94c8e7a',
      first_name: 'Petar',
      last_name: 'Stojanović',
      ha: 1,
      password: 'Petar_Clinic99',
    },
    {
      id: 'c36821b86bf64d7097d7473a610cf050',
      first_name: 'Katarina',
      last_name: 'Milinković',
      ha: 1,
      password: 'Kata$Health22',
    },
  ],
  patients: [
    {
      id: 'ffbe84df20d043178300a21710312068',
      first_name: 'Ana',
      last_name: 'Petrović',
      personal_id: '2308992715066',
      date_of_birth: '1978-04-25',
      gender: 'Female',
      address: 'Bulevar Oslobođenja 78, Novi Sad, Serbia',
      phone: '+381 65 993 1270',
      citizenship: 'Serbian',
      password: 'Ana!Health1',
    },
    {
      id: '3139f6dbc4e64deda11c28e3be946505',
      first_name: 'Nikola',
      last_name: 'Marković',
      personal_id: '1512000715078',
      date_of_birth: '1985-04-25',
      gender: 'Male',
      address: 'Knez Mihailova 22, Belgrade, Serbia',
      phone: '+381 63 500 920',
      citizenship: 'Serbian',
      password: 'Nikola#Secure22',
    },
    {
      id: '27c5e47361af401987d5a7f0cbba3d99',
      first_name: 'Miloš',
      last_name: 'Jovanović',
      personal_id: '1205990710034',
      date_of_birth: '1976-05-11',
      gender: 'Male',
      address: 'Kralja Petra 14, Belgrade, Serbi',
      phone: '+381 64 215 884',
      citizenship: 'Serbian',
      password: 'Milos@2025',
    },
    {
      id: '5fc9abf5f4af446c9e65ae3197b02b35',
      first_name: 'Jelena',
      last_name: 'Stanković',
      personal_id: '0411971711042',
      date_of_birth: '2000-04-25',
      gender: 'Female',
      address: 'Cara Dušana 5, Niš, Serbia',
      phone: '+381 61 847 2210',
      citizenship: 'Serbian',
      password: 'Jelena$Care99',
    },
  ],
  records: [
    {
      id: '8ee9c6326d1d4438a1945af1d3320a98',
      doctor: 1,
      patient: 0,
      fields: {
        diagnosis: 'Type 2 Diabetes Mellitus',
        symptoms: 'Frequent urination, increased thirst, fatigue',
        prescription: 'Metformin 850mg daily, balanced diet, moderate exercise',
      },
    },
    {
      id: 'a41c7e2b9d0f4e6a8b3c5d7e9f1a2b3c',
      doctor: 0,
      patient: 0,
      fields: {
        diagnosis: 'Seasonal allergic rhinitis',
        prescription: 'Cetirizine 10mg daily during pollen season',
      },
    },
    { id: 'e2e659351b784cddad9ecfa02b541f36', doctor: 2, patient: 2, fields: { diagnosis: 'Hypertension ' } },
    {
      id: '5b2f8c1d3e4a4b6c9d0e1f2a3b4c5d6e',
      doctor: 3,
      patient: 2,
      fields: { diagnosis: 'Lower back pain', therapy: 'Physiotherapy twice a week for six weeks' },
    },
    {
      id: 'c7d8e9f0a1b24c3d8e4f5a6b7c8d9e0f',
      doctor: 3,
      patient: 1,
      fields: { diagnosis: 'Acute bronchitis', prescription: 'Rest, fluids, salbutamol inhaler as needed' },
    },
    {
      id: '1f2e3d4c5b6a47988a7b6c5d4e3f2a1b',
      doctor: 0,
      patient: 1,
      fields: { diagnosis: 'Migraine without aura', blood_pressure: '125/80' },
    },
    {
      id: '9a8b7c6d5e4f40318293a4b5c6d7e8f9',
      doctor: 1,
      patient: 3,
      fields: { diagnosis: 'Iron deficiency anemia', prescription: 'Ferrous sulfate 325mg daily' },
    },
    {
      id: '0e1d2c3b4a5948679786a5b4c3d2e1f0',
      doctor: 2,
      patient: 3,
      fields: { diagnosis: 'Sprained left ankle', treatment: 'Rest, ice, compression, elevation' },
    },
  ],
  /** Contract 3.8: on chain, by Central Health Institute for Miloš, with no stored record. */
  orphan: { id: 'ef468370a25443f1876094546327d4b0', ha: 1, patient: 2 },
  /** Katarina (Central Health Institute) asks for Jelena's record by Ivana. */
  pendingRequest: { doctor: 3, record: 6 },
} as const;

type Ctx = Pick<AppContext, 'db' | 'chain' | 'genesis' | 'secrets' | 'log'>;

const doctorPrincipal = (d: (typeof DEMO.doctors)[number]): PrincipalOf<'doctors'> => ({
  id: d.id,
  type: UserType.DOCTOR,
  healthAuthorityId: DEMO.healthAuthorities[d.ha].id,
  ip: '127.0.0.1',
});

export async function seedDemo(
  ctx: Ctx,
  accounts: Accounts,
  records: Records,
  access: Access,
): Promise<boolean> {
  const { db } = ctx;
  const seeded = await db.selectFrom('meta').select('value').where('key', '=', 'demo').executeTakeFirst();
  if (seeded !== undefined) return false;
  const anyone = await db
    .selectFrom('users')
    .select('id')
    .where('id', '!=', DEMO.centralAuthority.id)
    .limit(1)
    .executeTakeFirst();
  const started = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'demo_started')
    .executeTakeFirst();
  if (anyone !== undefined && started === undefined) {
    // A database with real users: never seed it.
    await db
      .insertInto('meta')
      .values({ key: 'demo', value: 'skipped: the database was not empty' })
      .execute();
    return false;
  }
  await db
    .insertInto('meta')
    .values({ key: 'demo_started', value: new Date().toISOString() })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const exists = async (id: string) =>
    (await db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

  // Each group in parallel: one block interval per group rather than per account or record.
  const ca = DEMO.centralAuthority;
  if (!(await exists(ca.id))) await accounts.createCentralAuthority(ca.id, ca.name, ca.password);
  await Promise.all([
    ...DEMO.healthAuthorities.map(async (h) => {
      if (await exists(h.id)) return;
      const { id, password, ...fields } = h;
      await accounts.createHealthAuthority(
        { ...fields, password: password ?? randomBytes(24).toString('base64url') },
        id,
      );
    }),
    ...DEMO.patients.map(async (p) => {
      if (await exists(p.id)) return;
      const { id, ...fields } = p;
      await accounts.createPatient(fields, id);
    }),
  ]);
  for (const d of DEMO.doctors) {
    if (await exists(d.id)) continue;
    await accounts.createDoctor(DEMO.healthAuthorities[d.ha].id, d, d.id);
  }
  await Promise.all(
    DEMO.records.map(async (r) => {
      const there = await db
        .selectFrom('health_records')
        .select('id')
        .where('id', '=', r.id)
        .executeTakeFirst();
      if (there !== undefined) return;
      await records.create(
        doctorPrincipal(DEMO.doctors[r.doctor]),
        { patient_id: DEMO.patients[r.patient].id, ...r.fields },
        { fixedId: r.id },
      );
    }),
  );
  const o = DEMO.orphan;
  if ((await ctx.chain.record(o.id)) === null) {
    const ha = (await findHealthAuthority(db, DEMO.healthAuthorities[o.ha].id))!;
    const patient = (await findPatient(db, DEMO.patients[o.patient].id))!;
    await ctx.chain.submit(
      signTransaction(
        'record.anchor',
        {
          record_id: parseId128(o.id, 'orphan.id'),
          patient: parsePublicKey(patient.public_key, 'patients.public_key'),
          creator: parsePublicKey(ha.public_key, 'health_authorities.public_key'),
          date: new Date().toISOString(),
          commitment: parseHash32(bytesToHex(randomBytes(32)), 'commitment'),
        },
        custodialKey(ctx.secrets.masterKey, ha.id, ha.secret_key),
        ctx.genesis.hashBytes,
      ),
    );
  }
  const q = DEMO.pendingRequest;
  const asked = await db
    .selectFrom('access_requests')
    .select('id')
    .where('health_record_id', '=', DEMO.records[q.record].id)
    .executeTakeFirst();
  if (asked === undefined) {
    await access.request(doctorPrincipal(DEMO.doctors[q.doctor]), {
      health_record_id: DEMO.records[q.record].id,
      patient_id: DEMO.patients[DEMO.records[q.record].patient].id,
    });
  }
  await db.insertInto('meta').values({ key: 'demo', value: new Date().toISOString() }).execute();
  ctx.log.info(
    'demo data created: 1 central authority, 3 health authorities, 4 doctors, 4 patients, 8 records',
  );
  return true;
}
