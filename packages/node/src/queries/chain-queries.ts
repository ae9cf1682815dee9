/** NodeQueries answered from a node's chain, mempool and acknowledgements. */
import { type BlockHash, blockToJson, type Chain, type Id128, type TxId } from '@chartproof/ledger';
import type { AckBook } from '../ack/ack-book.js';
import type { Mempool } from '../mempool/mempool.js';
import { receiptFor } from '../receipts.js';
import {
  type BlockSummary,
  type CheckpointInfo,
  type NodeQueries,
  type NodeStatus,
  notFound,
  type RecordInfo,
  type TxInfo,
} from './node-queries.js';

/**
 * The audit checkpoints a signer has on the best chain from seq `from` on. The state keeps only
 * where the last one ends, so the blocks are read from the tip back; checkpoints are contiguous
 * per signer (TX_CHECKPOINT_GAP), so the walk stops at the one that covers `from`.
 */
function checkpointsOf(chain: Chain, signer: string, from: number, limit: number): CheckpointInfo[] {
  const found: CheckpointInfo[] = [];
  walk: for (let h = chain.height; h > 0; h--) {
    const entry = chain.entryAtHeight(h)!;
    const block = chain.getBlock(entry.hash);
    if (block === undefined) continue;
    for (let i = block.txs.length - 1; i >= 0; i--) {
      const tx = block.txs[i]!;
      if (tx.type !== 'audit.checkpoint' || tx.signer !== signer || tx.body.to < from) continue;
      const { from: f, to, root } = tx.body;
      found.push({ from: f, to, root, tx_id: block.txIds[i]!, block_hash: entry.hash, height: h });
      if (f <= from) break walk;
    }
  }
  return found.reverse().slice(0, limit);
}

export interface ChainQueriesDeps {
  readonly chain: Chain;
  readonly mempool: Pick<Mempool, 'get'>;
  readonly acks: Pick<AckBook, 'acknowledged' | 'lookup'>;
  /** The status gathers every part of the node; the composition root provides it. */
  readonly status: () => NodeStatus;
}

export function chainQueries(deps: ChainQueriesDeps): NodeQueries {
  const { chain, mempool, acks } = deps;

  const tx = (id: TxId): TxInfo => {
    const loc = chain.state.txs.get(id);
    if (loc === undefined) {
      const pending = mempool.get(id);
      if (pending === undefined) throw notFound(`transaction ${id} not found`);
      return { tx_id: id, tx: pending, status: 'pending' };
    }
    const block = chain.getBlock(loc.blockHash)!;
    return {
      tx_id: id,
      tx: block.txs[loc.index]!,
      status: acks.acknowledged(id) !== null ? 'acknowledged' : 'mined',
      block_hash: loc.blockHash,
      height: loc.height,
      index: loc.index,
      timestamp: block.header.timestamp,
      confirmations: chain.height - loc.height + 1,
    };
  };

  const record = (recordId: Id128): RecordInfo => {
    const r = chain.state.record(recordId);
    if (r === undefined) throw notFound(`record ${recordId} is not anchored`);
    return {
      record_id: recordId,
      ...tx(r.txId),
      patient: r.patient,
      creator: r.creator,
      commitment: r.commitment,
      date: r.date,
    };
  };

  return {
    status: deps.status,
    genesis: () => chain.genesis.doc,
    blocks: (before, limit) => {
      const top = Math.min(before === null ? chain.height : before - 1, chain.height);
      const blocks: BlockSummary[] = [];
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
    block: (hash: BlockHash) => {
      const e = chain.getEntry(hash);
      if (e === undefined) throw notFound(`block ${hash} not found`);
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
    tx,
    record,
    anchors: (patient, offset, limit) => {
      const ids = chain.state.patientRecords.get(patient) ?? [];
      return { patient, total: ids.length, offset, anchors: ids.slice(offset, offset + limit).map(record) };
    },
    account: (key) => {
      const a = chain.state.account(key);
      if (a === undefined) throw notFound(`account ${key} is not registered`);
      return { key, role: a.role, subject: a.subject };
    },
    grant: (requestId) => {
      const g = chain.state.grant(requestId);
      if (g === undefined) throw notFound(`no grant for request ${requestId}`);
      return {
        request_id: requestId,
        record_id: g.recordId,
        grantee: g.grantee,
        grant_tx: g.grantTx,
        revoke_tx: g.revokeTx,
        live: g.revokeTx === null,
      };
    },
    checkpoints: (signer, from, limit) => ({
      signer,
      end: chain.state.checkpointEnd(signer),
      checkpoints: checkpointsOf(chain, signer, from, limit),
    }),
    receipt: (by) => {
      let id: TxId;
      if ('record_id' in by) {
        const r = chain.state.record(by.record_id);
        if (r === undefined) throw notFound(`record ${by.record_id} is not anchored`);
        id = r.txId;
      } else id = by.tx_id;
      return receiptFor(chain, acks.lookup, id);
    },
  };
}
