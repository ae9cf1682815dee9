/** The client RPC methods (methods.ts) answered from the node's queries and its submission. */
import type { NodeQueries } from '../queries/node-queries.js';
import type { RpcHandlers } from './methods.js';

export interface RpcDeps {
  readonly queries: NodeQueries;
  readonly submit: (tx: unknown, wait: 'ack' | 'mempool', timeoutMs: number) => Promise<unknown>;
}

export function rpcHandlers({ queries, submit }: RpcDeps): RpcHandlers {
  return {
    submit: (p) => submit(p.tx, p.wait, p.timeout_ms),
    receipt: (p) => queries.receipt(p),
    tx: (p) => queries.tx(p.tx_id),
    record: (p) => queries.record(p.record_id),
    anchors: (p) => queries.anchors(p.patient, p.offset, p.limit),
    account: (p) => queries.account(p.key),
    grant: (p) => queries.grant(p.request_id),
    checkpoints: (p) => queries.checkpoints(p.signer, p.from, p.limit),
    status: () => queries.status(),
  };
}
