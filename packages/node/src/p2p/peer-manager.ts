/**
 * Connections to other nodes: accepting inbound WebSockets, dialling the configured and
 * discovered peers with exponential backoff, the hello / hello_ack handshake (same genesis and
 * protocol, proof of key possession), one connection per node key, bounded peer counts, and the
 * discouragement of misbehaving keys. Ready peers' messages go to the node's handlers.
 *
 * Nothing a peer says about addresses is believed: a URL counts as connected only while a
 * connection we dialled there is ready, or while the key that answered our last dial there is
 * connected (a `hello.listen` claim proves nothing). Configured peers are dialled for good and
 * have their own outbound slots; learned addresses (the address book) get the slots left.
 */

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Genesis, KeyPair, PublicKey } from '@chartproof/ledger';
import type { Logger } from 'pino';
import WebSocket, { WebSocketServer } from 'ws';
import { AddressBook } from './address-book.js';
import { BanScores } from './ban-score.js';
import type { ProtocolError } from './codec.js';
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

/** A URL we keep dialling. */
interface DialTarget {
  readonly url: string;
  /** `configured` (--peers) is dialled for good; `learned` comes from the address book. */
  kind: 'configured' | 'learned';
  attempt: number;
  timer: NodeJS.Timeout | null;
  /** The key that completed the handshake on our last dial here: who is at this URL. */
  provenKey: PublicKey | null;
}

export class PeerManager {
  private readonly peers = new Set<Peer>();
  private readonly wss: WebSocketServer;
  private readonly bans: BanScores;
  private readonly dialTargets = new Map<string, DialTarget>();
  readonly addresses = new AddressBook();
  /** Outbound peers whose handshake completed, even if then closed as a duplicate. */
  private readonly proven = new WeakSet<Peer>();
  private closed = false;

  constructor(
    private readonly options: PeerManagerOptions,
    private readonly handlers: NetworkHandlers,
    private readonly log: Logger,
  ) {
    this.bans = new BanScores({ backoffBaseMs: options.backoffBaseMs });
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
    const of = (kind: DialTarget['kind']) =>
      [...this.dialTargets.values()].filter((t) => t.kind === kind).map((t) => t.url);
    return { configured: of('configured'), learned: of('learned') };
  }

  /** Keeps a connection to a configured peer's `url` for good, redialling with backoff. */
  addConfigured(url: string): void {
    if (this.closed || !this.dialable(url)) return;
    const existing = this.dialTargets.get(url);
    if (existing !== undefined) {
      existing.kind = 'configured';
      return;
    }
    this.addresses.drop(url, Date.now());
    this.dialTargets.set(url, { url, kind: 'configured', attempt: 0, timer: null, provenKey: null });
    this.dial(url);
  }

  /** Addresses from a ready peer's `addr`: into the address book, dialled in the slots left. */
  learn(urls: readonly string[], source: Peer): void {
    if (this.closed || source.key === null) return;
    const now = Date.now();
    for (const url of urls) {
      if (this.dialTargets.has(url) || url === this.options.listenUrl || !this.dialable(url, false)) continue;
      this.addresses.learn(url, source.key, now);
    }
    this.fillLearnedSlots();
  }

  private dialable(url: string, warn = true): boolean {
    if (url === this.options.listenUrl) return false;
    if (!this.options.allowPlaintextRemote && url.startsWith('ws://') && !isLoopbackUrl(url)) {
      if (warn) {
        this.log.warn(
          { url },
          'refusing plain ws:// to a remote host: use wss:// (or --allow-plaintext-remote)',
        );
      }
      return false;
    }
    return true;
  }

  /** Dials the best learned addresses while outbound slots are left over by the other targets. */
  private fillLearnedSlots(): void {
    const free = this.options.maxOutbound - this.dialTargets.size;
    if (this.closed || free <= 0) return;
    for (const url of this.addresses.candidates((u) => this.dialTargets.has(u)).slice(0, free)) {
      this.dialTargets.set(url, { url, kind: 'learned', attempt: 0, timer: null, provenKey: null });
      this.dial(url);
    }
  }

  /** Stops dialling a learned address (dropped from the book) and gives its slot to another. */
  private retire(url: string): void {
    const target = this.dialTargets.get(url);
    if (target === undefined || target.kind !== 'learned') return;
    if (target.timer !== null) clearTimeout(target.timer);
    this.dialTargets.delete(url);
    this.fillLearnedSlots();
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
    for (const t of this.dialTargets.values()) if (t.timer !== null) clearTimeout(t.timer);
    this.dialTargets.clear();
    for (const p of this.peers) p.close('node shutting down');
    this.wss.close();
  }

  /** Whether the node at the target's URL is connected, by our dial or by its proven key. */
  private reaches(target: DialTarget): boolean {
    return this.readyPeers.some(
      (p) => p.url === target.url || (target.provenKey !== null && p.key === target.provenKey),
    );
  }

  private dial(url: string): void {
    const target = this.dialTargets.get(url);
    if (this.closed || target === undefined) return;
    if (this.reaches(target)) {
      this.scheduleRedial(target, false);
      return;
    }
    const ws = new WebSocket(`${url.replace(/\/$/, '')}/p2p`, {
      maxPayload: this.options.limits.maxFrameBytes,
      handshakeTimeout: this.options.limits.handshakeTimeoutMs,
      perMessageDeflate: false,
      ...(this.options.tlsCa !== undefined ? { ca: this.options.tlsCa } : {}),
    });
    const peer = new Peer(ws, 'outbound', url, this.options.limits, this.peerHandlers(), url);
    ws.once('open', () => this.adopt(peer));
  }

  /**
   * Dials again after a backoff: a failed dial doubles it; a target already reached is checked
   * again after the longest backoff.
   */
  private scheduleRedial(target: DialTarget, failed: boolean): void {
    if (this.closed || target.timer !== null || this.dialTargets.get(target.url) !== target) return;
    target.attempt = failed ? target.attempt + 1 : 0;
    const delay = failed
      ? Math.min(
          this.options.reconnectBaseMs * 2 ** Math.min(target.attempt, 16),
          this.options.reconnectMaxMs,
        )
      : this.options.reconnectMaxMs;
    // Jitter keeps three nodes restarted together from redialling in lockstep.
    target.timer = setTimeout(
      () => {
        target.timer = null;
        this.dial(target.url);
      },
      delay * (0.75 + Math.random() * 0.5),
    );
    target.timer.unref();
  }

  /** An outbound connection ended: redial, or count a failed dial against a learned address. */
  private onDialEnded(peer: Peer): void {
    const target = peer.url === null ? undefined : this.dialTargets.get(peer.url);
    if (target === undefined) return;
    if (
      !this.proven.has(peer) &&
      target.kind === 'learned' &&
      this.addresses.failed(target.url, Date.now())
    ) {
      this.log.debug({ url: target.url }, 'learned address failed repeatedly: dropped');
      this.retire(target.url);
      return;
    }
    this.scheduleRedial(target, true);
  }

  /** A ready peer left: the targets proven to be that key are redialled now, not at their next check. */
  private redialTargetsOf(key: PublicKey, except: string | null): void {
    for (const t of this.dialTargets.values()) {
      if (t.provenKey !== key || t.url === except || t.timer === null) continue;
      clearTimeout(t.timer);
      t.timer = null;
      t.attempt = 0;
      this.scheduleRedial(t, true);
    }
  }

  /**
   * Our dial to `peer.url` completed the handshake with `key`: that key is now who is at the
   * URL. A learned address that reaches a key some other target already reaches only takes a
   * slot, so it is dropped.
   */
  private proveTarget(peer: Peer, key: PublicKey): void {
    const target = peer.url === null ? undefined : this.dialTargets.get(peer.url);
    if (target === undefined) return;
    this.proven.add(peer);
    target.attempt = 0;
    target.provenKey = key;
    const now = Date.now();
    const twins = [...this.dialTargets.values()].filter((t) => t !== target && t.provenKey === key);
    if (target.kind === 'learned' && twins.length > 0) {
      this.addresses.drop(target.url, now);
      this.retire(target.url);
      return;
    }
    for (const t of twins) {
      if (t.kind !== 'learned') continue;
      this.addresses.drop(t.url, now);
      this.retire(t.url);
    }
    if (target.kind === 'learned') {
      const isValidator = this.options.genesis.validators.has(key);
      for (const moved of this.addresses.succeeded(target.url, key, isValidator, now)) this.retire(moved);
    }
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
        if (peer.url !== null) this.onDialEnded(peer);
        if (peer.key !== null && !this.closed) this.redialTargetsOf(peer.key, peer.url);
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
    if (peer.direction === 'outbound') this.proveTarget(peer, key);
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

function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);
  } catch {
    return false;
  }
}
