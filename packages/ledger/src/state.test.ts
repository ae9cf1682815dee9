/**
 * LedgerState apply/revert are exact inverses. A small model of the ledger (who is registered,
 * which records, grants and checkpoints exist) turns random commands into valid transaction
 * sequences; the model, not the rules under test, decides what is valid, so the rules are also
 * checked to accept every sequence the model produces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BlockHash, Hash32, Id128, PublicKey, TxId } from './brand.js';
import type { KeyPair } from './keys.js';
import { LedgerState, type TxLocation } from './state.js';
import { testGenesis, testKey } from './testing.js';
import type { Transaction, TxBody, TxType } from './tx/schema.js';
import { signTransaction, txId } from './tx/signing.js';

const genesis = testGenesis();
const ca = testKey('central-authority');
const POOL = 4;
const pool = (role: string) => Array.from({ length: POOL }, (_, i) => testKey(`${role}-${i}`));
const keysByRole = {
  health_authority: pool('ha'),
  patient: pool('patient'),
  service: pool('service'),
} as const;
type Role = keyof typeof keysByRole;
const ROLES = Object.keys(keysByRole) as Role[];
const keyOf = new Map<PublicKey, KeyPair>(
  Object.values(keysByRole)
    .flat()
    .map((k) => [k.publicKey, k]),
);

const hex = (n: number, bytes: number) => n.toString(16).padStart(bytes * 2, '0');
const DATES = ['2025-01-01T00:00:00.000Z', '2025-11-04T12:17:34.969Z', '2026-02-28T23:59:59.999Z'];

type Command =
  | { kind: 'register'; role: number; pick: number }
  | { kind: 'anchor'; ha: number; patient: number; date: number }
  | { kind: 'grant'; record: number; ha: number }
  | { kind: 'revoke'; grant: number }
  | { kind: 'checkpoint'; service: number; length: number };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('register' as const), role: fc.nat(2), pick: fc.nat(POOL - 1) }),
  },
  fc.record({ kind: fc.constant('anchor' as const), ha: fc.nat(), patient: fc.nat(), date: fc.nat(2) }),
  fc.record({ kind: fc.constant('grant' as const), record: fc.nat(), ha: fc.nat() }),
  fc.record({ kind: fc.constant('revoke' as const), grant: fc.nat() }),
  fc.record({ kind: fc.constant('checkpoint' as const), service: fc.nat(), length: fc.nat(5) }),
);

interface Model {
  registered: Map<PublicKey, Role>;
  records: Array<{ id: Id128; patient: PublicKey }>;
  grants: Array<{ record: Id128; patient: PublicKey; grantee: PublicKey; request: Id128; live: boolean }>;
  checkpoints: Map<PublicKey, number>;
  nextId: number;
}

const ofRole = (m: Model, role: Role) => [...m.registered].filter(([, r]) => r === role).map(([k]) => k);
const at = <T>(list: readonly T[], n: number): T | undefined =>
  list.length === 0 ? undefined : list[n % list.length];

/** Interprets commands against the model; a command that does not apply is skipped. */
function plan(commands: readonly Command[]): Transaction[] {
  const m: Model = { registered: new Map(), records: [], grants: [], checkpoints: new Map(), nextId: 1 };
  const out: Transaction[] = [];
  const sign = <T extends TxType>(type: T, body: TxBody<T>, key: KeyPair) =>
    out.push(signTransaction(type, body, key, genesis.hashBytes));
  for (const c of commands) {
    switch (c.kind) {
      case 'register': {
        const role = ROLES[c.role]!;
        const key = keysByRole[role][c.pick]!;
        if (m.registered.has(key.publicKey)) break;
        m.registered.set(key.publicKey, role);
        sign('account.register', { account: key.publicKey, role, subject: hex(m.nextId++, 16) as Id128 }, ca);
        break;
      }
      case 'anchor': {
        const ha = at(ofRole(m, 'health_authority'), c.ha);
        const patient = at(ofRole(m, 'patient'), c.patient);
        if (ha === undefined || patient === undefined) break;
        const recordId = hex(m.nextId++, 16) as Id128;
        m.records.push({ id: recordId, patient });
        sign(
          'record.anchor',
          {
            record_id: recordId,
            patient,
            creator: ha,
            date: DATES[c.date]!,
            commitment: hex(m.nextId, 32) as Hash32,
          },
          keyOf.get(ha)!,
        );
        break;
      }
      case 'grant': {
        const record = at(m.records, c.record);
        const grantee = at(ofRole(m, 'health_authority'), c.ha);
        if (record === undefined || grantee === undefined) break;
        const request = hex(m.nextId++, 16) as Id128;
        m.grants.push({ record: record.id, patient: record.patient, grantee, request, live: true });
        sign(
          'access.grant',
          { record_id: record.id, grantee, request_id: request },
          keyOf.get(record.patient)!,
        );
        break;
      }
      case 'revoke': {
        const grant = at(
          m.grants.filter((g) => g.live),
          c.grant,
        );
        if (grant === undefined) break;
        grant.live = false;
        sign(
          'access.revoke',
          { record_id: grant.record, grantee: grant.grantee, request_id: grant.request },
          keyOf.get(grant.patient)!,
        );
        break;
      }
      case 'checkpoint': {
        const svc = at(ofRole(m, 'service'), c.service);
        if (svc === undefined) break;
        const from = (m.checkpoints.get(svc) ?? 0) + 1;
        const to = from + c.length;
        m.checkpoints.set(svc, to);
        sign('audit.checkpoint', { from, to, root: hex(to, 32) as Hash32 }, keyOf.get(svc)!);
        break;
      }
    }
  }
  return out;
}

const sequenceArb = fc.array(commandArb, { minLength: 1, maxLength: 40, size: 'max' }).map(plan);
const loc = (i: number): TxLocation => ({
  blockHash: hex(Math.floor(i / 4) + 1, 32) as BlockHash,
  height: Math.floor(i / 4) + 1,
  index: i % 4,
});

function checkAndApply(state: LedgerState, tx: Transaction, id: TxId, i: number) {
  state.check(tx, id); // the model says it is valid: the rules must agree
  state.apply(tx, id, loc(i));
}

describe('LedgerState', () => {
  it('the model produces sequences of every transaction type (generator sanity)', () => {
    const types = new Set<string>();
    fc.assert(
      fc.property(sequenceArb, (txs) => {
        for (const t of txs) types.add(t.type);
      }),
      { numRuns: 50, seed: 1 },
    );
    expect([...types].sort()).toEqual([
      'access.grant',
      'access.revoke',
      'account.register',
      'audit.checkpoint',
      'record.anchor',
    ]);
  });

  it('applying a valid sequence then reverting it in reverse order restores every earlier digest', () => {
    fc.assert(
      fc.property(sequenceArb, (txs) => {
        const state = new LedgerState(ca.publicKey);
        const ids = txs.map((t) => txId(t, genesis.hashBytes));
        const digests = [state.digest()];
        for (const [i, t] of txs.entries()) {
          checkAndApply(state, t, ids[i]!, i);
          digests.push(state.digest());
        }
        expect(new Set(digests).size).toBe(digests.length); // every transaction changes the state
        for (let i = txs.length - 1; i >= 0; i--) {
          state.revert(txs[i]!, ids[i]!);
          expect(state.digest()).toBe(digests[i]);
        }
        for (const m of [state.records, state.patientRecords, state.grants, state.checkpoints, state.txs]) {
          expect(m.size).toBe(0);
        }
        expect(state.accounts.size).toBe(1); // the central authority
      }),
      { numRuns: 80 },
    );
  });

  it('apply, revert, apply gives the same digest as apply, whatever suffix is taken back', () => {
    fc.assert(
      fc.property(
        sequenceArb,
        fc.array(fc.boolean(), { maxLength: 40 }),
        fc.nat(),
        (txs, bounce, suffixSeed) => {
          const ids = txs.map((t) => txId(t, genesis.hashBytes));
          const straight = new LedgerState(ca.publicKey);
          for (const [i, t] of txs.entries()) checkAndApply(straight, t, ids[i]!, i);
          const want = straight.digest();

          // each transaction optionally applied, reverted and applied again, in place
          const bounced = new LedgerState(ca.publicKey);
          for (const [i, t] of txs.entries()) {
            checkAndApply(bounced, t, ids[i]!, i);
            if (bounce[i]) {
              bounced.revert(t, ids[i]!);
              checkAndApply(bounced, t, ids[i]!, i);
            }
          }
          expect(bounced.digest()).toBe(want);

          // a whole suffix reverted (as a reorg does) and applied again
          const k = suffixSeed % (txs.length + 1);
          for (let i = txs.length - 1; i >= k; i--) straight.revert(txs[i]!, ids[i]!);
          for (let i = k; i < txs.length; i++) checkAndApply(straight, txs[i]!, ids[i]!, i);
          expect(straight.digest()).toBe(want);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('digest depends on where a transaction is, not only on what it is', () => {
    const [t] = plan([{ kind: 'register', role: 1, pick: 0 }]);
    const id = txId(t!, genesis.hashBytes);
    const a = new LedgerState(ca.publicKey);
    const b = new LedgerState(ca.publicKey);
    a.apply(t!, id, loc(0));
    b.apply(t!, id, loc(1));
    expect(a.digest()).not.toBe(b.digest());
  });
});
