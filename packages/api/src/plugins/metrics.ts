/**
 * Prometheus metrics (prom-client), on a registry of the app's own so that several apps in one
 * process (tests) never collide: request latency by route and status, records created, anchors
 * pending, node RPC errors, login throttling, unreadable records and the audit chain's state.
 * Served at /metrics to loopback callers, or to the bearer of METRICS_TOKEN (the nodes' rule).
 */
import { metricsAllowed } from '@chartproof/node';
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { ApiError, notFound } from '../errors.js';

export interface ApiMetrics {
  readonly registry: Registry;
  readonly requestSeconds: Histogram<'route' | 'method' | 'status'>;
  readonly recordsCreated: Counter;
  readonly anchorsPending: Gauge;
  readonly nodeRpcErrors: Counter<'code'>;
  readonly loginFailures: Counter;
  readonly loginThrottled: Counter<'scope'>;
  readonly recordsUnreadable: Counter;
  readonly auditCheckpointStalled: Gauge;
  readonly auditCheckpointRejections: Counter<'code'>;
}

export function createMetrics(): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'chartproof_api_' });
  return {
    registry,
    requestSeconds: new Histogram({
      name: 'chartproof_api_request_seconds',
      help: 'HTTP request latency by route, method and status',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    recordsCreated: new Counter({
      name: 'chartproof_api_records_created_total',
      help: 'Health records created and acknowledged on chain',
      registers: [registry],
    }),
    anchorsPending: new Gauge({
      name: 'chartproof_api_anchors_pending',
      help: 'Health records stored but not yet acknowledged on chain',
      registers: [registry],
    }),
    nodeRpcErrors: new Counter({
      name: 'chartproof_api_node_rpc_errors_total',
      help: 'Failed calls to chain nodes, by code',
      labelNames: ['code'],
      registers: [registry],
    }),
    loginFailures: new Counter({
      name: 'chartproof_api_login_failures_total',
      help: 'Logins refused for a wrong id or password',
      registers: [registry],
    }),
    loginThrottled: new Counter({
      name: 'chartproof_api_login_throttled_total',
      help: 'Logins refused unchecked by the throttle: scope "source" (one address on one account) or "account" (its ceiling)',
      labelNames: ['scope'],
      registers: [registry],
    }),
    recordsUnreadable: new Counter({
      name: 'chartproof_api_records_unreadable_total',
      help: 'Stored records found not to decrypt when listed (possible tampering)',
      registers: [registry],
    }),
    auditCheckpointStalled: new Gauge({
      name: 'chartproof_api_audit_checkpoint_stalled',
      help: '1 while the chain refuses the next audit checkpoint (the audit log no longer follows its chain)',
      registers: [registry],
    }),
    auditCheckpointRejections: new Counter({
      name: 'chartproof_api_audit_checkpoint_rejections_total',
      help: 'Audit checkpoints refused by the chain, by code',
      labelNames: ['code'],
      registers: [registry],
    }),
  };
}

export function registerMetrics(
  app: FastifyInstance,
  metrics: ApiMetrics,
  metricsToken: string | null = null,
): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.requestSeconds.observe(
      {
        route: request.routeOptions.url ?? 'unmatched',
        method: request.method,
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const caller = {
      remoteAddress: request.socket.remoteAddress,
      authorization: request.headers.authorization,
    };
    if (!metricsAllowed(caller, metricsToken)) {
      if (metricsToken === null) throw notFound('Not found');
      reply.header('www-authenticate', 'Bearer');
      throw new ApiError(401, 'Unauthorized');
    }
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
