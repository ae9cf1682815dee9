/**
 * What follows a change of the chain (a block mined here or received): the mempool rebuilt for
 * the new tip, transactions of abandoned blocks announced again, the new tip announced to peers,
 * a validator's acknowledgement, and waiting clients, the tie-breaker and the miner told.
 */
import { type AddBlockResult, type Block, bytesToHex, Chain, type Genesis, txId } from '@chartproof/ledger';
import type { Logger } from 'pino';
import type { AckBook } from '../ack/ack-book.js';
import type { Mempool } from '../mempool/mempool.js';
import type { Metrics } from '../metrics.js';
import type { Peer } from '../p2p/peer.js';
import type { PeerManager } from '../p2p/peer-manager.js';
import type { TxRelay } from '../relay/tx-relay.js';

export interface ChainChangedDeps {
  readonly chain: Chain;
  readonly genesis: Genesis;
  readonly mempool: Mempool;
  readonly acks: AckBook;
  readonly peers: () => Pick<PeerManager, 'readyPeers' | 'broadcast'>;
  readonly relay: () => TxRelay;
  readonly metrics: Metrics;
  readonly log: Logger;
  /** The acknowledgements or the tip changed: waiting clients, tie-breaker and miner look again. */
  readonly onTipChanged: () => void;
}

export type ChainChanged = (result: AddBlockResult, blocks: readonly Block[], source: Peer | null) => void;

export function chainChanged(deps: ChainChangedDeps): ChainChanged {
  const { chain, mempool, metrics, log } = deps;
  return (result, blocks, source) => {
    if (result.status === 'known' || result.status === 'side') return;
    const returned = result.status === 'reorg' ? Chain.returnedTransactions(result.reorg) : [];
    if (result.status === 'reorg') {
      metrics.reorgs.inc();
      log.info(
        {
          fork: result.reorg.fork.height,
          disconnected: result.reorg.disconnected.length,
          returned: returned.length,
        },
        'chain reorganised',
      );
    }
    const connected = result.status === 'reorg' ? result.reorg.connected : blocks;
    for (const b of connected) mempool.markVerified(b);
    const mined = result.status === 'extended' ? connected : undefined;
    const { dropped } = mempool.rebuild(chain.state, returned, mined);
    if (dropped > 0) log.info({ dropped }, 'mempool transactions no longer valid on the new tip');
    // Returned transactions are announced again: a peer may have known them only inside the
    // abandoned block, and a node that does not mine would otherwise hold them for good.
    for (const tx of returned) {
      const id = txId(tx, deps.genesis.hashBytes);
      if (!mempool.has(id)) continue;
      deps.relay().reannounce(id);
    }
    metrics.tipHeight.set(chain.height);
    metrics.mempoolSize.set(mempool.size);
    const header = bytesToHex(chain.getBlock(chain.tip.hash)?.headerBytes ?? new Uint8Array());
    if (header.length > 0) {
      for (const p of deps.peers().readyPeers)
        if (p !== source) p.send({ type: 'announce', headers: [header] });
    }
    const ack = deps.acks.sign(result.entry);
    if (ack !== null) deps.peers().broadcast({ type: 'acks', acks: [ack] });
    deps.onTipChanged();
  };
}
