/**
 * POST /api/login and POST /api/auth/verify (contract 2.1, 2.2). Both answers add
 * `must_change_password` (issue #14): true while the user's password is a generated one, when
 * every route but POST /api/auth/password refuses them.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { throttleFromLimits } from '../auth/login-throttle.js';
import { findActiveUser, findPrincipal } from '../db/lookups.js';
import { ApiError, badRequest, errorBody } from '../errors.js';
import { bearerToken } from '../plugins/auth.js';
import { LoginBody } from '../schemas/entities.js';
import { textProblem } from '../schemas/text.js';
import { isPlainObject } from '../schemas/validation.js';
import type { RouteDeps } from './deps.js';

const LOGIN_REQUIRED = 'ID and password are required!';

export async function authRoutes(app: FastifyInstance, { ctx, accounts }: RouteDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { limits } = ctx.config;
  const throttle = throttleFromLimits(limits);

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
        rateLimit: { max: limits.loginPerMinute, timeWindow: 60_000 },
      },
    },
    async (request, reply) => {
      const { id, password } = request.body;
      for (const [field, value] of [
        ['id', id],
        ['password', password],
      ] as const) {
        const problem = textProblem(value);
        if (problem !== null) throw badRequest(`${field}: ${problem}`);
      }
      const verdict = throttle.check(id, request.ip, Date.now());
      if (!verdict.ok) {
        ctx.metrics.loginThrottled.inc({ scope: verdict.scope });
        reply.header('retry-after', String(Math.ceil(verdict.retryAfterMs / 1000)));
        throw new ApiError(429, 'Too many failed logins for this account, try again later');
      }
      try {
        const token = await accounts.login(id, password, request.ip);
        throttle.succeeded(id, request.ip);
        const user = await findActiveUser(ctx.db, id);
        return {
          access_token: token,
          message: 'Login successful',
          must_change_password: user?.must_change_password ?? false,
        };
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          throttle.failed(id, request.ip, Date.now());
          ctx.metrics.loginFailures.inc();
        }
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
      if (!check.ok || user === undefined || user.password_version !== check.claims.pwv) {
        return reply.status(401).send(errorBody('Token is invalid!', { valid: false }));
      }
      const { sub, user_type, exp } = check.claims;
      return {
        valid: true,
        message: 'Token is valid',
        user_id: sub,
        user_data: { sub, user_type, exp },
        expires_at: new Date(exp * 1000).toISOString().slice(0, 19),
        must_change_password: user.must_change_password,
      };
    },
  );
}
