/**
 * What every service and route is built from: configuration, storage, the chain, the server's
 * secrets and the audit log. Built once in app.ts; services declare the parts they use.
 */
import type { Genesis, KeyPair } from '@chartproof/ledger';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Tokens } from './auth/jwt.js';
import type { ChainClient } from './chain/chain-client.js';
import type { ApiConfig } from './config.js';
import type { Capabilities } from './crypto/capabilities.js';
import type { DatabaseKind } from './db/database.js';
import type { Database, UserType } from './db/tables.js';
import type { ApiMetrics } from './plugins/metrics.js';
import type { ServerSecrets } from './secrets.js';
import type { AuditLog } from './services/audit-log.js';

export interface AppContext {
  readonly config: ApiConfig;
  readonly db: Kysely<Database>;
  readonly dbKind: DatabaseKind;
  readonly chain: ChainClient;
  readonly genesis: Genesis;
  /** The central authority's key, the one the genesis names: it signs account registrations. */
  readonly caKey: KeyPair;
  readonly secrets: ServerSecrets;
  readonly caps: Capabilities;
  readonly tokens: Tokens;
  readonly audit: AuditLog;
  readonly metrics: ApiMetrics;
  readonly log: Logger;
}

/**
 * The authenticated caller, by role. `healthAuthorityId` is a doctor's authority or the authority
 * itself, and exists only for those two roles, so no service has to assert it is there.
 */
export type Principal = { readonly [T in UserType]: PrincipalFields<T> }[UserType];
export type PrincipalOf<T extends UserType> = Extract<Principal, { readonly type: T }>;

interface PrincipalFields<T extends UserType> {
  readonly id: string;
  readonly type: T;
  readonly healthAuthorityId: T extends typeof UserType.DOCTOR | typeof UserType.HEALTH_AUTHORITY
    ? string
    : null;
  readonly ip: string;
}
