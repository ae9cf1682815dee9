/**
 * A user changing their own password (POST /api/auth/password). The current password is checked
 * like a login (constant-time, the same scrypt cost); the new one must pass the policy
 * (auth/password-policy.ts). The change clears `must_change_password` and bumps
 * `password_version`, which ends every session issued before it; the caller gets a new token.
 * The update is conditional on the hash it replaced, so two changes racing cannot both win.
 */
import type { SessionState } from '../auth/jwt.js';
import { newPasswordProblem } from '../auth/password-policy.js';
import type { AppContext, Principal } from '../context.js';
import { hashPassword, verifyPassword } from '../crypto/passwords.js';
import { findActiveUser } from '../db/lookups.js';
import { ApiError, badRequest, unauthorized } from '../errors.js';
import { INVALID_TOKEN } from '../plugins/auth.js';
import { AuditAction } from './audit-log.js';

export const WRONG_CURRENT_PASSWORD = 'current_password: is not your current password';
export const PASSWORD_CHANGED_MESSAGE = 'Password changed';

type Ctx = Pick<AppContext, 'db' | 'tokens' | 'audit'>;

export class PasswordChange {
  constructor(private readonly ctx: Ctx) {}

  /** The new session's token, or a 400 naming the field, or a 401 for a wrong current password. */
  async change(who: Principal, current: string, next: string): Promise<string> {
    const user = await findActiveUser(this.ctx.db, who.id);
    if (user === undefined) throw unauthorized(INVALID_TOKEN);
    const entry = {
      actor_id: who.id,
      actor_type: who.type,
      action: AuditAction.PASSWORD_CHANGE,
      health_authority_id: who.healthAuthorityId,
      ip: who.ip,
    } as const;
    // The policy first: it needs no scrypt run, and a 400 tells nothing about the current password.
    const problem = newPasswordProblem(next, current, who.id);
    if (problem !== null) throw badRequest(`new_password: ${problem}`);
    if (!(await verifyPassword(current, user.password_hash))) {
      await this.ctx.audit.append({ ...entry, outcome: 'wrong_current_password' });
      throw unauthorized(WRONG_CURRENT_PASSWORD);
    }
    const session: SessionState = {
      password_version: user.password_version + 1,
      must_change_password: false,
    };
    const changed = await this.ctx.db
      .updateTable('users')
      .set({ password_hash: await hashPassword(next), ...session })
      .where('id', '=', who.id)
      .where('password_hash', '=', user.password_hash)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) {
      throw new ApiError(409, 'The password was changed meanwhile; sign in again');
    }
    await this.ctx.audit.append(entry);
    return this.ctx.tokens.issue(who.id, who.type, undefined, session);
  }
}
