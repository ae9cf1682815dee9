/**
 * Every rule of checkTransaction, each with a passing case and its failing siblings, against a
 * bare LedgerState (pure: no chain, no blocks). Signatures are real but not what is tested here;
 * chain-state.prop.test.ts checks them inside blocks.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import type { BlockHash, Hash32, Id128, PublicKey } from '../brand.js';
import { bytesToHex, hexToBytes } from '../bytes.js';
import { isLedgerError, type LedgerErrorCode } from '../errors.js';
import type { KeyPair } from '../keys.js';
import { LedgerState } from '../state.js';
import { testGenesis, testKey } from '../testing.js';
import type { Transaction, TxBody, TxType } from './schema.js';
import { parseTransaction, signTransaction, txId } from './signing.js';

const genesis = testGenesis();
const ca = testKey('central-authority');
const ha = testKey('hospital');
const ha2 = testKey('clinic');
const patient = testKey('patient');
const patient2 = testKey('other-patient');
const service = testKey('api-service');
const service2 = testKey('second-service');
const stranger = testKey('stranger');

const id = (n: number) => n.toString(16).padStart(32, '0') as Id128;
const COMMITMENT = 'ab'.repeat(32) as Hash32;
const ROOT = 'cd'.repeat(32) as Hash32;
const AT = { blockHash: 'ee'.repeat(32) as BlockHash, height: 1, index: 0 };

const tx = <T extends TxType>(type: T, body: TxBody<T>, key: KeyPair) =>
  signTransaction(type, body, key, genesis.hashBytes);
const idOf = (t: Transaction) => txId(t, genesis.hashBytes);

type Role = 'health_authority' | 'patient' | 'service';
const register = (account: PublicKey, role: Role, signer: KeyPair = ca, subject = id(1)) =>
  tx('account.register', { account, role, subject }, signer);
const anchor = (recordId: Id128, opts: { signer?: KeyPair; creator?: KeyPair; patient?: KeyPair } = {}) =>
  tx(
    'record.anchor',
    {
      record_id: recordId,
      patient: (opts.patient ?? patient).publicKey,
      creator: (opts.creator ?? opts.signer ?? ha).publicKey,
      date: '2025-11-04T12:17:34.969Z',
      commitment: COMMITMENT,
    },
    opts.signer ?? ha,
  );
const access = (
  type: 'access.grant' | 'access.revoke',
  recordId: Id128,
  grantee: PublicKey,
  requestId: Id128,
  signer: KeyPair = patient,
) => tx(type, { record_id: recordId, grantee, request_id: requestId }, signer);
const checkpoint = (from: number, to: number, signer: KeyPair = service) =>
  tx('audit.checkpoint', { from, to, root: ROOT }, signer);

/** The error code `check` throws for `t`, or 'ok'. */
function verdict(state: LedgerState, t: Transaction, id = idOf(t)): LedgerErrorCode | 'ok' {
  try {
    state.check(t, id);
    return 'ok';
  } catch (e) {
    if (!isLedgerError(e)) throw e;
    expect(e.details.txId).toBe(id);
    return e.code;
  }
}

/** Checks then applies, failing the test if the rules refuse it. */
function applyOk(state: LedgerState, ...txs: Transaction[]): void {
  for (const t of txs) {
    expect(verdict(state, t)).toBe('ok');
    state.apply(t, idOf(t), AT);
  }
}

/** A state with two health authorities, two patients, two services and nothing else. */
function populated(): LedgerState {
  const state = new LedgerState(ca.publicKey);
  applyOk(
    state,
    register(ha.publicKey, 'health_authority'),
    register(ha2.publicKey, 'health_authority', ca, id(2)),
    register(patient.publicKey, 'patient', ca, id(3)),
    register(patient2.publicKey, 'patient', ca, id(4)),
    register(service.publicKey, 'service', ca, id(5)),
    register(service2.publicKey, 'service', ca, id(6)),
  );
  return state;
}

// A point of order 8 (from the ZIP-215 / "Taming the many EdDSAs" small-order list).
const ORDER_8 = 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a';

describe('account.register', () => {
  it('accepts a health authority, a patient and a service registered by the central authority', () => {
    const state = new LedgerState(ca.publicKey);
    applyOk(
      state,
      register(ha.publicKey, 'health_authority'),
      register(patient.publicKey, 'patient'),
      register(service.publicKey, 'service'),
    );
    expect(state.account(ha.publicKey)).toEqual({ role: 'health_authority', subject: id(1) });
    expect(state.account(patient.publicKey)?.role).toBe('patient');
    expect(state.account(service.publicKey)?.role).toBe('service');
  });

  it('rejects a registration signed by a patient, a health authority or a service (wrong role)', () => {
    const state = populated();
    for (const signer of [patient, ha, service]) {
      expect(verdict(state, register(stranger.publicKey, 'patient', signer))).toBe('TX_WRONG_ROLE');
    }
  });

  it('names the signer role in a wrong-role rejection', () => {
    const state = populated();
    const t = register(stranger.publicKey, 'health_authority', ha);
    expect(() => state.check(t, idOf(t))).toThrow(
      expect.objectContaining({
        code: 'TX_WRONG_ROLE',
        details: expect.objectContaining({ role: 'health_authority' }),
      }),
    );
  });

  it('rejects a registration signed by an unknown key', () => {
    const state = populated();
    expect(verdict(state, register(testKey('x').publicKey, 'patient', stranger))).toBe('TX_UNKNOWN_SIGNER');
  });

  it('rejects re-registering an account, in the same or another role, and the central authority itself', () => {
    const state = populated();
    expect(verdict(state, register(ha.publicKey, 'health_authority', ca, id(99)))).toBe('TX_ACCOUNT_EXISTS');
    expect(verdict(state, register(ha.publicKey, 'patient'))).toBe('TX_ACCOUNT_EXISTS');
    expect(verdict(state, register(patient.publicKey, 'service'))).toBe('TX_ACCOUNT_EXISTS');
    expect(verdict(state, register(ca.publicKey, 'service'))).toBe('TX_ACCOUNT_EXISTS');
  });

  it('refuses small-order account keys', () => {
    const state = populated();
    const smallOrder = [
      `01${'00'.repeat(31)}`, // identity, order 1
      `ec${'ff'.repeat(30)}7f`, // order 2
      '00'.repeat(32), // order 4
      ORDER_8,
    ];
    for (const key of smallOrder) {
      expect(ed25519.Point.fromBytes(hexToBytes(key)).isSmallOrder()).toBe(true);
      const t = register(key as PublicKey, 'patient');
      expect(verdict(state, t)).toBe('TX_SCHEMA');
      expect(() => state.check(t, idOf(t))).toThrow(
        expect.objectContaining({ details: expect.objectContaining({ field: 'body.account' }) }),
      );
    }
  });

  it('refuses a torsioned account key (a good key plus a point of order 8)', () => {
    const state = populated();
    const torsion = ed25519.Point.fromBytes(hexToBytes(ORDER_8));
    const point = ed25519.Point.fromBytes(hexToBytes(stranger.publicKey)).add(torsion);
    expect(point.isSmallOrder()).toBe(false);
    expect(point.isTorsionFree()).toBe(false);
    const torsioned = bytesToHex(point.toBytes()) as PublicKey;
    expect(verdict(state, register(torsioned, 'patient'))).toBe('TX_SCHEMA');
    expect(verdict(state, register(stranger.publicKey, 'patient'))).toBe('ok'); // the sibling that passes
  });

  it('refuses a key that is not a point on the curve, or not canonically encoded', () => {
    const state = populated();
    let offCurve: string | undefined;
    for (let i = 2; offCurve === undefined; i++) {
      const candidate = i.toString(16).padStart(2, '0') + '00'.repeat(31);
      try {
        ed25519.Point.fromBytes(hexToBytes(candidate));
      } catch {
        offCurve = candidate;
      }
    }
    expect(verdict(state, register(offCurve as PublicKey, 'patient'))).toBe('TX_SCHEMA');
    // y = p + 1 encodes the identity's y non-canonically
    expect(verdict(state, register(`ee${'ff'.repeat(30)}7f` as PublicKey, 'patient'))).toBe('TX_SCHEMA');
  });

  it('cannot register another central authority (the schema has no such role)', () => {
    const t = {
      ...register(stranger.publicKey, 'patient'),
      body: { account: stranger.publicKey, role: 'central_authority', subject: id(1) },
    };
    expect(() => parseTransaction(t, 4096)).toThrow(
      expect.objectContaining({ code: 'TX_SCHEMA', details: { field: 'body.role' } }),
    );
  });
});

describe('record.anchor', () => {
  it('accepts an anchor by a registered health authority that is its creator, for a registered patient', () => {
    const state = populated();
    applyOk(state, anchor(id(10)), anchor(id(11), { signer: ha2, patient: patient2 }));
    expect(state.record(id(10))).toMatchObject({ patient: patient.publicKey, creator: ha.publicKey });
    expect(state.patientRecords.get(patient.publicKey)).toEqual([id(10)]);
  });

  it('rejects an anchor signed by a patient, a service or the central authority', () => {
    const state = populated();
    for (const signer of [patient, service, ca]) {
      expect(verdict(state, anchor(id(10), { signer }))).toBe('TX_WRONG_ROLE');
    }
  });

  it('rejects an anchor signed by an unknown key', () => {
    expect(verdict(populated(), anchor(id(10), { signer: stranger }))).toBe('TX_UNKNOWN_SIGNER');
  });

  it('rejects an anchor whose creator is another health authority than the signer', () => {
    const state = populated();
    expect(verdict(state, anchor(id(10), { signer: ha, creator: ha2 }))).toBe('TX_WRONG_ROLE');
    expect(verdict(state, anchor(id(10), { signer: ha, creator: stranger }))).toBe('TX_WRONG_ROLE');
  });

  it('rejects an anchor for an unregistered patient, or for an account that is not a patient', () => {
    const state = populated();
    for (const p of [stranger, ha2, service, ca]) {
      expect(verdict(state, anchor(id(10), { patient: p }))).toBe('TX_UNKNOWN_ACCOUNT');
    }
  });

  it('anchors a record id once, whoever anchors it again', () => {
    const state = populated();
    applyOk(state, anchor(id(10)));
    expect(verdict(state, anchor(id(10), { signer: ha2 }))).toBe('TX_RECORD_EXISTS');
    expect(verdict(state, anchor(id(10), { patient: patient2 }))).toBe('TX_RECORD_EXISTS');
    expect(verdict(state, anchor(id(11)))).toBe('ok');
  });
});

describe('access.grant', () => {
  const withRecord = () => {
    const state = populated();
    applyOk(state, anchor(id(10)));
    return state;
  };

  it("accepts a grant by the record's patient to a health authority", () => {
    const state = withRecord();
    applyOk(state, access('access.grant', id(10), ha2.publicKey, id(100)));
    expect(state.grant(id(100))).toMatchObject({ recordId: id(10), grantee: ha2.publicKey, revokeTx: null });
  });

  it('rejects a grant of a record that is not anchored', () => {
    expect(verdict(withRecord(), access('access.grant', id(11), ha2.publicKey, id(100)))).toBe(
      'TX_UNKNOWN_RECORD',
    );
  });

  it("rejects a grant signed by anyone but the record's patient", () => {
    const state = withRecord();
    for (const signer of [patient2, ha, ca, service, stranger]) {
      expect(verdict(state, access('access.grant', id(10), ha2.publicKey, id(100), signer))).toBe(
        'TX_NOT_RECORD_PATIENT',
      );
    }
  });

  it('rejects a grantee that is not a registered health authority', () => {
    const state = withRecord();
    for (const grantee of [patient2, service, ca, stranger]) {
      expect(verdict(state, access('access.grant', id(10), grantee.publicKey, id(100)))).toBe(
        'TX_UNKNOWN_ACCOUNT',
      );
    }
  });

  it('allows one grant per request id, even for another grantee or record, and after a revoke', () => {
    const state = withRecord();
    applyOk(state, anchor(id(11)), access('access.grant', id(10), ha2.publicKey, id(100)));
    expect(verdict(state, access('access.grant', id(10), ha.publicKey, id(100)))).toBe('TX_GRANT_EXISTS');
    expect(verdict(state, access('access.grant', id(11), ha2.publicKey, id(100)))).toBe('TX_GRANT_EXISTS');
    applyOk(state, access('access.revoke', id(10), ha2.publicKey, id(100)));
    expect(verdict(state, access('access.grant', id(11), ha2.publicKey, id(100)))).toBe('TX_GRANT_EXISTS');
    expect(verdict(state, access('access.grant', id(10), ha2.publicKey, id(101)))).toBe('ok');
  });
});

describe('access.revoke', () => {
  const withGrant = () => {
    const state = populated();
    applyOk(state, anchor(id(10)), anchor(id(11)), access('access.grant', id(10), ha2.publicKey, id(100)));
    return state;
  };

  it('accepts a revoke of a live grant with matching record and grantee, by the patient', () => {
    const state = withGrant();
    const revoke = access('access.revoke', id(10), ha2.publicKey, id(100));
    applyOk(state, revoke);
    expect(state.grant(id(100))?.revokeTx).toBe(idOf(revoke));
  });

  it('rejects a revoke for a request that has no grant', () => {
    expect(verdict(withGrant(), access('access.revoke', id(10), ha2.publicKey, id(101)))).toBe(
      'TX_UNKNOWN_GRANT',
    );
  });

  it('rejects a revoke naming another record or another grantee than the grant', () => {
    const state = withGrant();
    expect(verdict(state, access('access.revoke', id(11), ha2.publicKey, id(100)))).toBe('TX_UNKNOWN_GRANT');
    expect(verdict(state, access('access.revoke', id(10), ha.publicKey, id(100)))).toBe('TX_UNKNOWN_GRANT');
  });

  it("rejects a revoke signed by anyone but the record's patient, or of an unknown record", () => {
    const state = withGrant();
    for (const signer of [patient2, ha, ha2, ca]) {
      expect(verdict(state, access('access.revoke', id(10), ha2.publicKey, id(100), signer))).toBe(
        'TX_NOT_RECORD_PATIENT',
      );
    }
    expect(verdict(state, access('access.revoke', id(12), ha2.publicKey, id(100)))).toBe('TX_UNKNOWN_RECORD');
  });

  it('rejects revoking twice: the replay as a duplicate, and the grant as no longer live under any id', () => {
    const state = withGrant();
    const revoke = access('access.revoke', id(10), ha2.publicKey, id(100));
    applyOk(state, revoke);
    expect(verdict(state, revoke)).toBe('TX_DUPLICATE');
    // The same body always has the same id, so only a caller passing another id reaches the
    // liveness rule; it must still refuse.
    expect(verdict(state, revoke, 'ff'.repeat(32) as never)).toBe('TX_UNKNOWN_GRANT');
  });
});

describe('audit.checkpoint', () => {
  it('accepts contiguous checkpoints from 1 by a service account', () => {
    const state = populated();
    applyOk(state, checkpoint(1, 5), checkpoint(6, 6), checkpoint(7, 20));
    expect(state.checkpointEnd(service.publicKey)).toBe(20);
  });

  it('rejects a checkpoint signed by a health authority, a patient or the central authority', () => {
    const state = populated();
    for (const signer of [ha, patient, ca])
      expect(verdict(state, checkpoint(1, 5, signer))).toBe('TX_WRONG_ROLE');
  });

  it('rejects a checkpoint signed by an unknown key', () => {
    expect(verdict(populated(), checkpoint(1, 5, stranger))).toBe('TX_UNKNOWN_SIGNER');
  });

  it('rejects a first checkpoint that does not start at 1', () => {
    const state = populated();
    const t = checkpoint(2, 5);
    expect(verdict(state, t)).toBe('TX_CHECKPOINT_GAP');
    expect(() => state.check(t, idOf(t))).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ want: 1, got: 2 }) }),
    );
  });

  it('rejects a gap or an overlap after the last checkpoint', () => {
    const state = populated();
    applyOk(state, checkpoint(1, 5));
    expect(verdict(state, checkpoint(7, 9))).toBe('TX_CHECKPOINT_GAP');
    expect(verdict(state, checkpoint(5, 9))).toBe('TX_CHECKPOINT_GAP');
    expect(verdict(state, checkpoint(1, 9))).toBe('TX_CHECKPOINT_GAP');
    expect(verdict(state, checkpoint(6, 9))).toBe('ok');
  });

  it('counts each service key separately', () => {
    const state = populated();
    applyOk(state, checkpoint(1, 5));
    expect(verdict(state, checkpoint(1, 3, service2))).toBe('ok');
    expect(verdict(state, checkpoint(6, 7, service2))).toBe('TX_CHECKPOINT_GAP');
  });

  it('refuses a range whose end is below its start (schema)', () => {
    expect(() => parseTransaction(checkpoint(5, 4), 4096)).toThrow(
      expect.objectContaining({ code: 'TX_SCHEMA', details: { field: 'body.to' } }),
    );
  });
});

describe('replay', () => {
  it('rejects every applied transaction of every type as a duplicate', () => {
    const state = populated();
    const txs = [
      register(stranger.publicKey, 'patient'),
      anchor(id(10)),
      access('access.grant', id(10), ha2.publicKey, id(100)),
      access('access.revoke', id(10), ha2.publicKey, id(100)),
      checkpoint(1, 5),
    ];
    applyOk(state, ...txs);
    for (const t of txs) expect(verdict(state, t)).toBe('TX_DUPLICATE');
  });

  it('checks replay first, before any other rule', () => {
    const state = populated();
    const t = checkpoint(1, 5);
    applyOk(state, t, checkpoint(6, 8));
    expect(verdict(state, t)).toBe('TX_DUPLICATE'); // would otherwise be a gap
  });

  it('accepts the same body again once the first is reverted', () => {
    const state = populated();
    const t = register(stranger.publicKey, 'patient');
    applyOk(state, t);
    state.revert(t, idOf(t));
    expect(verdict(state, t)).toBe('ok');
  });
});

describe('a transaction type no rule knows', () => {
  // A well-signed transaction of a newer version's type, as if it had got past the schema.
  const unknown = {
    ...register(stranger.publicKey, 'patient'),
    type: 'record.amend',
  } as unknown as Transaction;

  it('is refused by the schema, naming the field', () => {
    expect(() => parseTransaction(JSON.parse(JSON.stringify(unknown)), 64 * 1024)).toThrow(
      expect.objectContaining({ code: 'TX_SCHEMA', message: expect.stringMatching(/type/) }),
    );
  });

  it('is refused by every rule that bypasses the schema, never applied or reverted silently', () => {
    const state = new LedgerState(ca.publicKey);
    const digest = state.digest();
    expect(() => state.check(unknown, idOf(unknown))).toThrow(/unexpected transaction type: "record.amend"/);
    expect(() => state.apply(unknown, idOf(unknown), AT)).toThrow(/unexpected transaction type/);
    expect(() => state.revert(unknown, idOf(unknown))).toThrow(/unexpected transaction type/);
    expect(state.digest()).toBe(digest);
  });
});
