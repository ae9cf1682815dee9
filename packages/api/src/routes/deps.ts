/** What route modules are given: the services and the role checks. */

import type { AppContext } from '../context.js';
import type { Authenticator } from '../plugins/auth.js';
import type { Access } from '../services/access.js';
import type { Accounts } from '../services/accounts.js';
import type { Checkpoints } from '../services/audit-checkpoints.js';
import type { Records } from '../services/records.js';

export interface RouteDeps {
  readonly ctx: AppContext;
  readonly auth: Authenticator;
  readonly accounts: Accounts;
  readonly records: Records;
  readonly access: Access;
  readonly checkpoints: Checkpoints;
}
