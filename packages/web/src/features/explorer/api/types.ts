/** Node read-only HTTP shapes (packages/node/PROTOCOL.md §8). */
import type { BlockHeader, Transaction } from '@chartproof/ledger/verify';

export interface NodePeer {
  key: string;
  direction: 'inbound' | 'outbound' | string;
  address: string;
  height: number;
  validator: boolean;
}

export interface NodeStatus {
  network: string;
  genesis: string;
  node_key: string;
  validator: boolean;
  height: number;
  tip: string;
  tip_timestamp: number;
  mempool: number;
  syncing: boolean;
  peers: NodePeer[];
  acknowledged_heights: Record<string, number>;
  quorum: number;
  block_interval_ms: number;
}

export interface BlockSummary {
  height: number;
  hash: string;
  timestamp: number;
  miner: string;
  txs: number;
}

export interface BlockDetail {
  hash: string;
  height: number;
  on_best_chain: boolean;
  confirmations: number;
  /** The decoded header, as the ledger defines it. */
  header: BlockHeader;
  tx_ids?: string[];
}

export interface TxInfo {
  tx_id: string;
  tx: Transaction;
  status: 'pending' | 'mined' | 'acknowledged';
  block_hash?: string;
  height?: number;
  index?: number;
  timestamp?: number;
  confirmations?: number;
}
