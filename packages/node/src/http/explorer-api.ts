/** What the read-only HTTP routes (explorer-routes.ts) show of a node: its queries and metrics. */
import { AccountRole } from '@chartproof/ledger';
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
    record: (recordId) => queries.record(recordId),
    account: (key) => {
      // Hospitals are public institutions and may be named; a patient's off-chain id is not shown
      // to browsers (the chain's own copy of it goes with issue 14's per-record owner keys).
      const a = queries.account(key);
      return a.role === AccountRole.HEALTH_AUTHORITY ? a : { key: a.key, role: a.role, subject: null };
    },
    metrics: async () => ({
      contentType: metrics.registry.contentType,
      body: await metrics.registry.metrics(),
    }),
  };
}
