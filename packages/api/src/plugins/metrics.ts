/**
 * Prometheus metrics (prom-client), on a registry of the app's own so that several apps in one
 * process (tests) never collide: request latency by route and status, records created, anchors
 * pending, node RPC errors.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface ApiMetrics {
  readonly registry: Registry;
  readonly requestSeconds: Histogram<'route' | 'method' | 'status'>;
  readonly recordsCreated: Counter;
  readonly anchorsPending: Gauge;
  readonly nodeRpcErrors: Counter<'code'>;
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
  };
}

export function registerMetrics(app: FastifyInstance, metrics: ApiMetrics): void {
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
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
