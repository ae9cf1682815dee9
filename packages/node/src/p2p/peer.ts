/**
 * One connection to another node over a WebSocket: the handshake, an inbound queue processed one
 * message at a time (a block is validated before the next message is read), a bounded send
 * buffer, and keep-alive pings. It knows nothing of the chain: it hands messages to the
 * `PeerHandlers` it was given and reports protocol faults to them.
 */
import type { PublicKey } from '@chartproof/ledger';
import type WebSocket from 'ws';
import { decodeMessage, encodeMessage, ProtocolError } from './codec.js';
import type { Hello, Message } from './messages.js';

export type PeerState = 'handshaking' | 'ready' | 'closed';

export interface PeerLimits {
  readonly maxFrameBytes: number;
  /** Messages waiting to be processed; beyond it the peer is flooding. */
  readonly maxQueue: number;
  /** Bytes waiting to be sent; beyond it the peer is too slow to keep. */
  readonly maxSendBuffer: number;
  readonly handshakeTimeoutMs: number;
  readonly pingIntervalMs: number;
}

export interface PeerHandlers {
  onMessage(peer: Peer, message: Message): Promise<void> | void;
  /** A frame that could not be decoded, or a queue overflow: the peer is at fault. */
  onProtocolError(peer: Peer, error: ProtocolError | Error): void;
  onClose(peer: Peer, reason: string): void;
}

let nextPeerId = 1;

export class Peer {
  readonly id = nextPeerId++;
  state: PeerState = 'handshaking';
  /** Set once the handshake is complete. */
  key: PublicKey | null = null;
  hello: Hello | null = null;
  /** The challenge we sent; the peer must sign it. */
  challenge = '';
  helloSent = false;
  helloAckReceived = false;
  lastTip: { height: number; hash: string; work: bigint } = { height: 0, hash: '', work: 0n };
  /** Free-form per-peer state of the subsystems (sync progress, inventory already known). */
  readonly known = new Set<string>();
  private readonly queue: Message[] = [];
  private processing = false;
  private closeReason = '';
  private pingTimer: NodeJS.Timeout | null = null;
  private handshakeTimer: NodeJS.Timeout | null = null;
  private awaitingPong: number | null = null;

  constructor(
    readonly ws: WebSocket,
    readonly direction: 'inbound' | 'outbound',
    readonly remote: string,
    private readonly limits: PeerLimits,
    private readonly handlers: PeerHandlers,
    /** The URL we dialled, for outbound peers. */
    readonly url: string | null = null,
  ) {
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    ws.on('close', (code, reason) =>
      this.closed(`socket closed (${code}${reason.length ? ` ${reason}` : ''})`),
    );
    ws.on('error', (err) => {
      if ((err as { code?: string }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        // ws stopped reading a frame over maxPayload: a protocol fault, charged like any other.
        this.handlers.onProtocolError(
          this,
          new ProtocolError('FRAME_TOO_LARGE', `frame exceeds ${limits.maxFrameBytes} bytes`),
        );
      }
      this.closed(`socket error: ${err.message}`);
    });
    this.handshakeTimer = setTimeout(() => {
      if (this.state === 'handshaking') this.close('handshake timed out');
    }, limits.handshakeTimeoutMs);
  }

  get label(): string {
    return this.key === null ? `${this.direction} ${this.remote}` : `${this.key.slice(0, 12)}@${this.remote}`;
  }

  send(message: Message): void {
    if (this.state === 'closed') return;
    if (this.ws.bufferedAmount > this.limits.maxSendBuffer) {
      this.close(`send buffer over ${this.limits.maxSendBuffer} bytes: peer too slow`);
      return;
    }
    this.ws.send(encodeMessage(message));
  }

  markReady(): void {
    this.state = 'ready';
    if (this.handshakeTimer !== null) clearTimeout(this.handshakeTimer);
    this.handshakeTimer = null;
    this.pingTimer = setInterval(() => this.keepAlive(), this.limits.pingIntervalMs);
    this.pingTimer.unref();
  }

  /** Ends the connection; `reject` is sent first so an honest peer's operator sees why. */
  close(reason: string, reject?: { code: string; reason: string }): void {
    if (this.state === 'closed') return;
    if (reject !== undefined) {
      try {
        this.ws.send(
          encodeMessage({ type: 'reject', code: reject.code, reason: reject.reason.slice(0, 500) }),
        );
      } catch {
        // the socket is going away anyway
      }
    }
    this.closeReason = reason;
    this.ws.close(1008, reason.slice(0, 120));
    // A peer that does not complete the close handshake is cut off.
    setTimeout(() => this.ws.terminate(), 2000).unref();
    this.closed(reason);
  }

  pong(nonce: number): void {
    if (this.awaitingPong === nonce) this.awaitingPong = null;
  }

  private keepAlive(): void {
    if (this.awaitingPong !== null) {
      this.close('no pong within a ping interval');
      return;
    }
    this.awaitingPong = Math.floor(Math.random() * 2 ** 31);
    this.send({ type: 'ping', nonce: this.awaitingPong });
  }

  private receive(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.state === 'closed') return;
    if (isBinary) {
      this.handlers.onProtocolError(
        this,
        new ProtocolError('BINARY_FRAME', 'binary frames are not part of the protocol'),
      );
      return;
    }
    let message: Message;
    try {
      message = decodeMessage(data.toString(), this.limits.maxFrameBytes);
    } catch (e) {
      this.handlers.onProtocolError(this, e as Error);
      return;
    }
    if (this.queue.length >= this.limits.maxQueue) {
      this.handlers.onProtocolError(
        this,
        new Error(`more than ${this.limits.maxQueue} messages queued: flooding`),
      );
      return;
    }
    this.queue.push(message);
    if (!this.processing) void this.drain();
  }

  private async drain(): Promise<void> {
    this.processing = true;
    while (this.queue.length > 0 && this.state !== 'closed') {
      const message = this.queue.shift()!;
      try {
        await this.handlers.onMessage(this, message);
      } catch (e) {
        this.handlers.onProtocolError(this, e as Error);
      }
    }
    this.processing = false;
  }

  private closed(reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    if (this.handshakeTimer !== null) clearTimeout(this.handshakeTimer);
    this.queue.length = 0;
    this.handlers.onClose(this, this.closeReason || reason);
  }
}
