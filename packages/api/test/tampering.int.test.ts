/**
 * Tampering with what the database holds is detected: a changed ciphertext, wrapped key, salt,
 * record content or record row makes verification answer "Health record is invalid!"; a receipt
 * made on another network is refused; and audit rows deleted, reordered or edited after their
 * checkpoint no longer match the root on chain. Each proof the API hands out checks offline.
 */
import {
  bytesToHex,
  hexToBytes,
  parseGenesis,
  type Receipt,
  rootFromInclusionProof,
  verifyReceipt,
} from '@chartproof/ledger';
import { testGenesisDoc } from '@chartproof/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSalt, openRecord, sealRecord } from '../src/crypto/envelope.js';
import { bytes } from '../src/db/tables.js';
import { checkIntegrity, INVALID, tryOpen, VALID } from '../src/services/integrity.js';
import { ApiEnv, postgresAvailable, type Store, USERS, waitFor } from './harness.js';

const pgOk = await postgresAvailable();

for (const store of ['pglite', 'postgres'] as Store[]) {
  describe.skipIf(store === 'postgres' && !pgOk)(`tampering on ${store}`, () => {
    let env: ApiEnv;
    let ana: string;
    let marko: string;
    const db = () => env.api!.ctx.db;
    const master = () => env.api!.ctx.secrets.masterKey;

    /** A fresh record for Ana, and a function answering what verify says about it now. */
    async function freshRecord() {
      const c = await env.call('POST', '/api/health-records', {
        token: marko,
        body: { patient_id: USERS.ana.id, diagnosis: 'Tamper target', note: 'original' },
      });
      expect(c.status).toBe(201);
      const id = c.body.id as string;
      const key = (await env.call('GET', '/api/health-records', { token: ana })).body.health_records.find(
        (r: { health_record: { _id: string } }) => r.health_record._id === id,
      ).key;
      const verify = async () =>
        (
          await env.call('POST', `/api/health-records/verify/${id}`, {
            token: ana,
            body: { secret_key: key },
          })
        ).body.blockchain_response;
      expect(await verify()).toBe(VALID);
      const row = await db()
        .selectFrom('health_records')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return { id, verify, row };
    }

    beforeAll(async () => {
      env = await ApiEnv.start({ store });
      await env.demoReady();
      ana = await env.login(USERS.ana.id, USERS.ana.password);
      marko = await env.login(USERS.marko.id, USERS.marko.password);
    }, 150_000);
    afterAll(async () => env?.stop());

    it('an edited ciphertext is invalid', async () => {
      const { id, verify, row } = await freshRecord();
      const c = Buffer.from(bytes(row.ciphertext));
      c[c.length - 20]! ^= 0x01;
      await db().updateTable('health_records').set({ ciphertext: c }).where('id', '=', id).execute();
      expect(await verify()).toBe(INVALID);
      // The listing does not fail, and shows what no longer opens as unreadable (issue 13).
      const list = await env.call('GET', '/api/health-records', { token: ana });
      expect(list.status).toBe(200);
      expect(
        list.body.health_records.find((r: { health_record: { _id: string } }) => r.health_record._id === id),
      ).toMatchObject({ unreadable: true, health_record: { _id: id } });
    });

    it('an edited wrapped key is invalid', async () => {
      const { id, verify, row } = await freshRecord();
      const k = Buffer.from(bytes(row.wrapped_key));
      k[15]! ^= 0x80;
      await db().updateTable('health_records').set({ wrapped_key: k }).where('id', '=', id).execute();
      expect(await verify()).toBe(INVALID);
    });

    it('another salt, re-sealed by someone holding the master key, is invalid', async () => {
      const { id, verify, row } = await freshRecord();
      const opened = openRecord(master(), id, row.patient_id, {
        ciphertext: bytes(row.ciphertext),
        wrappedKey: bytes(row.wrapped_key),
      });
      const resealed = sealRecord(master(), id, row.patient_id, opened.record, newSalt());
      await db()
        .updateTable('health_records')
        .set({ ciphertext: resealed.ciphertext, wrapped_key: resealed.wrappedKey })
        .where('id', '=', id)
        .execute();
      expect(await verify()).toBe(INVALID);
    });

    it('edited record content, re-sealed with the original salt, is invalid', async () => {
      const { id, verify, row } = await freshRecord();
      const opened = openRecord(master(), id, row.patient_id, {
        ciphertext: bytes(row.ciphertext),
        wrappedKey: bytes(row.wrapped_key),
      });
      const resealed = sealRecord(
        master(),
        id,
        row.patient_id,
        { ...opened.record, note: 'altered' },
        opened.salt,
      );
      await db()
        .updateTable('health_records')
        .set({ ciphertext: resealed.ciphertext, wrapped_key: resealed.wrappedKey })
        .where('id', '=', id)
        .execute();
      expect(await verify()).toBe(INVALID);
    });

    it('an edited record row is invalid: another creating authority, another patient', async () => {
      const a = await freshRecord();
      await db()
        .updateTable('health_records')
        .set({ health_authority_id: USERS.chi.id })
        .where('id', '=', a.id)
        .execute();
      expect(await a.verify()).toBe(INVALID);
      const b = await freshRecord();
      await db()
        .updateTable('health_records')
        .set({ patient_id: USERS.nikola.id })
        .where('id', '=', b.id)
        .execute();
      const nikola = await env.login(USERS.nikola.id, USERS.nikola.password);
      const key = await env.call('GET', `/api/health-records/secret_key/${b.id}`, { token: nikola });
      const v = await env.call('POST', `/api/health-records/verify/${b.id}`, {
        token: nikola,
        body: { secret_key: key.body.secret_key },
      });
      expect(v.body.blockchain_response).toBe(INVALID);
    });

    it("refuses a receipt made on another network, and the proof checks offline against the node's genesis", async () => {
      const { id, row } = await freshRecord();
      const proof = await env.call('GET', `/api/health-records/${id}/proof`, { token: ana });
      expect(proof.status).toBe(200);
      const genesis = parseGenesis(await env.nodes[2]!.http('/genesis'));
      const check = verifyReceipt(proof.body.receipt, genesis);
      expect(check.tx).toMatchObject({
        type: 'record.anchor',
        body: { record_id: id, commitment: proof.body.commitment },
      });
      const patient = await db()
        .selectFrom('patients')
        .select('public_key')
        .where('id', '=', USERS.ana.id)
        .executeTakeFirstOrThrow();
      const ha = await db()
        .selectFrom('health_authorities')
        .select('public_key')
        .where('id', '=', USERS.saintMary.id)
        .executeTakeFirstOrThrow();
      const input = {
        row,
        opened: tryOpen(master(), row),
        receipt: proof.body.receipt as Receipt,
        patientKey: patient.public_key,
        creatorKey: ha.public_key,
      };
      expect(checkIntegrity({ ...input, genesis })).toBe(VALID);
      const elsewhere = parseGenesis(
        testGenesisDoc({ consensus: { block_interval_ms: 200 }, timestamp: 1_700_000_000_999 }),
      );
      expect(checkIntegrity({ ...input, genesis: elsewhere })).toBe(INVALID);
      // The same receipt relabelled for the other network fails its signatures.
      expect(
        checkIntegrity({
          ...input,
          genesis: elsewhere,
          receipt: { ...input.receipt, genesis: elsewhere.hash },
        }),
      ).toBe(INVALID);
    });

    it('audit rows deleted, reordered or edited after their checkpoint are detected', async () => {
      await env.call('GET', '/api/health-records', { token: ana });
      const last = await db()
        .selectFrom('audit_log')
        .select((eb) => eb.fn.max('seq').as('m'))
        .executeTakeFirstOrThrow();
      const upTo = Number(last.m);
      await waitFor(
        'a checkpoint covering the log',
        async () => {
          await env.api!.services.checkpoints.runOnce();
          const c = await db()
            .selectFrom('audit_checkpoints')
            .select((eb) => eb.fn.max('to_seq').as('to'))
            .where('status', '=', 'anchored')
            .executeTakeFirst();
          return Number(c?.to ?? 0) >= upTo;
        },
        30_000,
        300,
      );
      const verifyLog = () => env.api!.services.checkpoints.verifyLog();
      // Two neighbours may sit in two checkpoints: each one they touch reports the change.
      const expectAltered = (v: { problems: Array<{ problem: string }> }) => {
        expect(v.problems.length).toBeGreaterThan(0);
        for (const p of v.problems) expect(p.problem).toMatch(/edited or reordered/);
      };
      expect((await verifyLog()).problems).toEqual([]);

      // The proof of one entry checks against the root the validators acknowledged.
      const audit = await env.call('GET', '/api/audit', { token: ana });
      const mine = audit.body.entries.find((e: { checkpointed: boolean }) => e.checkpointed);
      const p = await env.call('GET', `/api/audit/${mine.seq}/proof`, { token: ana });
      expect(p.status).toBe(200);
      const root = rootFromInclusionProof(
        hexToBytes(p.body.leaf),
        p.body.proof.index,
        p.body.proof.size,
        p.body.proof.path.map((h: string) => hexToBytes(h)),
      );
      expect(bytesToHex(root)).toBe(p.body.checkpoint.root);
      const receipt = verifyReceipt(p.body.receipt, env.api!.ctx.genesis);
      expect(receipt.tx).toMatchObject({ type: 'audit.checkpoint', body: { root: p.body.checkpoint.root } });

      const rows = await db()
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '<=', upTo)
        .orderBy('seq')
        .execute();
      const victim = rows[Math.floor(rows.length / 2)]!;
      // delete
      await db().deleteFrom('audit_log').where('seq', '=', victim.seq).execute();
      expect((await verifyLog()).problems.map((x) => x.problem)).toEqual([`entries missing: ${victim.seq}`]);
      await db().insertInto('audit_log').values(victim).execute();
      expect((await verifyLog()).problems).toEqual([]);
      // reorder: two entries swap places
      const [a, b] = [rows[1]!, rows[2]!];
      await db().updateTable('audit_log').set({ seq: -1 }).where('seq', '=', a.seq).execute();
      await db().updateTable('audit_log').set({ seq: a.seq }).where('seq', '=', b.seq).execute();
      await db().updateTable('audit_log').set({ seq: b.seq }).where('seq', '=', -1).execute();
      expectAltered(await verifyLog());
      await db().deleteFrom('audit_log').where('seq', 'in', [a.seq, b.seq]).execute();
      await db().insertInto('audit_log').values([a, b]).execute();
      expect((await verifyLog()).problems).toEqual([]);
      // edit
      await db().updateTable('audit_log').set({ ip: '203.0.113.9' }).where('seq', '=', victim.seq).execute();
      expectAltered(await verifyLog());
      const proof = await env.call('GET', `/api/audit/${victim.seq}/proof`, { token: ana });
      expect([404, 409]).toContain(proof.status);
      await db().updateTable('audit_log').set({ ip: victim.ip }).where('seq', '=', victim.seq).execute();
      expect((await verifyLog()).problems).toEqual([]);
    }, 60_000);
  });
}
