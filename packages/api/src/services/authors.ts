/**
 * Who writes a record, as creation needs them on every call: a doctor's names and authority, and
 * the authority's name, public key and signing key. Read once and kept: no route changes these
 * rows, and a deleted user is refused by authentication before it gets here. Keeping the signing
 * key unwrapped trades a little exposure in this process's memory (where it is used anyway) for
 * an unwrap and a key derivation per record.
 */
import { type KeyPair, type PublicKey, parsePublicKey } from '@chartproof/ledger';
import { custodialKey } from '../chain/keys.js';
import type { AppContext } from '../context.js';
import { findDoctor, findHealthAuthority } from '../db/lookups.js';
import type { DoctorRow } from '../db/tables.js';

export interface Authority {
  readonly id: string;
  readonly name: string;
  readonly publicKey: PublicKey;
  readonly key: KeyPair;
}

const MAX = 10_000;

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size >= MAX) map.delete(map.keys().next().value!);
  map.set(key, value);
  return value;
}

export class Authors {
  private readonly doctors = new Map<string, DoctorRow>();
  private readonly authorities = new Map<string, Authority>();

  constructor(private readonly ctx: Pick<AppContext, 'db' | 'secrets'>) {}

  async doctor(id: string): Promise<DoctorRow | undefined> {
    const known = this.doctors.get(id);
    if (known !== undefined) return known;
    const row = await findDoctor(this.ctx.db, id);
    return row === undefined ? undefined : remember(this.doctors, id, row);
  }

  async authority(id: string): Promise<Authority | undefined> {
    const known = this.authorities.get(id);
    if (known !== undefined) return known;
    const row = await findHealthAuthority(this.ctx.db, id);
    if (row === undefined) return undefined;
    return remember(this.authorities, id, {
      id: row.id,
      name: row.name,
      publicKey: parsePublicKey(row.public_key, 'health_authorities.public_key'),
      key: custodialKey(this.ctx.secrets.masterKey, row.id, row.secret_key),
    });
  }
}
