/** The status a node reports (RPC `status`, HTTP /status), gathered from its parts. */
import type { Chain, Genesis, PublicKey } from '@chartproof/ledger';
import type { Peer } from '../p2p/peer.js';
import type { NodeStatus } from './node-queries.js';

export interface StatusParts {
  readonly agent: string;
  readonly chain: Chain;
  readonly genesis: Genesis;
  readonly nodeKey: PublicKey;
  readonly validator: boolean;
  readonly mining: boolean;
  readonly mempoolSize: number;
  readonly syncing: boolean;
  readonly peers: readonly Peer[];
  readonly acknowledgedHeights: Record<string, number>;
}

export function nodeStatus(p: StatusParts): NodeStatus {
  const tip = p.chain.tip;
  return {
    agent: p.agent,
    network: p.genesis.doc.network,
    genesis: p.genesis.hash,
    node_key: p.nodeKey,
    validator: p.validator,
    mining: p.mining,
    height: tip.height,
    tip: tip.hash,
    tip_timestamp: tip.header.timestamp,
    work: tip.work.toString(16),
    mempool: p.mempoolSize,
    syncing: p.syncing,
    peers: p.peers.map((peer) => ({
      key: peer.key,
      direction: peer.direction,
      address: peer.remote,
      height: peer.lastTip.height,
      validator: peer.hello?.validator ?? false,
    })),
    acknowledged_heights: p.acknowledgedHeights,
    quorum: p.genesis.quorum,
    block_interval_ms: p.genesis.params.block_interval_ms,
  };
}
