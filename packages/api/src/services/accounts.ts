/**
 * Accounts: logins, and the provisioning of health authorities, patients and doctors.
 *
 * Health authorities and patients hold an Ed25519 key pair registered on chain by the central
 * authority (`account.register`); their private key is stored wrapped by the master key and never
 * leaves the server. A creation is written `pending`, registered, and made `active` only once a
 * majority of validators acknowledged the registration; if the chain refuses, or no node answers,
 * the rows are removed again, so nothing is left half-created. A process killed in between leaves
 * a pending row that the reconciler registers (the same signed transaction) at the next start.
 */
import { generateKeyPair, type KeyPair, parseId128, signTransaction } from '@chartproof/ledger';
import type { Kysely, Transaction } from 'kysely';
import { ChainRejected } from '../chain/chain-client.js';
import type { AppContext, Principal } from '../context.js';
import { wrapSecret } from '../crypto/envelope.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../crypto/passwords.js';
import { findActiveUser } from '../db/lookups.js';
import { type Database, now, UserType } from '../db/tables.js';
import { ApiError, badRequest, unauthorized } from '../errors.js';
import { newId } from '../ids.js';
import type { CreateDoctor, CreateHealthAuthority, CreatePatient } from '../schemas/entities.js';
import { AuditAction } from './audit-log.js';

export const REJECTED = 'Transaction rejected by blockchain network';
export const INVALID_CREDENTIALS = 'Invalid credentials!';

type Ctx = Pick<AppContext, 'db' | 'chain' | 'genesis' | 'caKey' | 'secrets' | 'tokens' | 'audit' | 'log'>;

export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = e as { code?: string; constraint?: string; message?: string };
  if (err?.code !== '23505') return false;
  return (
    constraint === undefined || err.constraint === constraint || (err.message ?? '').includes(constraint)
  );
}

export class Accounts {
  constructor(private readonly ctx: Ctx) {}

  /** Contract 2.2: one answer for an unknown id and a wrong password, at the same cost. */
  async login(id: string, password: string, ip: string): Promise<string> {
    const user = await findActiveUser(this.ctx.db, id);
    const ok =
      user === undefined
        ? await burnPasswordCheck(password)
        : await verifyPassword(password, user.password_hash);
    if (!ok || user === undefined) {
      await this.ctx.audit.append({
        actor_id: user?.id ?? 'anonymous',
        actor_type: user?.user_type ?? 'anonymous',
        action: AuditAction.LOGIN,
        health_authority_id: null,
        ip,
        outcome: 'invalid_credentials',
      });
      throw unauthorized(INVALID_CREDENTIALS);
    }
    await this.ctx.audit.append({
      actor_id: user.id,
      actor_type: user.user_type,
      action: AuditAction.LOGIN,
      health_authority_id: user.user_type === UserType.HEALTH_AUTHORITY ? user.id : null,
      ip,
    });
    return this.ctx.tokens.issue(user.id, user.user_type, undefined, user);
  }

  private registration(account: KeyPair, role: 'patient' | 'health_authority' | 'service', subject: string) {
    return signTransaction(
      'account.register',
      { account: account.publicKey, role, subject: parseId128(subject, 'subject') },
      this.ctx.caKey,
      this.ctx.genesis.hashBytes,
    );
  }

  /**
   * A user row and its role row in one transaction: `pending` for accounts registered on chain
   * (made active by `activate`), `active` for those that are not (doctors, the central authority).
   */
  private async insertUser(
    id: string,
    type: UserType,
    password: string,
    status: 'pending' | 'active',
    role: (trx: Transaction<Database>) => Promise<unknown>,
  ): Promise<void> {
    const hash = await hashPassword(password);
    await this.ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('users')
        .values({ id, user_type: type, password_hash: hash, status, created_at: now() })
        .execute();
      await role(trx);
    });
  }

  /** A new key pair, its registration signed by the central authority, and its wrapped secret. */
  private newAccount(id: string, role: 'patient' | 'health_authority') {
    const key = generateKeyPair();
    const tx = this.registration(key, role, id);
    return {
      tx,
      columns: {
        public_key: key.publicKey,
        secret_key: wrapSecret(this.ctx.secrets.masterKey, id, key.secretKey),
        register_tx: JSON.stringify(tx),
      },
    };
  }

  /** Registers a pending account on chain; on any failure removes it and rethrows. */
  private async activate(id: string, tx: ReturnType<Accounts['registration']>): Promise<void> {
    try {
      await this.ctx.chain.submit(tx);
    } catch (e) {
      await this.ctx.db.deleteFrom('users').where('id', '=', id).execute();
      if (e instanceof ChainRejected) throw badRequest(REJECTED, { blockchain_message: e.message });
      throw e;
    }
    await this.ctx.db.updateTable('users').set({ status: 'active' }).where('id', '=', id).execute();
  }

  async createPatient(body: CreatePatient, fixedId?: string): Promise<string> {
    const id = fixedId ?? newId();
    const { tx, columns } = this.newAccount(id, 'patient');
    const { password, ...fields } = body;
    try {
      await this.insertUser(id, UserType.PATIENT, password, 'pending', (trx) =>
        trx
          .insertInto('patients')
          .values({ id, ...fields, ...columns })
          .execute(),
      );
    } catch (e) {
      if (isUniqueViolation(e, 'personal_id'))
        throw badRequest('Patient with this personal_id already exists!');
      throw e;
    }
    await this.activate(id, tx);
    return id;
  }

  async createHealthAuthority(body: CreateHealthAuthority, fixedId?: string): Promise<string> {
    const id = fixedId ?? newId();
    const { tx, columns } = this.newAccount(id, 'health_authority');
    const { password, ...fields } = body;
    await this.insertUser(id, UserType.HEALTH_AUTHORITY, password, 'pending', (trx) =>
      trx
        .insertInto('health_authorities')
        .values({ id, ...fields, ...columns })
        .execute(),
    );
    await this.activate(id, tx);
    return id;
  }

  /** Doctors sign nothing on chain: their health authority signs their records' anchors. */
  async createDoctor(healthAuthorityId: string, body: CreateDoctor, fixedId?: string): Promise<string> {
    const id = fixedId ?? newId();
    await this.insertUser(id, UserType.DOCTOR, body.password, 'active', (trx) =>
      trx
        .insertInto('doctors')
        .values({
          id,
          first_name: body.first_name,
          last_name: body.last_name,
          health_authority_id: healthAuthorityId,
        })
        .execute(),
    );
    return id;
  }

  /** The central authority's own row (its key is the genesis key, held in a file). */
  async createCentralAuthority(id: string, name: string, password: string): Promise<void> {
    await this.insertUser(id, UserType.CENTRAL_AUTHORITY, password, 'active', (trx) =>
      trx.insertInto('central_authorities').values({ id, name }).execute(),
    );
  }

  /** Pending accounts left by a killed process: register them (the same transaction) or keep waiting. */
  async reconcile(): Promise<number> {
    const pending = await pendingRegistrations(this.ctx.db);
    let done = 0;
    for (const p of pending) {
      try {
        await this.ctx.chain.submit(JSON.parse(p.register_tx));
        await this.ctx.db.updateTable('users').set({ status: 'active' }).where('id', '=', p.id).execute();
        done++;
      } catch (e) {
        if (!(e instanceof ChainRejected || e instanceof ApiError)) throw e;
        this.ctx.log.warn({ user: p.id, err: e.message }, 'pending account not registered yet');
      }
    }
    return done;
  }
}

async function pendingRegistrations(db: Kysely<Database>) {
  const patients = await db
    .selectFrom('patients as p')
    .innerJoin('users as u', 'u.id', 'p.id')
    .where('u.status', '=', 'pending')
    .select(['p.id', 'p.register_tx'])
    .execute();
  const authorities = await db
    .selectFrom('health_authorities as h')
    .innerJoin('users as u', 'u.id', 'h.id')
    .where('u.status', '=', 'pending')
    .select(['h.id', 'h.register_tx'])
    .execute();
  return [...patients, ...authorities];
}

/** Who a token's subject is now; undefined once the user is gone (contract 1.3: 401). */
export function principalOf(
  row: { id: string; user_type: UserType; health_authority_id: string | null },
  ip: string,
): Principal {
  const { id, user_type: type } = row;
  switch (type) {
    case UserType.HEALTH_AUTHORITY:
      return { id, type, healthAuthorityId: id, ip };
    case UserType.DOCTOR:
      // doctors.health_authority_id is NOT NULL; only a row missing from the join could be null.
      if (row.health_authority_id === null) throw new Error(`doctor ${id} has no health authority row`);
      return { id, type, healthAuthorityId: row.health_authority_id, ip };
    case UserType.PATIENT:
    case UserType.CENTRAL_AUTHORITY:
      return { id, type, healthAuthorityId: null, ip };
  }
}
