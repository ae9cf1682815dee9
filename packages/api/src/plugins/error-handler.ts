/**
 * Every error leaves as `{error, message}` (errors.ts `errorBody`) with CORS headers still on
 * (the hooks that add them have run): ApiErrors with their status and text, schema failures as 400
 * naming the field and the reason, Fastify's own errors (bad JSON, wrong content type, body too
 * large, unknown route, wrong method) with theirs, and anything else as a 500 whose details stay
 * in the log (contract F1).
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError, errorBody, INTERNAL_ERROR } from '../errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The contract's message for any invalid body on this route (e.g. login). */
    invalidBody?: string;
  }
}

const FASTIFY_ERRORS: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [400, 'Request body must be JSON (Content-Type: application/json)'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'Request body length does not match Content-Length'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'Request body is empty'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'Request body is too large'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'Request body is not valid JSON'],
};

/** `spa`: a built web app is served, and unknown non-API paths get its index page (deep links). */
export function registerErrorHandling(
  app: FastifyInstance,
  options: { spa: boolean } = { spa: false },
): void {
  // The contract's client sends `Content-Type: application/json` with no body on GET, DELETE and
  // POST /api/auth/verify (1.2): an empty body is no body, not a parse error.
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' || (typeof body === 'string' && body.trim() === '')) done(null, undefined);
    else json(request, body as string, done);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.status(error.status).send(errorBody(error.message, error.extra));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const override = request.routeOptions.config.invalidBody;
      if (override !== undefined && error.validationContext === 'body') {
        return reply.status(400).send(errorBody(override));
      }
      const issue = error.validation[0]!;
      const field =
        issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || error.validationContext || 'request';
      return reply.status(400).send(errorBody(`${field}: ${issue.message}`));
    }
    if (error.validation !== undefined) {
      return reply.status(400).send(errorBody(`${error.validationContext ?? 'request'}: ${error.message}`));
    }
    const known = error.code !== undefined ? FASTIFY_ERRORS[error.code] : undefined;
    if (known !== undefined) return reply.status(known[0]).send(errorBody(known[1]));
    if (error.statusCode === 429) {
      return reply.status(429).send(errorBody('Too many requests, try again later'));
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(errorBody(error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody(INTERNAL_ERROR));
  });

  // Which methods each path answers, to tell a wrong method (405) from an unknown path (404).
  const routes: Array<{ method: string; pattern: RegExp }> = [];
  app.addHook('onRoute', (route) => {
    const pattern = new RegExp(`^${route.url.replace(/:[^/]+/g, '[^/]+')}$`);
    if (route.url.includes('*')) return; // the web app's files: any path, not a route of ours
    for (const method of [route.method].flat()) routes.push({ method, pattern });
  });

  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (request, reply) => {
    const path = request.url.split('?')[0]!;
    const elsewhere = routes.some((r) => r.method !== request.method && r.pattern.test(path));
    if (elsewhere && request.method !== 'OPTIONS') {
      return reply.status(405).send(errorBody('Method not allowed'));
    }
    const api = path.startsWith('/api/') || path === '/api' || path === '/metrics';
    if (options.spa && !api && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send(errorBody('Not found'));
  });
}
