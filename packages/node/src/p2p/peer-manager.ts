/**
 * Connections to other nodes: accepting inbound WebSockets, opening the outbound ones that the
 * Dialer (dialer.ts) asks for, the hello / hello_ack handshake (same genesis and protocol, proof
 * of key possession), one connection per node key, bounded peer counts, and the discouragement
 * of misbehaving keys. Ready peers' messages go to the node's handlers.
 */

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Genesis, KeyPair, PublicKey } from '@chartproof/ledger';
import type { Logger } from 'pino';
import WebSocket, { WebSocketServer } from 'ws';
import { BanScores } from './ban-score.js';
import type { ProtocolError } from './codec.js';
import { Dialer } from './dialer.js';
import { answerChallenge, checkAnswer, newChallenge } from './handshake.js';
import { type Hello, type Message, PROTOCOL_VERSION } from './messages.js';
import { Peer, type PeerLimits } from './peer.js';

export interface PeerManagerOptions {
  readonly genesis: Genesis;
  readonly key: KeyPair;
  /** Our own ws:// or wss:// URL for peer exchange, or null. */
  readonly listenUrl: string | null;
  readonly maxInbound: number;
  readonly maxOutbound: number;
  readonly limits: PeerLimits;
  readonly reconnectBaseMs: number;
  readonly reconnectMaxMs: number;
  readonly backoffBaseMs: number;
  /** Whether plain ws:// may be dialled to a host other than loopback. */
  readonly allowPlaintextRemote: boolean;
  /** Extra CA certificates for wss:// peers (PEM). */
  readonly tlsCa?: string | Buffer;
  readonly agent: string;
  /** Told of every penalty charged, for metrics. */
  readonly onPenalty?: (points: number, reason: string) => void;
}

export interface NetworkHandlers {
  /** Our tip, for the hello. */
  tip(): { height: number; hash: string; work: bigint };
  onReady(peer: Peer): void;
  onMessage(peer: Peer, message: Message): Promise<void> | void;
  onClose(peer: Peer): void;
}

export class PeerManager {
  private readonly peers = new Set<Peer>();
  private readonly wss: WebSocketServer;
  private readonly bans: BanScores;
  private readonly dialer: Dialer;
  private closed = false;

  constructor(
    private readonly options: PeerManagerOptions,
    private readonly handlers: NetworkHandlers,
    private readonly log: Logger,
  ) {
    this.bans = new BanScores({ backoffBaseMs: options.backoffBaseMs });
    this.dialer = new Dialer(
      { ...options, isValidator: (key) => options.genesis.validators.has(key) },
      { readyPeers: () => this.readyPeers, open: (url) => this.open(url) },
      log,
    );
    // The frame cap is enforced by ws while it reads, so an oversized frame is never buffered whole.
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      maxPayload: options.limits.maxFrameBytes,
      perMessageDeflate: false,
    });
  }

  get readyPeers(): Peer[] {
    return [...this.peers].filter((p) => p.state === 'ready');
  }

  get count(): { inbound: number; outbound: number; ready: number } {
    let inbound = 0;
    let outbound = 0;
    for (const p of this.peers) p.direction === 'inbound' ? inbound++ : outbound++;
    return { inbound, outbound, ready: this.readyPeers.length };
  }

  /** Hands an HTTP upgrade on the P2P path to the WebSocket server. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const inbound = [...this.peers].filter((p) => p.direction === 'inbound').length;
    if (this.closed || inbound >= this.options.maxInbound) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const remote = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
      this.adopt(new Peer(ws, 'inbound', remote, this.options.limits, this.peerHandlers(), null));
    });
  }

  /** Dial targets by kind, for status and tests. */
  get targets(): { configured: string[]; learned: string[] } {
    return this.dialer.list;
  }

  get addresses(): Dialer['addresses'] {
    return this.dialer.addresses;
  }

  /** Keeps a connection to a configured peer's `url` for good. */
  addConfigured(url: string): void {
    if (!this.closed) this.dialer.addConfigured(url);
  }

  /** Addresses from a ready peer's `addr`. */
  learn(urls: readonly string[], source: Peer): void {
    if (!this.closed && source.key !== null) this.dialer.learn(urls, source.key);
  }

  broadcast(message: Message, except?: Peer): void {
    for (const p of this.readyPeers) if (p !== except) p.send(message);
  }

  /** Charges a peer for misbehaviour; at the threshold it is disconnected and discouraged. */
  penalize(peer: Peer, points: number, reason: string): void {
    this.options.onPenalty?.(points, reason);
    if (peer.key === null) {
      // Before the handshake there is no key to blame (all loopback peers share one address).
      peer.close(`protocol violation before handshake: ${reason}`, { code: 'protocol', reason });
      return;
    }
    const isValidator = this.options.genesis.validators.has(peer.key);
    const outcome = this.bans.penalize(peer.key, points, Date.now(), isValidator);
    this.log.warn({ peer: peer.label, points, score: outcome.score, reason }, 'peer misbehaved');
    if (outcome.discouragedUntil !== null) {
      const until = new Date(outcome.discouragedUntil).toISOString();
      if (isValidator) {
        this.log.error(
          { peer: peer.label, until, reason },
          'genesis validator discouraged: it will be re-admitted when the backoff ends; its operator should check that node',
        );
      } else {
        this.log.warn({ peer: peer.label, until, reason }, 'peer discouraged');
      }
      peer.close(`discouraged: ${reason}`, { code: 'discouraged', reason });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.dialer.close();
    for (const p of this.peers) p.close('node shutting down');
    this.wss.close();
  }

  private open(url: string): void {
    const ws = new WebSocket(`${url.replace(/\/$/, '')}/p2p`, {
      maxPayload: this.options.limits.maxFrameBytes,
      handshakeTimeout: this.options.limits.handshakeTimeoutMs,
      perMessageDeflate: false,
      ...(this.options.tlsCa !== undefined ? { ca: this.options.tlsCa } : {}),
    });
    const peer = new Peer(ws, 'outbound', url, this.options.limits, this.peerHandlers(), url);
    ws.once('open', () => this.adopt(peer));
  }

  private adopt(peer: Peer): void {
    this.peers.add(peer);
    peer.challenge = newChallenge();
    const tip = this.handlers.tip();
    const hello: Hello = {
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      genesis: this.options.genesis.hash,
      node_key: this.options.key.publicKey,
      challenge: peer.challenge,
      tip: { height: tip.height, hash: tip.hash as Hello['tip']['hash'], work: tip.work.toString(16) },
      listen: this.options.listenUrl,
      validator: this.options.genesis.validators.has(this.options.key.publicKey),
      agent: this.options.agent,
    };
    peer.send(hello);
    peer.helloSent = true;
  }

  private peerHandlers() {
    return {
      onMessage: (peer: Peer, message: Message) => this.onMessage(peer, message),
      onProtocolError: (peer: Peer, error: ProtocolError | Error) => this.penalize(peer, 100, error.message),
      onClose: (peer: Peer, reason: string) => {
        const wasReady = peer.key !== null;
        this.peers.delete(peer);
        this.log.debug({ peer: peer.label, reason }, 'peer disconnected');
        if (wasReady) this.handlers.onClose(peer);
        if (peer.url !== null) this.dialer.ended(peer);
        if (peer.key !== null) this.dialer.left(peer.key, peer.url);
      },
    };
  }

  private onMessage(peer: Peer, message: Message): Promise<void> | void {
    if (peer.state === 'ready') {
      if (message.type === 'hello' || message.type === 'hello_ack') {
        this.penalize(peer, 100, `${message.type} after the handshake`);
        return;
      }
      if (message.type === 'ping') return peer.send({ type: 'pong', nonce: message.nonce });
      if (message.type === 'pong') return peer.pong(message.nonce);
      if (message.type === 'reject') {
        this.log.warn({ peer: peer.label, code: message.code, reason: message.reason }, 'peer rejected us');
        return;
      }
      return this.handlers.onMessage(peer, message);
    }
    switch (message.type) {
      case 'hello':
        return this.onHello(peer, message);
      case 'hello_ack': {
        if (peer.hello === null) return this.penalize(peer, 100, 'hello_ack before hello');
        if (
          !checkAnswer(
            peer.hello.node_key,
            peer.challenge,
            this.options.key.publicKey,
            message.sig,
            this.options.genesis,
          )
        ) {
          // Never discourage the claimed key: an impostor could otherwise get a validator banned.
          peer.close('handshake signature does not prove the node key', {
            code: 'handshake',
            reason: 'bad signature',
          });
          return;
        }
        peer.helloAckReceived = true;
        return this.completeHandshake(peer);
      }
      case 'reject':
        this.log.warn(
          { peer: peer.label, code: message.code, reason: message.reason },
          'peer refused the handshake',
        );
        peer.close(`rejected by peer: ${message.reason}`);
        return;
      default:
        return this.penalize(peer, 100, `${message.type} before the handshake`);
    }
  }

  private onHello(peer: Peer, hello: Hello) {
    if (peer.hello !== null) return this.penalize(peer, 100, 'second hello');
    const refuse = (code: string, reason: string) => {
      this.log.info({ peer: peer.label, code, reason }, 'handshake refused');
      peer.close(`handshake refused: ${reason}`, { code, reason });
    };
    if (hello.protocol !== PROTOCOL_VERSION) {
      return refuse('protocol', `protocol version ${hello.protocol}, this node speaks ${PROTOCOL_VERSION}`);
    }
    if (hello.genesis !== this.options.genesis.hash) {
      return refuse(
        'genesis',
        `genesis ${hello.genesis} is another network (ours is ${this.options.genesis.hash})`,
      );
    }
    if (hello.node_key === this.options.key.publicKey) return refuse('self', 'connected to itself');
    const until = this.bans.discouragedUntil(hello.node_key, Date.now());
    if (until !== null) return refuse('discouraged', `discouraged until ${new Date(until).toISOString()}`);
    peer.hello = hello;
    peer.lastTip = { height: hello.tip.height, hash: hello.tip.hash, work: BigInt(`0x${hello.tip.work}`) };
    peer.send({
      type: 'hello_ack',
      sig: answerChallenge(this.options.key, hello.challenge, hello.node_key, this.options.genesis),
    });
    this.completeHandshake(peer);
  }

  private completeHandshake(peer: Peer): void {
    if (peer.hello === null || !peer.helloAckReceived || !peer.helloSent || peer.state !== 'handshaking')
      return;
    const key = peer.hello.node_key as PublicKey;
    if (peer.direction === 'outbound') this.dialer.proved(peer, key);
    // One connection per node: both sides keep the one dialled by the smaller key, so they agree.
    const dialer = (p: Peer) =>
      p.direction === 'outbound' ? this.options.key.publicKey : (p.hello!.node_key as string);
    const existing = this.readyPeers.find((p) => p.key === key);
    if (existing !== undefined) {
      const keepNew = dialer(peer) < dialer(existing);
      const drop = keepNew ? existing : peer;
      drop.close('duplicate connection');
      if (!keepNew) return;
    }
    peer.key = key;
    peer.markReady();
    this.log.info(
      { peer: peer.label, height: peer.hello.tip.height, validator: peer.hello.validator },
      'peer connected',
    );
    this.handlers.onReady(peer);
  }
}
