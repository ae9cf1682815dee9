/**
 * The walk of contract 7.1, step by step, as the reference web client makes its calls (same
 * paths, bodies, empty JSON bodies on GETs and DELETE), over a real socket against a real
 * three-node network, on PGlite and on PostgreSQL. Afterwards, the server's log output holds no
 * password, token, key or record content.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiEnv, LogCapture, postgresAvailable, type Store, USERS } from './harness.js';

const pgOk = await postgresAvailable();
const EMPTY_JSON = { 'content-type': 'application/json' };

for (const store of ['pglite', 'postgres'] as Store[]) {
  describe.skipIf(store === 'postgres' && !pgOk)(`contract 7.1 walk on ${store}`, () => {
    let env: ApiEnv;
    const logs = new LogCapture();
    const secrets: string[] = Object.values(USERS).map((u) => u.password);
    const tok: Record<string, string> = {} as Record<string, string>;
    const get = (path: string, who: string) =>
      env.call('GET', path, { token: tok[who], headers: EMPTY_JSON, raw: '' });
    const post = (path: string, who: string, body: unknown) =>
      env.call('POST', path, { token: tok[who], body });

    beforeAll(async () => {
      env = await ApiEnv.start({ store, logs });
      await env.demoReady();
    }, 120_000);
    afterAll(async () => env?.stop());

    it('1. the central authority sees its name and creates a health authority and a patient', async () => {
      tok.ca = await env.login(USERS.ca.id, USERS.ca.password);
      secrets.push(tok.ca!);
      const me = await get(`/api/central-authority/${USERS.ca.id}`, 'ca');
      expect(me).toMatchObject({ status: 200, body: { _id: USERS.ca.id, name: 'Serbian Government' } });
      const ha = await post('/api/health-authority', 'ca', {
        name: 'Vojvodina Clinic',
        type: 'Clinic',
        password: 'Vojvodina#2026',
        address: 'Futoška 1, Novi Sad',
        phone: '+381 21 000 000',
      });
      expect(ha.status).toBe(201);
      expect(ha.body).toMatchObject({
        blockchain_response: 'Account added!',
        message: 'Health Authority successfully added',
      });
      expect(ha.body.id).toMatch(/^[0-9a-f]{32}$/);
      const patient = await post('/api/patients', 'ca', {
        first_name: 'Marija',
        last_name: 'Ilić',
        password: 'Marija!Pass1',
        personal_id: '0101990123456',
        date_of_birth: '1990-01-01',
        gender: 'Female',
        address: 'Zmaj Jovina 3, Novi Sad',
        phone: '+381 64 111 222',
        citizenship: 'Serbian',
      });
      expect(patient.status).toBe(201);
      expect(patient.body).toMatchObject({
        blockchain_response: 'Account added!',
        message: 'Patient successfully added',
      });
      const again = await post('/api/patients', 'ca', {
        first_name: 'X',
        last_name: 'Y',
        password: 'Another!Pass1',
        personal_id: '0101990123456',
        date_of_birth: '1990-01-01',
        gender: 'Female',
        address: 'A',
        phone: 'P',
        citizenship: 'C',
      });
      expect(again).toMatchObject({
        status: 400,
        body: { error: 'Patient with this personal_id already exists!' },
      });
      expect((await env.login(patient.body.id, 'Marija!Pass1')).length).toBeGreaterThan(20);
    });

    it('2. Saint Mary sees its details and adds a doctor', async () => {
      tok.sm = await env.login(USERS.saintMary.id, USERS.saintMary.password);
      const me = await get(`/api/health_authority/${USERS.saintMary.id}`, 'sm');
      expect(me.body).toEqual({
        _id: USERS.saintMary.id,
        name: 'Saint Mary General Hospital',
        type: 'Hospital',
        address: '45 Greenfield Avenue, Belgrade, Serbia',
        phone: '+381 11 234 5678',
      });
      const doc = await post('/api/doctors', 'sm', {
        first_name: 'Jovan',
        last_name: 'Nikolić',
        password: 'Jovan#Doc2026',
      });
      expect(doc).toMatchObject({ status: 201, body: { message: 'Doctor successfully added' } });
      const login = await env.login(doc.body.id, 'Jovan#Doc2026');
      const details = await env.call('GET', `/api/doctors/${doc.body.id}`, { token: login });
      expect(details.body).toMatchObject({
        first_name: 'Jovan',
        health_authority_name: 'Saint Mary General Hospital',
      });
    });

    it('3. Ana sees her details and her record, which verifies; no requests', async () => {
      tok.ana = await env.login(USERS.ana.id, USERS.ana.password);
      const me = await get(`/api/patients/${USERS.ana.id}`, 'ana');
      expect(me.body).toMatchObject({
        first_name: 'Ana',
        last_name: 'Petrović',
        date_of_birth: '1978-04-25',
      });
      expect(me.body).not.toHaveProperty('public_key');
      const list = await env.call('GET', '/api/health-records', { token: tok.ana });
      expect(list.status).toBe(200);
      const item = list.body.health_records.find(
        (r: { health_record: { _id: string } }) => r.health_record._id === '8ee9c6326d1d4438a1945af1d3320a98',
      );
      expect(item.health_record).toMatchObject({
        health_authority_name: 'Saint Mary General Hospital',
        doctor_first_name: 'Ivana',
        doctor_last_name: 'Đurić',
        diagnosis: 'Type 2 Diabetes Mellitus',
        prescription: 'Metformin 850mg daily, balanced diet, moderate exercise',
        symptoms: 'Frequent urination, increased thirst, fatigue',
      });
      expect(item.health_record.date).toMatch(/^\d{2}-\d{2}-\d{4}$/);
      expect(Object.keys(item.health_record)).toEqual([...Object.keys(item.health_record)].sort());
      const v = await post('/api/health-records/verify/8ee9c6326d1d4438a1945af1d3320a98', 'ana', {
        secret_key: item.key,
      });
      expect(v).toMatchObject({ status: 200, body: { blockchain_response: 'Health record is valid!' } });
      const inbox = await env.call('GET', '/api/requests/patient', { token: tok.ana });
      expect(inbox).toMatchObject({ status: 200, body: [] });
    });

    it('4. Marko finds Miloš: no own records, two elsewhere (one an orphan); he sends a request', async () => {
      tok.marko = await env.login(USERS.marko.id, USERS.marko.password);
      const p = await get('/api/patients/personal_id/1205990710034', 'marko');
      expect(p.body).toMatchObject({ _id: USERS.milos.id, first_name: 'Miloš' });
      const own = await get('/api/health-records/patient/1205990710034?own=true', 'marko');
      expect(own).toMatchObject({ status: 200, body: { health_records: [] } });
      const ext = await get('/api/health-records/patient/1205990710034', 'marko');
      expect(ext.status).toBe(200);
      const ids = ext.body.blockchain_response.map((x: { health_record_id: string }) => x.health_record_id);
      expect(ids).toEqual(
        expect.arrayContaining(['ef468370a25443f1876094546327d4b0', 'e2e659351b784cddad9ecfa02b541f36']),
      );
      for (const x of ext.body.blockchain_response) {
        expect(x).toMatchObject({
          health_authority_name: 'Central Health Institute',
          patient_id: USERS.milos.id,
          request_status: 'none',
        });
        expect(x.added_at_blockchain).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/);
        expect(x).not.toHaveProperty('key');
      }
      const outbox = await get('/api/requests/doctors', 'marko');
      expect(outbox.body).toEqual([]);
      const orphan = await post('/api/requests', 'marko', {
        health_record_id: 'ef468370a25443f1876094546327d4b0',
        patient_id: USERS.milos.id,
      });
      expect(orphan).toMatchObject({ status: 404, body: { error: 'Health record not found!' } });
      const req = await post('/api/requests', 'marko', {
        health_record_id: 'e2e659351b784cddad9ecfa02b541f36',
        patient_id: USERS.milos.id,
      });
      expect(req.status).toBe(201);
      expect(req.body).toMatchObject({
        health_record_id: 'e2e659351b784cddad9ecfa02b541f36',
        status: 'pending',
        health_authority_id: USERS.saintMary.id,
      });
      const dup = await post('/api/requests', 'marko', {
        health_record_id: 'e2e659351b784cddad9ecfa02b541f36',
        patient_id: USERS.milos.id,
      });
      expect(dup).toMatchObject({ status: 400, body: { error: 'Request aleady exists!' } });
    });

    it('5. Miloš sees the request, accepts it, and his record verifies', async () => {
      tok.milos = await env.login(USERS.milos.id, USERS.milos.password);
      const inbox = await env.call('GET', '/api/requests/patient', { token: tok.milos });
      expect(inbox.body).toHaveLength(1);
      const card = inbox.body[0];
      expect(
        `${card.health_authority_name} requesting access to your health record with ID: ${card.health_record_id}`,
      ).toBe(
        'Saint Mary General Hospital requesting access to your health record with ID: e2e659351b784cddad9ecfa02b541f36',
      );
      const key = await get(`/api/health-records/secret_key/${card.health_record_id}`, 'milos');
      expect(key.status).toBe(200);
      // The client forwards that body, whatever it holds, as the PATCH body.
      const accept = await env.call('PATCH', `/api/requests/${card._id}`, {
        token: tok.milos,
        body: key.body,
      });
      expect(accept).toMatchObject({ status: 200, body: { message: 'Request accepted!' } });
      const twice = await env.call('PATCH', `/api/requests/${card._id}`, {
        token: tok.milos,
        body: key.body,
      });
      expect(twice).toMatchObject({ status: 200, body: { message: 'Request accepted!' } });
      expect((await env.call('GET', '/api/requests/patient', { token: tok.milos })).body).toEqual([]);
      const mine = await env.call('GET', '/api/health-records', { token: tok.milos });
      const h = mine.body.health_records.find(
        (r: { health_record: { _id: string } }) => r.health_record._id === 'e2e659351b784cddad9ecfa02b541f36',
      );
      expect(h.health_record.diagnosis).toBe('Hypertension ');
      const v = await post(`/api/health-records/verify/${h.health_record._id}`, 'milos', {
        secret_key: h.key,
      });
      expect(v.body.blockchain_response).toBe('Health record is valid!');
      const grants = await env.call('GET', '/api/grants', { token: tok.milos });
      expect(grants.body).toMatchObject([
        { _id: card._id, status: 'accepted', health_authority_name: 'Saint Mary General Hospital' },
      ]);
    });

    it('6. Marko loads the record once, verifies it, and the grant is consumed', async () => {
      const ext = await get('/api/health-records/patient/1205990710034', 'marko');
      const card = ext.body.blockchain_response.find(
        (x: { health_record_id: string }) => x.health_record_id === 'e2e659351b784cddad9ecfa02b541f36',
      );
      expect(card.key).toEqual(expect.any(String));
      expect(card.request_status).toBe('accepted');
      const out = await get('/api/requests/doctors', 'marko');
      expect(out.body.map((r: { status: string }) => r.status)).toEqual(['accepted']);
      expect(out.body[0]).not.toHaveProperty('key');
      const dec = await post(`/api/health-records/decrypt/${card.health_record_id}`, 'marko', {
        secret_key: card.key,
      });
      expect(dec.status).toBe(200);
      expect(dec.body.health_record).toMatchObject({
        _id: card.health_record_id,
        diagnosis: 'Hypertension ',
        patient_first_name: 'Miloš',
      });
      const v = await post(`/api/health-records/verify/${card.health_record_id}`, 'marko', {
        secret_key: dec.body.key,
      });
      expect(v.body.blockchain_response).toBe('Health record is valid!');
      const again = await get('/api/health-records/patient/1205990710034', 'marko');
      const after = again.body.blockchain_response.find(
        (x: { health_record_id: string }) => x.health_record_id === card.health_record_id,
      );
      expect(after).not.toHaveProperty('key');
      expect(after.request_status).toBe('consumed');
      const reread = await post(`/api/health-records/decrypt/${card.health_record_id}`, 'marko', {
        secret_key: card.key,
      });
      expect(reread).toMatchObject({ status: 403, body: { error: 'Secret key invalid!' } });
    });

    it('7. negative checks hold', async () => {
      const other = await get(`/api/patients/${USERS.milos.id}`, 'ana');
      expect(other.status).toBe(404);
      const jelena = await env.login(USERS.jelena.id, USERS.jelena.password);
      const pending = (await env.call('GET', '/api/requests/patient', { token: jelena })).body[0];
      const del = await env.call('DELETE', `/api/requests/${pending._id}`, {
        token: tok.ana,
        headers: EMPTY_JSON,
        raw: '',
      });
      expect(del).toMatchObject({ status: 404, body: { error: 'Request not found!' } });
      const noGrant = await post('/api/health-records/decrypt/8ee9c6326d1d4438a1945af1d3320a98', 'marko', {
        secret_key: 'x',
      });
      expect(noGrant.status).toBe(403);
      const unknown = await post('/api/health-records', 'marko', {
        patient_id: '0'.repeat(32),
        diagnosis: 'x',
      });
      expect(unknown).toMatchObject({ status: 404, body: { error: 'Patient not found' } });
      const search = await get('/api/patients/personal_id/0000000000000', 'marko');
      expect(search).toMatchObject({ status: 404, body: { message: 'Patinet not found!' } });
    });

    it('8. Marko writes a record for Ana with an added field; Ana then sees it', async () => {
      const before = (await env.call('GET', '/api/health-records', { token: tok.ana })).body.health_records
        .length;
      const c = await post('/api/health-records', 'marko', {
        patient_id: USERS.ana.id,
        diagnosis: 'Mild hypertension',
        blood_pressure: '140/90',
      });
      expect(c.status).toBe(201);
      expect(c.body.message).toBe('Health record successfully added and confirmed on blockchain');
      expect(c.body.blockchain_status).toBe(
        `Transaction successfully added to blockchain in block ${c.body.height}`,
      );
      const after = (await env.call('GET', '/api/health-records', { token: tok.ana })).body.health_records;
      expect(after).toHaveLength(before + 1);
      const mine = after.find((r: { health_record: { _id: string } }) => r.health_record._id === c.body.id);
      expect(mine.health_record).toMatchObject({
        blood_pressure: '140/90',
        doctor_first_name: 'Marko',
        health_authority_name: 'Saint Mary General Hospital',
      });
      secrets.push(
        ...after.map((r: { key: string }) => r.key),
        tok.ana!,
        tok.marko!,
        'Mild hypertension',
        '140/90',
      );
    });

    it('the log output holds no password, token, key or record content', async () => {
      await env.api!.ctx.audit.flush();
      expect(logs.text.length).toBeGreaterThan(0);
      for (const s of secrets) expect(logs.text.includes(s), `log contains ${s.slice(0, 12)}…`).toBe(false);
      expect(logs.text).not.toMatch(/Bearer |"secret_key"|access_token|Hypertension|Diabetes|scrypt:/);
      expect(logs.text).not.toMatch(/2308992715066|1205990710034/); // personal IDs live in URLs
    });
  });
}
