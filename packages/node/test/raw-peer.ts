/**
 * A hand-driven connection to a node's /p2p endpoint for the hostile-peer tests: a real
 * WebSocket on 127.0.0.1 that speaks the protocol (or breaks it) by hand, with the real
 * handshake of any key the test chooses.
 */
import type { Genesis, KeyPair } from '@chartproof/ledger';
import WebSocket from 'ws';
import { answerChallenge, newChallenge } from '../src/p2p/handshake.js';
import type { Hello, Message } from '../src/p2p/messages.js';

export class RawPeer {
  readonly ws: WebSocket;
  readonly received: Message[] = [];
  readonly closed: Promise<{ code: number }>;
  private waiters: Array<() => void> = [];
  isClosed = false;

  constructor(
    url: string,
    private readonly genesis: Genesis,
  ) {
    this.ws = new WebSocket(`${url}/p2p`, { perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
    this.ws.on('message', (data) => {
      try {
        this.received.push(JSON.parse(data.toString()) as Message);
      } catch {
        // not ours to judge
      }
      for (const w of this.waiters) w();
    });
    this.ws.on('error', () => {});
    this.closed = new Promise((resolve) =>
      this.ws.on('close', (code) => {
        this.isClosed = true;
        for (const w of this.waiters) w();
        resolve({ code });
      }),
    );
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.ws.readyState === WebSocket.OPEN) resolve();
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }

  sendRaw(frame: string): void {
    this.ws.send(frame);
  }

  send(message: Message | Record<string, unknown>): void {
    this.ws.send(JSON.stringify(message));
  }

  /** The first message matching, waiting up to `ms`. */
  async next<T extends Message['type']>(type: T, ms = 3000): Promise<Extract<Message, { type: T }>> {
    const deadline = Date.now() + ms;
    for (;;) {
      const m = this.received.find((x) => x.type === type);
      if (m !== undefined) return m as Extract<Message, { type: T }>;
      if (this.isClosed) throw new Error(`closed before a ${type} arrived`);
      if (Date.now() > deadline) throw new Error(`no ${type} within ${ms} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
      this.waiters = [];
    }
  }

  /** Resolves when the node closes the socket; fails if it is still open after `ms`. */
  async expectClosed(ms = 4000): Promise<void> {
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms).unref(),
    );
    await Promise.race([this.closed, timeout]);
  }

  helloFor(key: KeyPair, overrides: Partial<Hello> = {}): Hello {
    return {
      type: 'hello',
      protocol: 1,
      genesis: this.genesis.hash,
      node_key: key.publicKey,
      challenge: newChallenge(),
      tip: { height: 0, hash: this.genesis.hash, work: '1' },
      listen: null,
      validator: this.genesis.validators.has(key.publicKey),
      agent: 'hostile-test',
      ...overrides,
    } as Hello;
  }

  /** The full handshake as `key`; resolves once the node treats us as a ready peer. */
  async handshake(key: KeyPair, overrides: Partial<Hello> = {}): Promise<void> {
    await this.opened();
    const theirs = await this.next('hello');
    this.send(this.helloFor(key, overrides));
    this.send({
      type: 'hello_ack',
      sig: answerChallenge(key, theirs.challenge, theirs.node_key, this.genesis),
    });
    await this.next('hello_ack');
    // A ready node asks for addresses first.
    await this.next('getaddr');
  }

  close(): void {
    this.ws.terminate();
  }
}
