/** Prometheus metrics of one node, served at /metrics. One registry per node (tests run several). */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  const m = {
    registry,
    tipHeight: new Gauge({
      name: 'chartproof_tip_height',
      help: 'Height of the best chain tip',
      registers: [registry],
    }),
    peers: new Gauge({
      name: 'chartproof_peers',
      help: 'Connected peers that completed the handshake',
      registers: [registry],
    }),
    mempoolSize: new Gauge({
      name: 'chartproof_mempool_transactions',
      help: 'Transactions waiting to be mined',
      registers: [registry],
    }),
    blocksMined: new Counter({
      name: 'chartproof_blocks_mined_total',
      help: 'Blocks this node mined and adopted',
      registers: [registry],
    }),
    blocksReceived: new Counter({
      name: 'chartproof_blocks_received_total',
      help: 'Blocks received from peers and stored',
      registers: [registry],
    }),
    reorgs: new Counter({
      name: 'chartproof_reorgs_total',
      help: 'Best-chain reorganisations',
      registers: [registry],
    }),
    misbehaviour: new Counter({
      name: 'chartproof_peer_penalties_total',
      help: 'Penalties charged to peers',
      registers: [registry],
    }),
    txSubmitted: new Counter({
      name: 'chartproof_rpc_submitted_total',
      help: 'Transactions submitted over RPC',
      registers: [registry],
    }),
    rpcConnections: new Gauge({
      name: 'chartproof_rpc_connections',
      help: 'Open RPC connections, by state: authenticated or unauthenticated',
      labelNames: ['state'] as const,
      registers: [registry],
    }),
    rpcAuth: new Counter({
      name: 'chartproof_rpc_auth_total',
      help: 'RPC authentication attempts, by result: accepted or the refusal code',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    rpcClosed: new Counter({
      name: 'chartproof_rpc_closed_total',
      help: 'RPC connections the node closed, by reason: auth_deadline, idle, auth_refused, evicted',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    ackLatency: new Histogram({
      name: 'chartproof_ack_latency_seconds',
      help: 'From RPC submission to acknowledgement by a majority of validators',
      buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64],
      registers: [registry],
    }),
  };
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;
