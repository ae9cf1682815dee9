/**
 * The HTTP perimeter: CORS from an allow-list (contract 1.6: no credentials, preflight answered
 * without auth, headers on errors too), security headers (helmet; `no-store` on every API answer
 * because they carry health data, F30), and rate limits per address (F26).
 */
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { ApiConfig } from '../config.js';
import { nodeHttpUrls } from '../config.js';
import { errorBody } from '../errors.js';

export async function registerSecurity(app: FastifyInstance, config: ApiConfig): Promise<void> {
  await app.register(cors, {
    origin: [...config.corsOrigins],
    methods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    credentials: false,
    maxAge: 600,
    optionsSuccessStatus: 204,
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // MUI writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // The web app re-checks proofs against the nodes' read-only HTTP, not only this server.
        connectSrc: ["'self'", ...nodeHttpUrls(config.nodeUrls)],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  await app.register(rateLimit, {
    global: true,
    max: config.limits.requestsPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) => {
      const err = Object.assign(new Error('Too many requests, try again later'), {
        statusCode: 429,
        ...errorBody(`Too many requests, try again in ${Math.ceil(context.ttl / 1000)} s`),
      });
      return err;
    },
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs')) {
      reply.header('Cache-Control', 'no-store');
    }
  });
}
