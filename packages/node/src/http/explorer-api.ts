/** What the read-only HTTP routes (explorer-routes.ts) show of a node: its queries and metrics. */
import type { Metrics } from '../metrics.js';
import type { NodeQueries } from '../queries/node-queries.js';
import type { ExplorerApi } from './explorer-routes.js';

export function explorerApi(queries: NodeQueries, metrics: Metrics): ExplorerApi {
  return {
    status: () => queries.status(),
    genesis: () => queries.genesis(),
    blocks: (before, limit) => queries.blocks(before, limit),
    block: (hash) => queries.block(hash),
    tx: (id) => queries.tx(id),
    receipt: (recordId) => queries.receipt({ record_id: recordId }),
    metrics: async () => ({
      contentType: metrics.registry.contentType,
      body: await metrics.registry.metrics(),
    }),
  };
}
