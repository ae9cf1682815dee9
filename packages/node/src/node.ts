/**
 * The composition root of a chain node (lodestar's BeaconNode shape): store → chain → mempool →
 * acknowledgements → network → sync → miner → RPC and HTTP, all on one port, closed in reverse
 * order. It builds the parts and wires them; each rule lives in the module it names.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  type AddBlockResult,
  Chain,
  type Genesis,
  isLedgerError,
  type KeyValueStore,
  LmdbStore,
  MemoryStore,
  parseGenesis,
} from '@chartproof/ledger';
import { AckBook } from './ack/ack-book.js';
import { AckWaiters } from './ack/ack-waiters.js';
import { TieBreaker } from './ack/tie-breaker.js';
import { type ChainChanged, chainChanged } from './chain/chain-changed.js';
import { explorerApi } from './http/explorer-api.js';
import { explorerHandler } from './http/explorer-routes.js';
import { createLogger, type Logger } from './log.js';
import { Mempool } from './mempool/mempool.js';
import { type Submit, submitter } from './mempool/submit.js';
import { createMetrics, type Metrics } from './metrics.js';
import { Miner } from './miner/miner.js';
import { MiningLoop } from './miner/mining-loop.js';
import { type NodeOptions, type NodeOptionsInput, resolveOptions } from './options.js';
import { MessageRouter } from './p2p/message-router.js';
import type { Peer } from './p2p/peer.js';
import { PeerManager } from './p2p/peer-manager.js';
import { chainQueries } from './queries/chain-queries.js';
import type { NodeQueries, NodeStatus } from './queries/node-queries.js';
import { nodeStatus } from './queries/status.js';
import { TxRelay } from './relay/tx-relay.js';
import { rpcHandlers } from './rpc/handlers.js';
import { roleOnChain } from './rpc/rpc-auth.js';
import { RpcServer } from './rpc/rpc-server.js';
import { HeaderSync } from './sync/headers-sync.js';

export const AGENT = 'chartproof-node/0.1.0';
/** Sync stalls, peers to sync from and relay requests are looked at this often. */
const HOUSEKEEPING_MS = 5000;

export class ChartNode {
  readonly metrics: Metrics = createMetrics();
  readonly isValidator: boolean;
  /** What the node answers about its chain (RPC and HTTP read through it). */
  readonly queries: NodeQueries;
  /** Accepts a transaction and, with `wait: 'ack'`, resolves once a majority acknowledges it. */
  readonly submit: Submit;
  /** The P2P connections; public for the status and for tests. */
  peers!: PeerManager;
  private readonly acks: AckBook;
  private readonly waiters: AckWaiters;
  private readonly onChainChanged: ChainChanged;
  private server!: Server;
  private sync!: HeaderSync<Peer>;
  private rpc!: RpcServer;
  private relay!: TxRelay;
  private miner: Miner | null = null;
  private mining: MiningLoop | null = null;
  private tieBreaker: TieBreaker | null = null;
  private housekeeping: NodeJS.Timeout | null = null;
  private address!: AddressInfo;
  private closing = false;
  private failWith!: (e: Error) => void;
  /**
   * Resolves if the node meets a failure it cannot go on from: its store failed a write, so
   * memory and disk may disagree. The owner closes it and exits; a restart reopens from disk.
   */
  readonly failure: Promise<Error> = new Promise((resolve) => {
    this.failWith = resolve;
  });

  private constructor(
    readonly options: NodeOptions,
    readonly genesis: Genesis,
    private readonly store: KeyValueStore,
    readonly chain: Chain,
    readonly mempool: Mempool,
    readonly log: Logger,
  ) {
    this.isValidator = genesis.validators.has(options.key.publicKey);
    this.acks = new AckBook(chain, genesis, store, this.isValidator ? options.key : null);
    this.waiters = new AckWaiters({
      acknowledged: (id) => this.acks.acknowledged(id),
      observe: (seconds) => this.metrics.ackLatency.observe(seconds),
    });
    this.queries = chainQueries({ chain, mempool, acks: this.acks, status: () => this.status() });
    this.submit = submitter({
      genesis,
      mempool,
      acknowledged: (id) => this.acks.acknowledged(id),
      waitForAck: (id, timeoutMs) => this.waiters.wait(id, timeoutMs),
      onSubmitted: () => this.metrics.txSubmitted.inc(),
      onAdded: (id) => {
        this.relay.announce(id);
        this.onNewTx();
      },
    });
    this.onChainChanged = chainChanged({
      chain,
      genesis,
      mempool,
      acks: this.acks,
      peers: () => this.peers,
      relay: () => this.relay,
      metrics: this.metrics,
      log,
      onTipChanged: () => {
        this.waiters.check();
        this.tieBreaker?.reset();
        this.tieBreaker?.consider();
        this.mining?.poke();
      },
    });
  }

  static async start(input: NodeOptionsInput): Promise<ChartNode> {
    const options = resolveOptions(input);
    const genesis = 'hashBytes' in options.genesis ? options.genesis : parseGenesis(options.genesis);
    const log = createLogger(options.logLevel, { node: options.key.publicKey.slice(0, 12) });
    if (options.tls === undefined && !options.allowPlaintextRemote && !isLoopbackHost(options.host)) {
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

  status(): NodeStatus {
    return nodeStatus({
      agent: AGENT,
      chain: this.chain,
      genesis: this.genesis,
      nodeKey: this.options.key.publicKey,
      validator: this.isValidator,
      mining: this.mining !== null,
      mempoolSize: this.mempool.size,
      syncing: this.sync.active,
      peers: this.peers.readyPeers,
      acknowledgedHeights: this.acks.tracker.heights(),
    });
  }

  private async listen(): Promise<void> {
    const o = this.options;
    const frameLimit = Math.max(o.maxFrameBytes, this.genesis.params.max_block_bytes + 256 * 1024);
    const handler = explorerHandler(explorerApi(this.queries, this.metrics), {
      metricsToken: o.metricsToken,
    });
    this.server =
      o.tls !== undefined
        ? createHttpsServer({ cert: o.tls.cert, key: o.tls.key }, (req, res) => void handler(req, res))
        : createHttpServer((req, res) => void handler(req, res));
    this.server.requestTimeout = 30_000;
    this.server.headersTimeout = 10_000;
    this.rpc = new RpcServer(
      rpcHandlers({ queries: this.queries, submit: this.submit }),
      { genesis: this.genesis, roleOf: roleOnChain(this.queries) },
      {
        maxFrameBytes: frameLimit,
        maxInFlight: o.rpcMaxInFlight,
        maxConnections: o.rpcMaxConnections,
        maxUnauthenticated: o.rpcMaxUnauthenticated,
        authTimeoutMs: o.rpcAuthTimeoutMs,
        idleTimeoutMs: o.rpcIdleTimeoutMs,
      },
      this.metrics,
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
    const router = new MessageRouter({
      chain: this.chain,
      genesis: this.genesis,
      mempool: this.mempool,
      peers: () => this.peers,
      relay: () => this.relay,
      sync: () => this.sync,
      acks: this.acks,
      metrics: this.metrics,
      discover: o.discover,
      onChainChanged: this.onChainChanged,
      onAcks: () => {
        this.waiters.check();
        this.tieBreaker?.consider();
      },
      fail: (e) => this.fail(e),
      log: this.log,
    });
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
        onReady: (peer) => router.onPeerReady(peer),
        onMessage: (peer, message) => router.onMessage(peer, message),
        onClose: (peer) => router.onPeerClosed(peer),
      },
      this.log,
    );
    const penalize = (peer: Peer, points: number, reason: string) =>
      this.peers.penalize(peer, points, reason);
    this.relay = new TxRelay({
      mempool: this.mempool,
      maxTxBytes: this.genesis.params.max_tx_bytes,
      onChain: (id) => this.chain.state.hasTx(id),
      readyPeers: () => this.peers.readyPeers,
      penalize,
      onAdded: () => this.onNewTx(),
    });
    this.sync = new HeaderSync<Peer>(this.chain, {
      sendGetHeaders: (peer, locator) => peer.send({ type: 'getheaders', locator }),
      sendHeaders: (peer, headers) => peer.send({ type: 'headers', headers }),
      requestBlocks: (peer, hashes) => peer.send({ type: 'getdata', txs: [], blocks: hashes }),
      penalize,
      now: () => Date.now(),
    });
    this.server.on('upgrade', (req, socket, head) => {
      const path = (req.url ?? '').split('?')[0];
      if (path === '/p2p') this.peers.handleUpgrade(req, socket, head);
      else if (path === '/rpc') this.rpc.handleUpgrade(req, socket, head);
      else socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
    });
    this.housekeeping = setInterval(() => {
      for (const peer of this.sync.checkStalls()) this.log.info({ peer: peer.label }, 'sync peer stalled');
      for (const peer of this.peers.readyPeers) this.sync.maybeSync(peer);
      this.relay.expireRequests();
    }, HOUSEKEEPING_MS);
    this.housekeeping.unref();

    this.acks.loadRecent();
    if (this.isValidator && o.mine) this.startMining();
    // The tip loaded from disk is durable: a validator acknowledges it.
    const ack = this.acks.sign(this.chain.tip);
    if (ack !== null) this.peers.broadcast({ type: 'acks', acks: [ack] });
    this.metrics.tipHeight.set(this.chain.height);
    for (const url of o.peers) this.peers.addConfigured(url);
  }

  private startMining(): void {
    this.miner = new Miner();
    this.tieBreaker = new TieBreaker({
      genesis: this.genesis,
      tip: () => this.chain.tip,
      latestAcks: () => this.acks.tracker.latest(),
      poke: () => this.mining?.poke(),
      log: this.log,
    });
    const tieBreaker = this.tieBreaker;
    this.mining = new MiningLoop({
      chain: this.chain,
      mempool: this.mempool,
      miner: this.miner,
      key: this.options.key,
      log: this.log,
      wantsBlock: () => tieBreaker.wantsBlock(),
      onBlock: async (block) => {
        let result: AddBlockResult;
        try {
          result = await this.chain.addBlock(block, { verifiedSignatures: this.mempool.verifiedSignatures });
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

  /** A transaction entered the mempool: metrics, and the miner may want a fresh template. */
  private onNewTx(): void {
    this.metrics.mempoolSize.set(this.mempool.size);
    this.mining?.poke();
  }

  private fail(e: Error): void {
    this.log.fatal({ err: e.message }, 'store write failed: the node stops');
    this.failWith(e);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.housekeeping !== null) clearInterval(this.housekeeping);
    this.relay.close();
    this.tieBreaker?.close();
    await this.mining?.stop();
    await this.miner?.close();
    this.rpc.close();
    await this.peers.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.waiters.close();
    await this.acks.flush();
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
