/** The client RPC methods (methods.ts) answered from a node's chain and its client operations. */
import type { Chain, Id128, TxId } from '@chartproof/ledger';
import type { ChartNode } from '../node.js';
import { RpcError, RpcErrorCode, type RpcHandlers } from './methods.js';

export type RpcNode = Pick<ChartNode, 'submit' | 'receipt' | 'txInfo' | 'recordInfo' | 'status'> & {
  readonly chain: Pick<Chain, 'state' | 'height' | 'entryAtHeight' | 'getBlock'>;
};

/**
 * The audit checkpoints a signer has on the best chain from seq `from` on. The state keeps only
 * where the last one ends, so the blocks are read from the tip back; checkpoints are contiguous
 * per signer (TX_CHECKPOINT_GAP), so the walk stops at the one that covers `from`.
 */
function checkpointsOf(chain: RpcNode['chain'], signer: string, from: number, limit: number) {
  const found = [];
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

function found<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw new RpcError(RpcErrorCode.NOT_FOUND, message);
  return value;
}

export function rpcHandlers(node: RpcNode): RpcHandlers {
  return {
    submit: (p) => node.submit(p.tx, p.wait, p.timeout_ms),
    receipt: (p) => {
      const r = node.receipt(p);
      if (!r.ok) throw new RpcError(r.code, r.message);
      return r.receipt;
    },
    tx: (p) => found(node.txInfo(p.tx_id as TxId), `transaction ${p.tx_id} not found`),
    record: (p) => found(node.recordInfo(p.record_id as Id128), `record ${p.record_id} is not anchored`),
    anchors: (p) => {
      const ids = node.chain.state.patientRecords.get(p.patient) ?? [];
      return {
        patient: p.patient,
        total: ids.length,
        offset: p.offset,
        anchors: ids.slice(p.offset, p.offset + p.limit).map((rid) => node.recordInfo(rid)),
      };
    },
    account: (p) => {
      const a = found(node.chain.state.account(p.key), `account ${p.key} is not registered`);
      return { key: p.key, role: a.role, subject: a.subject };
    },
    grant: (p) => {
      const g = found(node.chain.state.grant(p.request_id), `no grant for request ${p.request_id}`);
      return {
        request_id: p.request_id,
        record_id: g.recordId,
        grantee: g.grantee,
        grant_tx: g.grantTx,
        revoke_tx: g.revokeTx,
        live: g.revokeTx === null,
      };
    },
    checkpoints: (p) => ({
      signer: p.signer,
      end: node.chain.state.checkpointEnd(p.signer),
      checkpoints: checkpointsOf(node.chain, p.signer, p.from, p.limit),
    }),
    status: () => node.status(),
  };
}
