/**
 * Authentication and role checks (contract 1.3): `Authorization: Bearer <jwt>`, then the token's
 * subject must still exist with the same role (a deleted user gets 401, not 500). Each refusal
 * carries the contract's text and is written to the audit log as a failed authorisation.
 *
 * Issue #14: a token issued before the user's last password change is refused (its `pwv` is not
 * the user's password version), and a user whose password is a generated one may call nothing
 * but the password change (403 with code PASSWORD_CHANGE_REQUIRED) until it is replaced.
 */
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { AppContext, Principal, PrincipalOf } from '../context.js';
import { findPrincipal } from '../db/lookups.js';
import type { UserType } from '../db/tables.js';
import { ApiError } from '../errors.js';
import { principalOf } from '../services/accounts.js';
import { AuditAction } from '../services/audit-log.js';

export const TOKEN_REQUIRED = 'Token required to access!';
export const INVALID_TOKEN = 'Invalid token!';
export const TOKEN_EXPIRED = 'Token expired';
export const WRONG_ROLE = 'Access denied for this user type';
export const PASSWORD_CHANGED = 'Token revoked: the password was changed';
export const PASSWORD_CHANGE_REQUIRED =
  'Password change required: choose a new password first (POST /api/auth/password)';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The bearer token of a request: a string, '' when the header says Bearer but carries none, or null. */
export function bearerToken(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^Bearer(?:\s+(.*))?$/i.exec(h.trim());
  if (m === null) return null;
  return (m[1] ?? '').trim();
}

type Ctx = Pick<AppContext, 'db' | 'tokens' | 'audit'>;

export function authenticator(ctx: Ctx) {
  const refuse = async (
    request: FastifyRequest,
    status: 401 | 403,
    message: string,
    who?: Principal,
    extra?: Record<string, unknown>,
  ) => {
    await ctx.audit.append({
      actor_id: who?.id ?? 'anonymous',
      actor_type: who?.type ?? 'anonymous',
      action: AuditAction.DENIED,
      health_authority_id: who?.healthAuthorityId ?? null,
      ip: request.ip,
      outcome: `${status} ${request.method} ${request.routeOptions.url ?? ''}`.trim(),
    });
    return new ApiError(status, message, extra);
  };

  /** The caller and whether their password must change first, or a 401. */
  async function session(request: FastifyRequest): Promise<{ principal: Principal; mustChange: boolean }> {
    const token = bearerToken(request);
    if (token === null) throw await refuse(request, 401, TOKEN_REQUIRED);
    if (token === '') throw await refuse(request, 401, INVALID_TOKEN);
    const check = await ctx.tokens.check(token);
    if (!check.ok)
      throw await refuse(request, 401, check.reason === 'expired' ? TOKEN_EXPIRED : INVALID_TOKEN);
    const row = await findPrincipal(ctx.db, check.claims.sub, check.claims.user_type);
    if (row === undefined) throw await refuse(request, 401, INVALID_TOKEN);
    if (row.password_version !== check.claims.pwv) throw await refuse(request, 401, PASSWORD_CHANGED);
    return { principal: principalOf(row, request.ip), mustChange: row.must_change_password };
  }

  /** The caller, or a 401. */
  async function authenticate(request: FastifyRequest): Promise<Principal> {
    return (await session(request)).principal;
  }

  /** A preHandler admitting the given roles (any authenticated user when none are given). */
  function allow(...roles: UserType[]): preHandlerAsyncHookHandler {
    return async (request: FastifyRequest, _reply: FastifyReply) => {
      const { principal: p, mustChange } = await session(request);
      if (roles.length > 0 && !roles.includes(p.type)) throw await refuse(request, 403, WRONG_ROLE, p);
      if (mustChange)
        throw await refuse(request, 403, PASSWORD_CHANGE_REQUIRED, p, { code: 'PASSWORD_CHANGE_REQUIRED' });
      request.principal = p;
    };
  }

  /** The one preHandler a user whose password must change passes: the password change itself. */
  const allowPasswordChange: preHandlerAsyncHookHandler = async (request) => {
    request.principal = (await session(request)).principal;
  };

  return { authenticate, allow, allowPasswordChange };
}

export type Authenticator = ReturnType<typeof authenticator>;

/**
 * The principal a route's preHandler admitted, narrowed to the roles the route names (the ones
 * it passed to `allow`), so that services receive the role they are written for.
 */
export function caller(request: FastifyRequest): Principal;
export function caller<T extends UserType>(request: FastifyRequest, ...roles: [T, ...T[]]): PrincipalOf<T>;
export function caller(request: FastifyRequest, ...roles: UserType[]): Principal {
  const p = request.principal;
  if (p === null) throw new Error('route has no auth preHandler');
  if (roles.length > 0 && !roles.includes(p.type))
    throw new Error(`route admitted ${p.type}, its handler is written for ${roles.join(', ')}`);
  return p;
}
