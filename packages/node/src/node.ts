/**
 * The composition root of a chain node (lodestar's BeaconNode shape): store → chain → mempool →
 * network → sync → miner → RPC and HTTP, all on one port, closed in reverse order. The protocol
 * handlers here only route: each rule lives in the module it names.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  type Ack,
  AckSchema,
  type AddBlockResult,
  type Block,
  type BlockEntry,
  type BlockHash,
  blockFromJson,
  blockToJson,
  bytesToHex,
  Chain,
  type Genesis,
  type Id128,
  isLedgerError,
  type KeyValueStore,
  LmdbStore,
  MemoryStore,
  Miner,
  type PublicKey,
  parseGenesis,
  parseTransaction,
  signAck,
  type TxId,
  txId,
  verifyAck,
} from '@chartproof/ledger';
import { AckStore } from './ack/ack-store.js';
import { AckTracker } from './ack/acknowledgements.js';
import { shouldBreakTie } from './ack/tie-break.js';
import { explorerApi } from './http/explorer-api.js';
import { explorerHandler } from './http/explorer-routes.js';
import { createLogger, type Logger } from './log.js';
import { Mempool } from './mempool/mempool.js';
import { createMetrics, type Metrics } from './metrics.js';
import { MiningLoop } from './miner/mining-loop.js';
import { type NodeOptions, type NodeOptionsInput, resolveOptions } from './options.js';
import { Penalty } from './p2p/ban-score.js';
import { Limits, type Message, type MessageOf } from './p2p/messages.js';
import type { Peer } from './p2p/peer.js';
import { PeerManager } from './p2p/peer-manager.js';
import { receiptFor } from './receipts.js';
import { TxRelay } from './relay/tx-relay.js';
import { rpcHandlers } from './rpc/handlers.js';
import { RpcError, RpcErrorCode } from './rpc/methods.js';
import { RpcServer } from './rpc/rpc-server.js';
import { HeaderSync } from './sync/headers-sync.js';

export const AGENT = 'chartproof-node/0.1.0';
const RECENT_ACKS_PER_VALIDATOR = 32;
/** Block intervals to wait for silent validators' votes before a tie is broken without them. */
const TIE_BREAK_PATIENCE = 5;

interface Waiter {
  readonly resolve: (r: SubmitResult) => void;
  readonly timer: NodeJS.Timeout;
  readonly started: number;
}

export interface SubmitResult {
  readonly tx_id: TxId;
  readonly status: 'acknowledged' | 'pending';
  readonly block_hash?: BlockHash;
  readonly height?: number;
  readonly acknowledged_by?: readonly PublicKey[];
}

export class ChartNode {
  readonly options: NodeOptions;
  readonly genesis: Genesis;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly isValidator: boolean;
  private server!: Server;
  /** The P2P connections; public for the status and for tests. */
  peers!: PeerManager;
  private sync!: HeaderSync<Peer>;
  private rpc!: RpcServer;
  private miner: Miner | null = null;
  private mining: MiningLoop | null = null;
  private readonly acks: AckTracker;
  private readonly ackStore: AckStore;
  private readonly waiters = new Map<TxId, Waiter[]>();
  private relay!: TxRelay;
  private stallTimer: NodeJS.Timeout | null = null;
  private tieBreakTimer: NodeJS.Timeout | null = null;
  private tieBreakDue = false;
  private contestedSince: number | null = null;
  private closing = false;
  private failWith!: (e: Error) => void;
  /**
   * Resolves if the node meets a failure it cannot go on from: its store failed a write, so
   * memory and disk may disagree. The owner closes it and exits; a restart reopens from disk.
   */
  readonly failure: Promise<Error> = new Promise((resolve) => {
    this.failWith = resolve;
  });
  private address!: AddressInfo;

  private constructor(
    options: NodeOptions,
    genesis: Genesis,
    private readonly store: KeyValueStore,
    readonly chain: Chain,
    readonly mempool: Mempool,
    log: Logger,
  ) {
    this.options = options;
    this.genesis = genesis;
    this.log = log;
    this.metrics = createMetrics();
    this.isValidator = genesis.validators.has(options.key.publicKey);
    this.acks = new AckTracker(genesis.validators, genesis.quorum);
    this.ackStore = new AckStore(store);
  }

  static async start(input: NodeOptionsInput): Promise<ChartNode> {
    const options = resolveOptions(input);
    const genesis = 'hashBytes' in options.genesis ? options.genesis : parseGenesis(options.genesis);
    const log = createLogger(options.logLevel, { node: options.key.publicKey.slice(0, 12) });
    const tls = options.tls !== undefined;
    if (!tls && !options.allowPlaintextRemote && !isLoopbackHost(options.host)) {
      throw new Error(
        `refusing to listen on ${options.host} without TLS: give --tls-cert and --tls-key, or --allow-plaintext-remote on a trusted network`,
      );
    }
    const store: KeyValueStore =
      options.dataDir === null ? new MemoryStore() : new LmdbStore({ path: options.dataDir });
    let chain: Chain;
    try {
      chain = await Chain.open(genesis, store);
    } catch (e) {
      await store.close();
      throw e;
    }
    const mempool = new Mempool(genesis.hashBytes, chain.state, {
      maxTxs: options.mempoolMaxTxs,
      maxBytes: options.mempoolMaxBytes,
      verifiedCacheSize: 200_000,
    });
    const node = new ChartNode(options, genesis, store, chain, mempool, log);
    await node.listen();
    return node;
  }

  /** ws:// (or wss://) URL of this node: peers dial it, the RPC is at `${url}/rpc`. */
  get url(): string {
    const scheme = this.options.tls !== undefined ? 'wss' : 'ws';
    return `${scheme}://${hostForUrl(this.options.host)}:${this.address.port}`;
  }

  get httpUrl(): string {
    return this.url.replace(/^ws/, 'http');
  }

  get port(): number {
    return this.address.port;
  }

  private async listen(): Promise<void> {
    const o = this.options;
    const frameLimit = Math.max(o.maxFrameBytes, this.genesis.params.max_block_bytes + 256 * 1024);
    const handler = explorerHandler(explorerApi(this));
    this.server =
      o.tls !== undefined
        ? createHttpsServer({ cert: o.tls.cert, key: o.tls.key }, (req, res) => void handler(req, res))
        : createHttpServer((req, res) => void handler(req, res));
    this.server.requestTimeout = 30_000;
    this.server.headersTimeout = 10_000;
    this.rpc = new RpcServer(
      rpcHandlers(this),
      { maxFrameBytes: frameLimit, maxInFlight: o.rpcMaxInFlight, maxConnections: o.rpcMaxConnections },
      this.log,
    );
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(o.port, o.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.address = this.server.address() as AddressInfo;
    this.peers = new PeerManager(
      {
        genesis: this.genesis,
        key: o.key,
        listenUrl: o.advertise ?? this.url,
        maxInbound: o.maxInbound,
        maxOutbound: o.maxOutbound,
        limits: {
          maxFrameBytes: frameLimit,
          maxQueue: o.maxPeerQueue,
          maxSendBuffer: o.maxSendBuffer,
          handshakeTimeoutMs: o.handshakeTimeoutMs,
          pingIntervalMs: o.pingIntervalMs,
        },
        reconnectBaseMs: o.reconnectBaseMs,
        reconnectMaxMs: o.reconnectMaxMs,
        backoffBaseMs: o.discourageBaseMs,
        allowPlaintextRemote: o.allowPlaintextRemote,
        ...(o.tls?.ca !== undefined ? { tlsCa: o.tls.ca } : {}),
        agent: AGENT,
        onPenalty: () => this.metrics.misbehaviour.inc(),
      },
      {
        tip: () => this.chain.tip,
        onReady: (peer) => this.onPeerReady(peer),
        onMessage: (peer, message) => this.onPeerMessage(peer, message),
        onClose: (peer) => {
          this.sync.removePeer(peer);
          this.metrics.peers.set(this.peers.count.ready);
        },
      },
      this.log,
    );
    this.relay = new TxRelay({
      mempool: this.mempool,
      maxTxBytes: this.genesis.params.max_tx_bytes,
      onChain: (id) => this.chain.state.hasTx(id),
      readyPeers: () => this.peers.readyPeers,
      penalize: (peer, points, reason) => this.penalize(peer, points, reason),
      onAdded: () => this.onNewTx(),
    });
    this.sync = new HeaderSync<Peer>(this.chain, {
      sendGetHeaders: (peer, locator) => peer.send({ type: 'getheaders', locator }),
      sendHeaders: (peer, headers) => peer.send({ type: 'headers', headers }),
      requestBlocks: (peer, hashes) => peer.send({ type: 'getdata', txs: [], blocks: hashes }),
      penalize: (peer, points, reason) => this.penalize(peer, points, reason),
      now: () => Date.now(),
    });
    this.server.on('upgrade', (req, socket, head) => {
      const path = (req.url ?? '').split('?')[0];
      if (path === '/p2p') this.peers.handleUpgrade(req, socket, head);
      else if (path === '/rpc') this.rpc.handleUpgrade(req, socket, head);
      else socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
    });
    this.stallTimer = setInterval(() => {
      for (const peer of this.sync.checkStalls()) this.log.info({ peer: peer.label }, 'sync peer stalled');
      for (const peer of this.peers.readyPeers) this.sync.maybeSync(peer);
      this.relay.expireRequests();
    }, 5000);
    this.stallTimer.unref();

    this.loadRecentAcks();
    if (this.isValidator && this.options.mine) {
      this.miner = new Miner();
      this.mining = new MiningLoop({
        chain: this.chain,
        mempool: this.mempool,
        miner: this.miner,
        key: o.key,
        log: this.log,
        wantsBlock: () => this.tieBreakDue && this.wantsTieBreak(true),
        onBlock: async (block) => {
          let result: AddBlockResult;
          try {
            result = await this.chain.addBlock(block, {
              verifiedSignatures: this.mempool.verifiedSignatures,
            });
          } catch (e) {
            if (!isLedgerError(e, 'STORE_FAILED')) throw e;
            this.fail(e);
            return;
          }
          this.metrics.blocksMined.inc();
          this.onChainChanged(result, [block], null);
        },
      });
      this.mining.start();
    }
    if (this.isValidator) this.acknowledge(this.chain.tip); // loaded from disk: durable
    this.metrics.tipHeight.set(this.chain.height);
    for (const url of o.peers) this.peers.addConfigured(url);
  }

  // ---------------------------------------------------------------- chain events

  private onChainChanged(result: AddBlockResult, blocks: readonly Block[], source: Peer | null): void {
    if (result.status === 'known' || result.status === 'side') return;
    const returned = result.status === 'reorg' ? Chain.returnedTransactions(result.reorg) : [];
    if (result.status === 'reorg') {
      this.metrics.reorgs.inc();
      this.log.info(
        {
          fork: result.reorg.fork.height,
          disconnected: result.reorg.disconnected.length,
          returned: returned.length,
        },
        'chain reorganised',
      );
    }
    const connected = result.status === 'reorg' ? result.reorg.connected : blocks;
    for (const b of connected) this.mempool.markVerified(b);
    const mined = result.status === 'extended' ? connected : undefined;
    const { dropped } = this.mempool.rebuild(this.chain.state, returned, mined);
    if (dropped > 0) this.log.info({ dropped }, 'mempool transactions no longer valid on the new tip');
    // Returned transactions are announced again: a peer may have known them only inside the
    // abandoned block, and a node that does not mine would otherwise hold them for good.
    for (const tx of returned) {
      const id = txId(tx, this.genesis.hashBytes);
      if (!this.mempool.has(id)) continue;
      this.relay.reannounce(id);
    }
    this.metrics.tipHeight.set(this.chain.height);
    this.metrics.mempoolSize.set(this.mempool.size);
    const tip = this.chain.tip;
    const header = bytesToHex(this.chain.getBlock(tip.hash)?.headerBytes ?? new Uint8Array());
    if (header.length > 0) {
      for (const p of this.peers.readyPeers)
        if (p !== source) p.send({ type: 'announce', headers: [header] });
    }
    if (this.isValidator) this.acknowledge(result.entry);
    this.checkWaiters();
    this.tieBreakDue = false;
    this.contestedSince = null;
    this.considerTieBreak();
    this.mining?.poke();
  }

  /**
   * Signs that `entry` is on our best chain. Called once its block is durable, with that block's
   * entry rather than the tip: the chain may already have connected a later block whose commit
   * is still on its way (Chain.addBlock), and nothing is acknowledged before it is on disk.
   */
  private acknowledge(entry: BlockEntry): void {
    if (entry.height === 0 || !this.chain.isOnBestChain(entry.hash)) return;
    const ack = signAck(this.options.key, entry.height, entry.hash, this.genesis);
    if (this.acks.add(ack)) {
      this.ackStore.put(ack);
      this.peers?.broadcast({ type: 'acks', acks: [ack] });
    }
  }

  private loadRecentAcks(): void {
    const validators = [...this.genesis.validators];
    for (
      let h = Math.max(1, this.chain.height - 2 * RECENT_ACKS_PER_VALIDATOR);
      h <= this.chain.height;
      h++
    ) {
      const e = this.chain.entryAtHeight(h)!;
      for (const v of validators) {
        const ack = this.ackStore.get(e.hash, h, v);
        if (ack !== undefined) this.acks.add(ack);
      }
    }
  }

  private isOnBest = (hash: BlockHash, height: number): boolean =>
    this.chain.entryAtHeight(height)?.hash === hash;

  private checkWaiters(): void {
    for (const [id, list] of this.waiters) {
      const result = this.acknowledged(id);
      if (result === null) continue;
      this.waiters.delete(id);
      for (const w of list) {
        clearTimeout(w.timer);
        this.metrics.ackLatency.observe((Date.now() - w.started) / 1000);
        w.resolve(result);
      }
    }
  }

  private acknowledged(id: TxId): SubmitResult | null {
    const loc = this.chain.state.txs.get(id);
    if (loc === undefined) return null;
    const by = this.acks.coverage(loc.height, this.isOnBest);
    if (by.length < this.genesis.quorum) return null;
    return {
      tx_id: id,
      status: 'acknowledged',
      block_hash: loc.blockHash,
      height: loc.height,
      acknowledged_by: by,
    };
  }

  // ---------------------------------------------------------------- client operations

  /** Accepts a transaction and, with `wait: 'ack'`, resolves once a majority acknowledges it. */
  async submit(json: unknown, wait: 'ack' | 'mempool' = 'ack', timeoutMs = 60_000): Promise<SubmitResult> {
    const tx = parseTransaction(json, this.genesis.params.max_tx_bytes);
    this.metrics.txSubmitted.inc();
    const outcome = this.mempool.add(tx);
    if (outcome.status === 'rejected') throw outcome.error;
    if (outcome.status === 'added') {
      this.relay.announce(outcome.id);
      this.onNewTx();
    }
    const id = outcome.id;
    if (wait === 'mempool') return this.acknowledged(id) ?? { tx_id: id, status: 'pending' };
    const done = this.acknowledged(id);
    if (done !== null) return done;
    const started = Date.now();
    return new Promise<SubmitResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        const list = this.waiters.get(id)?.filter((w) => w.timer !== timer) ?? [];
        if (list.length === 0) this.waiters.delete(id);
        else this.waiters.set(id, list);
        reject(
          new RpcError(
            RpcErrorCode.TIMEOUT,
            `transaction ${id} not acknowledged by a majority of validators within ${timeoutMs} ms; it stays in the mempool`,
          ),
        );
      }, timeoutMs);
      const list = this.waiters.get(id) ?? [];
      list.push({ resolve, timer, started });
      this.waiters.set(id, list);
    });
  }

  status() {
    const tip = this.chain.tip;
    return {
      agent: AGENT,
      network: this.genesis.doc.network,
      genesis: this.genesis.hash,
      node_key: this.options.key.publicKey,
      validator: this.isValidator,
      mining: this.mining !== null,
      height: tip.height,
      tip: tip.hash,
      tip_timestamp: tip.header.timestamp,
      work: tip.work.toString(16),
      mempool: this.mempool.size,
      syncing: this.sync.active,
      peers: this.peers.readyPeers.map((p) => ({
        key: p.key,
        direction: p.direction,
        address: p.remote,
        height: p.lastTip.height,
        validator: p.hello?.validator ?? false,
      })),
      acknowledged_heights: this.acks.heights(),
      quorum: this.genesis.quorum,
      block_interval_ms: this.genesis.params.block_interval_ms,
    };
  }

  txInfo(id: TxId) {
    const loc = this.chain.state.txs.get(id);
    if (loc === undefined) {
      const tx = this.mempool.get(id);
      return tx === undefined ? undefined : { tx_id: id, tx, status: 'pending' as const };
    }
    const block = this.chain.getBlock(loc.blockHash)!;
    return {
      tx_id: id,
      tx: block.txs[loc.index]!,
      status: this.acknowledged(id) !== null ? ('acknowledged' as const) : ('mined' as const),
      block_hash: loc.blockHash,
      height: loc.height,
      index: loc.index,
      timestamp: block.header.timestamp,
      confirmations: this.chain.height - loc.height + 1,
    };
  }

  recordInfo(recordId: Id128) {
    const r = this.chain.state.record(recordId);
    if (r === undefined) return undefined;
    return {
      record_id: recordId,
      ...this.txInfo(r.txId)!,
      patient: r.patient,
      creator: r.creator,
      commitment: r.commitment,
      date: r.date,
    };
  }

  receipt(by: { record_id: Id128 } | { tx_id: TxId }) {
    let id: TxId;
    if ('record_id' in by) {
      const r = this.chain.state.record(by.record_id);
      if (r === undefined)
        return {
          ok: false as const,
          code: 'NOT_FOUND' as const,
          message: `record ${by.record_id} is not anchored`,
        };
      id = r.txId;
    } else id = by.tx_id;
    return receiptFor(
      this.chain,
      (hash, height, v) => this.acks.get(v, hash) ?? this.ackStore.get(hash, height, v),
      id,
    );
  }

  // ---------------------------------------------------------------- network

  private penalize(peer: Peer, points: number, reason: string): void {
    this.peers.penalize(peer, points, reason);
  }

  private onPeerReady(peer: Peer): void {
    this.metrics.peers.set(this.peers.count.ready);
    peer.send({ type: 'getaddr' });
    const acks = this.acks.recent(RECENT_ACKS_PER_VALIDATOR);
    for (let i = 0; i < acks.length; i += Limits.MAX_ACKS_PER_MESSAGE) {
      peer.send({ type: 'acks', acks: acks.slice(i, i + Limits.MAX_ACKS_PER_MESSAGE) });
    }
    this.relay.announceAllTo(peer);
    this.sync.maybeSync(peer);
  }

  private async onPeerMessage(peer: Peer, message: Message): Promise<void> {
    switch (message.type) {
      case 'getaddr': {
        const urls = this.peers.readyPeers
          .map((p) => p.hello?.listen)
          .filter((u): u is string => typeof u === 'string');
        peer.send({ type: 'addr', peers: urls.slice(0, Limits.MAX_ADDRS) });
        return;
      }
      case 'addr':
        if (this.options.discover) this.peers.learn(message.peers, peer);
        return;
      case 'inv':
        return this.relay.onInv(peer, message);
      case 'getdata':
        return this.onGetData(peer, message);
      case 'txs':
        return this.relay.onTxs(peer, message);
      case 'getheaders':
        return this.sync.onGetHeaders(peer, message.locator);
      case 'headers':
      case 'announce':
        try {
          if (message.type === 'headers') this.sync.onHeaders(peer, message.headers);
          else this.sync.onAnnounce(peer, message.headers);
        } catch (e) {
          if (!isLedgerError(e)) throw e;
          this.penalize(peer, Penalty.MALFORMED, `undecodable header: ${e.message}`);
        }
        return;
      case 'block':
        return this.onBlock(peer, message.block);
      case 'notfound':
        return this.sync.onNotFound(peer, message.blocks);
      case 'acks':
        return this.onAcks(peer, message.acks);
      default:
        return;
    }
  }

  private onGetData(peer: Peer, message: MessageOf<'getdata'>): void {
    const missingTxs = this.relay.serve(peer, message.txs);
    const missingBlocks: BlockHash[] = [];
    for (const hash of message.blocks) {
      const block = this.chain.getBlock(hash);
      if (block === undefined) missingBlocks.push(hash);
      else peer.send({ type: 'block', block: blockToJson(block) });
    }
    if (missingTxs.length > 0 || missingBlocks.length > 0)
      peer.send({ type: 'notfound', txs: missingTxs, blocks: missingBlocks });
  }

  /** A transaction entered the mempool: metrics, and the miner may want a fresh template. */
  private onNewTx(): void {
    this.metrics.mempoolSize.set(this.mempool.size);
    this.mining?.poke();
  }

  private async onBlock(peer: Peer, json: MessageOf<'block'>['block']): Promise<void> {
    let block: Block;
    try {
      block = blockFromJson(json, this.genesis);
    } catch (e) {
      if (!isLedgerError(e)) throw e;
      this.penalize(peer, Penalty.MALFORMED, `malformed block: ${e.message}`);
      return;
    }
    if (this.chain.getEntry(block.hash) !== undefined) {
      this.sync.onBlockProcessed(peer, block.hash);
      return;
    }
    if (this.chain.getEntry(block.header.prevHash) === undefined) {
      this.penalize(peer, Penalty.ORPHAN_BLOCK, `block ${block.hash} has an unknown parent`);
      this.sync.maybeSync(peer);
      return;
    }
    let connected!: () => void;
    const taken = new Promise<void>((resolve) => {
      connected = resolve;
    });
    const done = this.chain
      .addBlock(block, { verifiedSignatures: this.mempool.verifiedSignatures, onConnected: connected })
      .then(
        (result) => this.afterBlock(peer, block, result),
        (e: unknown) => this.blockRefused(peer, block, e),
      );
    done.catch((e: unknown) => this.log.error({ err: (e as Error)?.stack }, 'block handling failed'));
    // The peer's next message waits until the chain has taken this block in, not until the block
    // is on disk: a syncing node checks the next block during this one's fsync. What follows
    // durability (acknowledgement, relay, sync bookkeeping) runs in afterBlock.
    await Promise.race([taken, done]);
  }

  private afterBlock(peer: Peer, block: Block, result: AddBlockResult): void {
    if (result.status !== 'known') this.metrics.blocksReceived.inc();
    if (block.header.height > peer.lastTip.height) {
      const e = this.chain.getEntry(block.hash)!;
      if (e.work > peer.lastTip.work) peer.lastTip = { height: e.height, hash: e.hash, work: e.work };
    }
    this.onChainChanged(result, [block], peer);
    this.sync.onBlockProcessed(peer, block.hash);
  }

  private blockRefused(peer: Peer, block: Block, e: unknown): void {
    if (!isLedgerError(e)) throw e;
    if (e.code === 'BLOCK_UNKNOWN_PARENT') return;
    if (e.code === 'STORE_FAILED') {
      this.fail(e); // our disk's fault, not the peer's
      return;
    }
    this.penalize(peer, Penalty.INVALID_BLOCK, `invalid block: ${e.message}`);
    this.sync.onBlockProcessed(peer, block.hash);
  }

  private onAcks(peer: Peer, acks: readonly Ack[]): void {
    const fresh: Ack[] = [];
    for (const raw of acks) {
      const ack = AckSchema.parse(raw);
      if (this.acks.get(ack.validator as PublicKey, ack.hash as BlockHash) !== undefined) continue;
      if (!verifyAck(ack, this.genesis)) {
        this.penalize(peer, Penalty.INVALID_BLOCK, `acknowledgement by ${ack.validator} does not verify`);
        return;
      }
      if (this.acks.add(ack)) {
        this.ackStore.put(ack);
        fresh.push(ack);
      }
    }
    if (fresh.length === 0) return;
    this.peers.broadcast({ type: 'acks', acks: fresh }, peer);
    this.checkWaiters();
    this.considerTieBreak();
  }

  /** A block is wanted on our tip, even an empty one, to end a split of the validators. */
  private wantsTieBreak(patient: boolean): boolean {
    const g = this.genesis;
    return shouldBreakTie(this.chain.tip, this.acks.latest(), {
      validators: g.validators.size,
      quorum: g.quorum,
      patient,
    });
  }

  /** Re-checked every block interval while our tip is contested; see ack/tie-break.ts. */
  private considerTieBreak(): void {
    if (this.mining === null || this.tieBreakTimer !== null) return;
    if (!this.wantsTieBreak(true)) {
      this.contestedSince = null;
      return;
    }
    const interval = this.genesis.params.block_interval_ms;
    this.contestedSince ??= Date.now();
    this.tieBreakTimer = setTimeout(() => {
      this.tieBreakTimer = null;
      const patient = Date.now() - (this.contestedSince ?? Date.now()) >= TIE_BREAK_PATIENCE * interval;
      if (!this.wantsTieBreak(patient)) return this.considerTieBreak();
      const votes = this.acks
        .latest()
        .map((a) => `${a.validator.slice(0, 8)}:${a.height}:${a.hash.slice(0, 8)}`);
      this.log.info(
        { height: this.chain.height, tip: this.chain.tip.hash, votes },
        'validators split between tips of equal height: extending ours',
      );
      this.tieBreakDue = true;
      this.mining?.poke();
    }, interval);
    this.tieBreakTimer.unref();
  }

  private fail(e: Error): void {
    this.log.fatal({ err: e.message }, 'store write failed: the node stops');
    this.failWith(e);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.stallTimer !== null) clearInterval(this.stallTimer);
    this.relay.close();
    if (this.tieBreakTimer !== null) clearTimeout(this.tieBreakTimer);
    await this.mining?.stop();
    await this.miner?.close();
    this.rpc.close();
    await this.peers.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    for (const list of this.waiters.values()) for (const w of list) clearTimeout(w.timer);
    await this.ackStore.flush();
    await this.chain.idle();
    await this.store.close();
  }
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export function startNode(options: NodeOptionsInput): Promise<ChartNode> {
  return ChartNode.start(options);
}
