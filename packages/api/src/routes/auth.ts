/** POST /api/login and POST /api/auth/verify (contract 2.1, 2.2). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findPrincipal } from '../db/lookups.js';
import { ApiError, errorBody } from '../errors.js';
import { bearerToken } from '../plugins/auth.js';
import { LoginBody } from '../schemas/entities.js';
import { isPlainObject } from '../schemas/validation.js';
import type { RouteDeps } from './deps.js';

const LOGIN_REQUIRED = 'ID and password are required!';

/** Failed logins per user id: after too many, the id is refused for a while (contract F2, F26). */
class LoginLockout {
  private readonly failures = new Map<string, { count: number; until: number }>();
  constructor(
    private readonly max: number,
    private readonly lockMs: number,
  ) {}

  locked(id: string, now = Date.now()): boolean {
    const f = this.failures.get(id);
    if (f === undefined) return false;
    if (f.until <= now) {
      this.failures.delete(id);
      return false;
    }
    return f.count >= this.max;
  }

  failed(id: string, now = Date.now()): void {
    const f = this.failures.get(id);
    if (f === undefined || f.until <= now) this.failures.set(id, { count: 1, until: now + this.lockMs });
    else f.count++;
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value!);
  }

  succeeded(id: string): void {
    this.failures.delete(id);
  }
}

export async function authRoutes(app: FastifyInstance, { ctx, accounts }: RouteDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const lockout = new LoginLockout(ctx.config.limits.loginFailuresPerUser, ctx.config.limits.loginLockMs);

  r.post(
    '/api/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with a user id and password; answers a 1-hour JWT',
        body: LoginBody,
      },
      config: {
        invalidBody: LOGIN_REQUIRED,
        rateLimit: { max: ctx.config.limits.loginPerMinute, timeWindow: 60_000 },
      },
    },
    async (request) => {
      const { id, password } = request.body;
      if (lockout.locked(id)) {
        throw new ApiError(429, 'Too many failed logins for this account, try again later');
      }
      try {
        const token = await accounts.login(id, password, request.ip);
        lockout.succeeded(id);
        return { access_token: token, message: 'Login successful' };
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) lockout.failed(id);
        throw e;
      }
    },
  );

  r.post(
    '/api/auth/verify',
    {
      schema: {
        tags: ['auth'],
        summary: 'Whether a token is valid and its user still exists',
        body: z.unknown().optional(),
      },
    },
    async (request, reply) => {
      const body = request.body;
      const token =
        bearerToken(request) ?? (isPlainObject(body) && typeof body.token === 'string' ? body.token : null);
      if (token === null || token === '') {
        return reply.status(400).send(errorBody('Token nije pronađen', { valid: false }));
      }
      const check = await ctx.tokens.check(token);
      const user = check.ok
        ? await findPrincipal(ctx.db, check.claims.sub, check.claims.user_type)
        : undefined;
      if (!check.ok || user === undefined) {
        return reply.status(401).send(errorBody('Token is invalid!', { valid: false }));
      }
      const { sub, user_type, exp } = check.claims;
      return {
        valid: true,
        message: 'Token is valid',
        user_id: sub,
        user_data: { sub, user_type, exp },
        expires_at: new Date(exp * 1000).toISOString().slice(0, 19),
      };
    },
  );
}
