/** What the read-only HTTP routes (explorer-routes.ts) show of a node: chain data and metrics. */
import {
  type BlockHash,
  blockToJson,
  type Chain,
  type Id128,
  type PublicKey,
  type TxId,
} from '@chartproof/ledger';
import type { Metrics } from '../metrics.js';
import type { ChartNode } from '../node.js';
import type { ExplorerApi } from './explorer-routes.js';

export type ExplorerNode = Pick<ChartNode, 'status' | 'txInfo' | 'recordInfo' | 'receipt'> & {
  readonly chain: Chain;
  readonly metrics: Metrics;
};

export function explorerApi(node: ExplorerNode): ExplorerApi {
  const { chain } = node;
  return {
    status: () => node.status(),
    genesis: () => chain.genesis.doc,
    blocks: (before, limit) => {
      const top = Math.min(before === null ? chain.height : before - 1, chain.height);
      const blocks = [];
      for (let h = top; h >= 0 && blocks.length < limit; h--) {
        const e = chain.entryAtHeight(h)!;
        blocks.push({
          height: h,
          hash: e.hash,
          timestamp: e.header.timestamp,
          miner: e.header.miner,
          txs: chain.getBlock(e.hash)?.txs.length ?? 0,
        });
      }
      return { height: chain.height, blocks };
    },
    block: (hash) => {
      const e = chain.getEntry(hash as BlockHash);
      if (e === undefined) return undefined;
      const b = chain.getBlock(e.hash);
      const best = chain.isOnBestChain(e.hash);
      return {
        hash: e.hash,
        height: e.height,
        on_best_chain: best,
        confirmations: best ? chain.height - e.height + 1 : 0,
        header: e.header,
        ...(b !== undefined ? { encoded: blockToJson(b), tx_ids: b.txIds } : {}),
      };
    },
    tx: (id) => node.txInfo(id as TxId),
    record: (recordId) => node.recordInfo(recordId as Id128),
    account: (key) => {
      const a = chain.state.account(key as PublicKey);
      return a === undefined ? undefined : { key, role: a.role, subject: a.subject };
    },
    receipt: (recordId) => node.receipt({ record_id: recordId as Id128 }),
    metrics: async () => ({
      contentType: node.metrics.registry.contentType,
      body: await node.metrics.registry.metrics(),
    }),
  };
}
