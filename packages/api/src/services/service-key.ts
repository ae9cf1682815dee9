/**
 * The API's own service key: it signs the audit checkpoints. Created at first start, stored
 * wrapped by the master key, and registered on chain by the central authority like any account;
 * usable once that registration is acknowledged.
 */
import { generateKeyPair, type KeyPair, signTransaction } from '@chartproof/ledger';
import { custodialKey } from '../chain/keys.js';
import type { AppContext } from '../context.js';
import { wrapSecret } from '../crypto/envelope.js';
import { newId } from '../ids.js';

type Ctx = Pick<AppContext, 'db' | 'chain' | 'genesis' | 'caKey' | 'secrets'>;

export class ServiceKey {
  private key: KeyPair | null = null;

  constructor(private readonly ctx: Ctx) {}

  /** The key once registered and loaded, else null: the chain client authenticates with it. */
  get active(): KeyPair | null {
    return this.key;
  }

  /** The active key, registering it first if needed. Throws 503 while no node answers. */
  async get(): Promise<KeyPair> {
    if (this.key !== null) return this.key;
    let row = await this.ctx.db.selectFrom('service_keys').selectAll().orderBy('id').executeTakeFirst();
    if (row === undefined) {
      const id = newId();
      const pair = generateKeyPair();
      const tx = signTransaction(
        'account.register',
        { account: pair.publicKey, role: 'service', subject: id },
        this.ctx.caKey,
        this.ctx.genesis.hashBytes,
      );
      await this.ctx.db
        .insertInto('service_keys')
        .values({
          id,
          public_key: pair.publicKey,
          secret_key: wrapSecret(this.ctx.secrets.masterKey, id, pair.secretKey),
          register_tx: JSON.stringify(tx),
          status: 'pending',
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      row = await this.ctx.db.selectFrom('service_keys').selectAll().orderBy('id').executeTakeFirstOrThrow();
    }
    if (row.status === 'pending') {
      await this.ctx.chain.submit(JSON.parse(row.register_tx));
      await this.ctx.db
        .updateTable('service_keys')
        .set({ status: 'active' })
        .where('id', '=', row.id)
        .execute();
    }
    this.key = custodialKey(this.ctx.secrets.masterKey, row.id, row.secret_key);
    return this.key;
  }
}
