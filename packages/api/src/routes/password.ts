/**
 * POST /api/auth/password: any signed-in user changes their own password (an addition to the
 * contract, issue #14). The one route a user whose password must change may call. Wrong current
 * passwords are throttled per (user, address) like logins, so a stolen token cannot be turned
 * into the password by guessing here.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { throttleFromLimits } from '../auth/login-throttle.js';
import { PASSWORD_RULES } from '../auth/password-policy.js';
import { ApiError } from '../errors.js';
import { caller } from '../plugins/auth.js';
import { PASSWORD_CHANGED_MESSAGE, PasswordChange } from '../services/password-change.js';
import type { RouteDeps } from './deps.js';

const field = z.string('expected a string').min(1, 'is required').max(1024, 'at most 1024 characters');

export const ChangePasswordBody = z.object({
  current_password: field,
  new_password: field.describe(PASSWORD_RULES),
});

export async function passwordRoutes(app: FastifyInstance, { ctx, auth }: RouteDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { limits } = ctx.config;
  const passwords = new PasswordChange(ctx);
  const throttle = throttleFromLimits(limits);

  r.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your own password; answers a new token (earlier tokens stop working)',
        description:
          `Any role. The new password: ${PASSWORD_RULES}. 400 names the field; 401 when ` +
          'current_password is wrong. While a generated password must be changed, this is the ' +
          'only route that answers (the others say 403 with code PASSWORD_CHANGE_REQUIRED).',
        body: ChangePasswordBody,
        security: [{ bearer: [] }],
        response: {
          200: z.object({ access_token: z.string(), message: z.literal(PASSWORD_CHANGED_MESSAGE) }),
        },
      },
      config: { rateLimit: { max: limits.loginPerMinute, timeWindow: 60_000 } },
      preHandler: auth.allowPasswordChange,
    },
    async (request, reply) => {
      const who = caller(request);
      const verdict = throttle.check(who.id, request.ip, Date.now());
      if (!verdict.ok) {
        reply.header('retry-after', String(Math.ceil(verdict.retryAfterMs / 1000)));
        throw new ApiError(429, 'Too many wrong passwords for this account, try again later');
      }
      const { current_password, new_password } = request.body;
      try {
        const token = await passwords.change(who, current_password, new_password);
        throttle.succeeded(who.id, request.ip);
        return { access_token: token, message: PASSWORD_CHANGED_MESSAGE } as const;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) throttle.failed(who.id, request.ip, Date.now());
        throw e;
      }
    },
  );
}
