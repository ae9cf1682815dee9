/**
 * Where each P2P message of a ready peer goes: addresses to the peer manager, transactions to the
 * relay, headers to sync, blocks to the chain, acknowledgements to the ack book. Routing only;
 * each rule lives in the module it names. Session messages (hello, ping, reject) never get here:
 * the peer manager answers them.
 */
import {
  type Ack,
  type AddBlockResult,
  assertNever,
  type Block,
  type BlockHash,
  blockFromJson,
  blockToJson,
  type Chain,
  type Genesis,
  isLedgerError,
} from '@chartproof/ledger';
import type { Logger } from 'pino';
import type { AckBook } from '../ack/ack-book.js';
import type { Mempool } from '../mempool/mempool.js';
import type { Metrics } from '../metrics.js';
import type { TxRelay } from '../relay/tx-relay.js';
import type { HeaderSync } from '../sync/headers-sync.js';
import { isAheadOfOurClock, Penalty } from './ban-score.js';
import { Limits, type Message, type MessageOf } from './messages.js';
import type { Peer } from './peer.js';
import type { PeerManager } from './peer-manager.js';

export interface MessageRouterDeps {
  readonly chain: Chain;
  readonly genesis: Genesis;
  readonly mempool: Pick<Mempool, 'verifiedSignatures'>;
  readonly peers: () => Pick<PeerManager, 'readyPeers' | 'learn' | 'broadcast' | 'penalize' | 'count'>;
  readonly relay: () => TxRelay;
  readonly sync: () => HeaderSync<Peer>;
  readonly acks: AckBook;
  readonly metrics: Metrics;
  /** Dial addresses learned from peers (peer exchange). */
  readonly discover: boolean;
  readonly onChainChanged: (result: AddBlockResult, blocks: readonly Block[], source: Peer | null) => void;
  /** New acknowledgements were taken in. */
  readonly onAcks: () => void;
  /** The store failed a write: the node must stop. */
  readonly fail: (e: Error) => void;
  readonly log: Logger;
}

export class MessageRouter {
  constructor(private readonly deps: MessageRouterDeps) {}

  onPeerReady(peer: Peer): void {
    const { metrics, acks } = this.deps;
    metrics.peers.set(this.deps.peers().count.ready);
    peer.send({ type: 'getaddr' });
    const recent = acks.recent();
    for (let i = 0; i < recent.length; i += Limits.MAX_ACKS_PER_MESSAGE) {
      peer.send({ type: 'acks', acks: recent.slice(i, i + Limits.MAX_ACKS_PER_MESSAGE) });
    }
    this.deps.relay().announceAllTo(peer);
    this.deps.sync().maybeSync(peer);
  }

  onPeerClosed(peer: Peer): void {
    this.deps.sync().removePeer(peer);
    this.deps.metrics.peers.set(this.deps.peers().count.ready);
  }

  async onMessage(peer: Peer, message: Message): Promise<void> {
    const relay = this.deps.relay();
    const sync = this.deps.sync();
    switch (message.type) {
      case 'getaddr': {
        const urls = this.deps
          .peers()
          .readyPeers.map((p) => p.hello?.listen)
          .filter((u): u is string => typeof u === 'string');
        peer.send({ type: 'addr', peers: urls.slice(0, Limits.MAX_ADDRS) });
        return;
      }
      case 'addr':
        if (this.deps.discover) this.deps.peers().learn(message.peers, peer);
        return;
      case 'inv':
        return relay.onInv(peer, message);
      case 'getdata':
        return this.onGetData(peer, message);
      case 'txs':
        return relay.onTxs(peer, message);
      case 'getheaders':
        return sync.onGetHeaders(peer, message.locator);
      case 'headers':
      case 'announce':
        try {
          if (message.type === 'headers') sync.onHeaders(peer, message.headers);
          else sync.onAnnounce(peer, message.headers);
        } catch (e) {
          if (!isLedgerError(e)) throw e;
          this.penalize(peer, Penalty.MALFORMED, `undecodable header: ${e.message}`);
        }
        return;
      case 'block':
        return this.onBlock(peer, message.block);
      case 'notfound':
        return sync.onNotFound(peer, message.blocks);
      case 'acks':
        return this.onAcks(peer, message.acks);
      case 'hello':
      case 'hello_ack':
      case 'ping':
      case 'pong':
      case 'reject':
        return; // the peer manager's (p2p/peer-manager.ts)
      default:
        return assertNever(message, 'P2P message');
    }
  }

  private penalize(peer: Peer, points: number, reason: string): void {
    this.deps.peers().penalize(peer, points, reason);
  }

  private onGetData(peer: Peer, message: MessageOf<'getdata'>): void {
    const missingTxs = this.deps.relay().serve(peer, message.txs);
    const missingBlocks: BlockHash[] = [];
    for (const hash of message.blocks) {
      const block = this.deps.chain.getBlock(hash);
      if (block === undefined) missingBlocks.push(hash);
      else peer.send({ type: 'block', block: blockToJson(block) });
    }
    if (missingTxs.length > 0 || missingBlocks.length > 0)
      peer.send({ type: 'notfound', txs: missingTxs, blocks: missingBlocks });
  }

  private async onBlock(peer: Peer, json: MessageOf<'block'>['block']): Promise<void> {
    const { chain } = this.deps;
    const sync = this.deps.sync();
    let block: Block;
    try {
      block = blockFromJson(json, this.deps.genesis);
    } catch (e) {
      if (!isLedgerError(e)) throw e;
      this.penalize(peer, Penalty.MALFORMED, `malformed block: ${e.message}`);
      return;
    }
    if (chain.getEntry(block.hash) !== undefined) {
      sync.onBlockProcessed(peer, block.hash);
      return;
    }
    if (chain.getEntry(block.header.prevHash) === undefined) {
      this.penalize(peer, Penalty.ORPHAN_BLOCK, `block ${block.hash} has an unknown parent`);
      sync.maybeSync(peer);
      return;
    }
    let connected!: () => void;
    const taken = new Promise<void>((resolve) => {
      connected = resolve;
    });
    const done = chain
      .addBlock(block, { verifiedSignatures: this.deps.mempool.verifiedSignatures, onConnected: connected })
      .then(
        (result) => this.afterBlock(peer, block, result),
        (e: unknown) => this.blockRefused(peer, block, e),
      );
    done.catch((e: unknown) => this.deps.log.error({ err: (e as Error)?.stack }, 'block handling failed'));
    // The peer's next message waits until the chain has taken this block in, not until the block
    // is on disk: a syncing node checks the next block during this one's fsync. What follows
    // durability (acknowledgement, relay, sync bookkeeping) runs in afterBlock.
    await Promise.race([taken, done]);
  }

  private afterBlock(peer: Peer, block: Block, result: AddBlockResult): void {
    if (result.status !== 'known') this.deps.metrics.blocksReceived.inc();
    if (block.header.height > peer.lastTip.height) {
      const e = this.deps.chain.getEntry(block.hash)!;
      if (e.work > peer.lastTip.work) peer.lastTip = { height: e.height, hash: e.hash, work: e.work };
    }
    this.deps.onChainChanged(result, [block], peer);
    this.deps.sync().onBlockProcessed(peer, block.hash);
  }

  private blockRefused(peer: Peer, block: Block, e: unknown): void {
    if (!isLedgerError(e)) throw e;
    if (e.code === 'BLOCK_UNKNOWN_PARENT') return;
    if (e.code === 'STORE_FAILED') {
      this.deps.fail(e); // our disk's fault, not the peer's
      return;
    }
    if (isAheadOfOurClock(e)) {
      this.deps.log.warn(
        { peer: peer.label, err: e.message },
        'block ahead of this clock set aside: check both clocks',
      );
    } else {
      this.penalize(peer, Penalty.INVALID_BLOCK, `invalid block: ${e.message}`);
    }
    this.deps.sync().onBlockProcessed(peer, block.hash);
  }

  private onAcks(peer: Peer, acks: readonly Ack[]): void {
    const { fresh, invalid } = this.deps.acks.receive(acks);
    if (invalid !== null) {
      this.penalize(peer, Penalty.INVALID_BLOCK, invalid);
      return;
    }
    if (fresh.length === 0) return;
    this.deps.peers().broadcast({ type: 'acks', acks: [...fresh] }, peer);
    this.deps.onAcks();
  }
}
