/**
 * A client for the node RPC: one persistent WebSocket with request ids, to the first node of a
 * list that answers. When the connection drops or a connect fails it moves on to the next URL
 * (round robin), backing off once every URL has failed in a row. Requests in flight on a lost
 * connection are sent again on the next one: resubmitting a signed transaction is idempotent on
 * the node (same transaction id). A request that cannot be sent because no node has been
 * reachable for `unavailableAfterMs` fails with UNAVAILABLE instead of waiting for its full
 * timeout, so a caller (the API server) can answer at once. Used by the API server, the
 * benchmarks and the tests.
 *
 * Given `auth`, it answers every connection's challenge with a key the chain accepts (rpc-auth.ts)
 * before it sends anything: the keys are asked for at each connect, tried in order on the same
 * connection, and a node that refuses them all counts as a failed connect (the next URL is tried).
 * A node of another network is not sent a proof; its connection stays unauthenticated.
 * After the node closes an idle connection (or a keyless one at its authentication deadline) the
 * client connects again only when it has something to send.
 */
import type { Genesis, KeyPair } from '@chartproof/ledger';
import WebSocket from 'ws';
import { AUTH_METHOD, authParams, ChallengeFrameSchema, RpcCloseCode } from './rpc-auth.js';

export class RpcClientError extends Error {
  override readonly name = 'RpcClientError';
  constructor(
    /** TIMEOUT, UNAVAILABLE, CLOSED, or the node's error code (RPC `error.code`). */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Pending {
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: Error) => void;
  readonly timer: NodeJS.Timeout;
  readonly frame: string;
  sent: boolean;
  /** Runs while the request waits for a connection: UNAVAILABLE when it fires. */
  unavailable: NodeJS.Timeout | null;
}

export interface RpcClientAuth {
  /** The network: a proof is bound to its genesis hash, and a node on another network is refused. */
  readonly genesis: Pick<Genesis, 'hash' | 'hashBytes'>;
  /** The key to prove, or the keys in order of preference, asked for at every connect. */
  readonly key: KeyPair | (() => readonly KeyPair[]);
}

export interface RpcClientOptions {
  /** Default per-request timeout. */
  readonly timeoutMs?: number;
  /** Longest wait between connect attempts once every URL has failed. */
  readonly reconnectMaxMs?: number;
  /** How long a request waits unsent, with no node reachable, before UNAVAILABLE (default 5000). */
  readonly unavailableAfterMs?: number;
  /** A connect (TCP and WebSocket upgrade) that takes longer counts as failed (default 3000). */
  readonly connectTimeoutMs?: number;
  /** For wss:// nodes whose certificate is signed by a private CA. */
  readonly tls?: { readonly ca?: string | Buffer };
  /** Authenticate every connection (needed for `submit` and every query by key, record or tx). */
  readonly auth?: RpcClientAuth;
}

const FIRST_BACKOFF_MS = 100;
/** The id of the client's own `auth` request; calls have numeric ids. */
const AUTH_ID = 'auth';
/** Closes after which a client with nothing to send stays disconnected (rpc-auth.ts). */
const QUIET_CLOSES: ReadonlySet<number> = new Set([
  RpcCloseCode.IDLE,
  RpcCloseCode.AUTH_DEADLINE,
  RpcCloseCode.EVICTED,
]);

export class NodeRpcClient {
  /** The nodes, tried in this order, round robin. */
  readonly urls: readonly string[];
  private index = 0;
  private ws: WebSocket | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Connect attempts that failed since a connection last opened. */
  private failures = 0;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly unavailableAfterMs: number;
  /** The connection is open and, with `auth`, authenticated: requests may be sent. */
  private ready = false;
  /** Why the last connection that opened could not be used (refused authentication, say). */
  private lastRefusal: string | null = null;

  constructor(
    /** Base URL(s) of the node(s), e.g. ws://127.0.0.1:5001 */
    urls: string | readonly string[],
    private readonly options: RpcClientOptions = {},
  ) {
    this.urls = Object.freeze(typeof urls === 'string' ? [urls] : [...urls]);
    if (this.urls.length === 0) throw new RangeError('"urls" expected at least one node URL, got none');
    this.unavailableAfterMs = options.unavailableAfterMs ?? 5000;
    this.connect();
  }

  /** The URL currently connected, or being tried. */
  get url(): string {
    return this.urls[this.index]!;
  }

  /** Open and, with `auth`, authenticated. */
  get connected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN && this.ready;
  }

  call<T = unknown>(
    method: string,
    params: unknown = {},
    timeoutMs = this.options.timeoutMs ?? 70_000,
  ): Promise<T> {
    if (this.closed) return Promise.reject(new RpcClientError('CLOSED', 'rpc client is closed'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(id);
        reject(
          new RpcClientError('TIMEOUT', `${method} got no answer from ${this.url} within ${timeoutMs} ms`),
        );
      }, timeoutMs);
      const p: Pending = {
        resolve: resolve as (v: unknown) => void,
        reject,
        timer,
        frame: JSON.stringify({ id, method, params }),
        sent: false,
        unavailable: null,
      };
      this.pending.set(id, p);
      if (this.ws === null && this.reconnectTimer === null) this.connect();
      this.flush();
      if (!p.sent) this.awaitNode(id, p);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    for (const [id, p] of [...this.pending]) {
      this.settle(id);
      p.reject(new RpcClientError('CLOSED', 'rpc client closed'));
    }
    const ws = this.ws;
    this.ws = null;
    if (ws !== null && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.terminate();
      });
    }
  }

  /** Forgets a request and stops its timers; the caller settles its promise. */
  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    if (p === undefined) return undefined;
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (p.unavailable !== null) clearTimeout(p.unavailable);
    return p;
  }

  /** Starts the UNAVAILABLE clock of a request that waits for a connection. */
  private awaitNode(id: number, p: Pending): void {
    if (p.unavailable !== null) return;
    p.unavailable = setTimeout(() => {
      p.unavailable = null;
      if (p.sent || this.settle(id) === undefined) return;
      const why = this.lastRefusal !== null ? ` (${this.lastRefusal})` : '';
      p.reject(
        new RpcClientError(
          'UNAVAILABLE',
          `no chain node answered at ${this.urls.join(', ')} within ${this.unavailableAfterMs} ms${why}`,
        ),
      );
    }, this.unavailableAfterMs);
  }

  private flush(): void {
    const ws = this.ws;
    if (ws === null || ws.readyState !== WebSocket.OPEN || !this.ready) return;
    for (const p of this.pending.values()) {
      if (p.sent) continue;
      ws.send(p.frame);
      p.sent = true;
      if (p.unavailable !== null) clearTimeout(p.unavailable);
      p.unavailable = null;
    }
  }

  private connect(): void {
    if (this.closed) return;
    const url = this.url;
    const ws = new WebSocket(`${url.replace(/\/$/, '')}/rpc`, {
      ...(this.options.tls?.ca !== undefined ? { ca: this.options.tls.ca } : {}),
      perMessageDeflate: false,
      maxPayload: 64 * 1024 * 1024,
      // Without it a host that drops packets would hold the client on one URL for minutes.
      handshakeTimeout: this.options.connectTimeoutMs ?? 3000,
    });
    this.ws = ws;
    this.ready = false;
    let usable = false;
    /** Keys not yet tried on this connection, with `auth`. */
    let keys: KeyPair[] = [];
    let challenge = '';
    const refuse = (why: string) => {
      this.lastRefusal = `${url}: ${why}`;
      ws.terminate();
    };
    const becomeReady = () => {
      usable = true;
      this.ready = true;
      this.failures = 0;
      this.lastRefusal = null;
      this.flush();
    };
    const prove = () => {
      const key = keys.shift()!;
      let params: ReturnType<typeof authParams>;
      try {
        params = authParams(key, challenge, this.options.auth!.genesis.hashBytes);
      } catch (e) {
        return refuse(`cannot sign with key ${key.publicKey}: ${(e as Error).message}`);
      }
      ws.send(JSON.stringify({ id: AUTH_ID, method: AUTH_METHOD, params }));
    };
    // A node that sends no challenge (or answers no auth) in time is treated like one that does
    // not answer.
    let authTimer: NodeJS.Timeout | null = null;
    ws.on('open', () => {
      if (this.options.auth === undefined) {
        becomeReady();
        return;
      }
      authTimer = setTimeout(
        () => refuse('no authentication answer in time'),
        this.options.connectTimeoutMs ?? 3000,
      );
    });
    ws.on('message', (data) => {
      const auth = this.options.auth;
      if (auth === undefined || usable) {
        this.receive(data);
        return;
      }
      const msg = parseFrame(data);
      if (msg === null) return;
      if (msg.method !== undefined) {
        const frame = ChallengeFrameSchema.safeParse(msg);
        if (!frame.success) return refuse('malformed authentication challenge');
        if (frame.data.params.genesis !== auth.genesis.hash) {
          // No key is proven on another network. The connection serves what a stranger gets, so
          // that `status` still names the node's network (the API's network check reads it).
          if (authTimer !== null) clearTimeout(authTimer);
          becomeReady();
          return;
        }
        challenge = frame.data.params.challenge;
        try {
          keys = typeof auth.key === 'function' ? [...auth.key()] : [auth.key];
        } catch (e) {
          return refuse(`no key to authenticate with: ${(e as Error).message}`);
        }
        if (keys.length === 0) return refuse('no key to authenticate with');
        prove();
        return;
      }
      if (msg.id !== AUTH_ID) return;
      const error = errorOf(msg);
      if (error === null) {
        if (authTimer !== null) clearTimeout(authTimer);
        becomeReady();
      } else if (keys.length > 0) {
        prove();
      } else {
        refuse(`authentication refused: ${error.code} ${error.message}`);
      }
    });
    ws.on('error', () => {
      // 'close' follows and moves on to the next URL
    });
    ws.on('close', (code) => {
      if (authTimer !== null) clearTimeout(authTimer);
      if (this.ws === ws) {
        this.ws = null;
        this.ready = false;
      }
      // Requests sent on the lost connection may or may not have been processed; resubmitting a
      // signed transaction is safe (same id), so they are sent again on the next connection.
      for (const [id, p] of this.pending) {
        if (!p.sent) continue;
        p.sent = false;
        this.awaitNode(id, p);
      }
      if (this.closed) return;
      // The node closed a connection it had no use for: connect again when there is a request.
      if (usable && QUIET_CLOSES.has(code) && this.pending.size === 0) return;
      if (!usable) this.failures++;
      this.index = (this.index + 1) % this.urls.length;
      // The next node is tried at once, until every one has failed in a row: then each attempt
      // waits, doubling per failed round, so that a network that is down is not hammered.
      const rounds = Math.floor(this.failures / this.urls.length);
      const delay =
        rounds === 0
          ? 0
          : Math.min(FIRST_BACKOFF_MS * 2 ** (rounds - 1), this.options.reconnectMaxMs ?? 5000);
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null;
        this.connect();
      }, delay);
      this.reconnectTimer.unref();
    });
  }

  private receive(data: WebSocket.RawData): void {
    const msg = parseFrame(data);
    if (msg === null || typeof msg.id !== 'number') return;
    const p = this.settle(msg.id);
    if (p === undefined) return;
    const error = errorOf(msg);
    if (error !== null) p.reject(error);
    else p.resolve(msg.result);
  }
}

interface Frame {
  readonly id?: unknown;
  readonly method?: unknown;
  readonly result?: unknown;
  readonly error?: unknown;
}

/** The node's `error` answer, or null if the frame answers with a result. */
function errorOf(msg: Frame): RpcClientError | null {
  if (msg.error === undefined) return null;
  const e = (typeof msg.error === 'object' && msg.error !== null ? msg.error : {}) as {
    code?: unknown;
    message?: unknown;
  };
  return new RpcClientError(String(e.code ?? 'INTERNAL'), String(e.message ?? 'error without a message'));
}

/** A node's frame as an object, or null for anything else (a node's bytes never throw here). */
function parseFrame(data: WebSocket.RawData): Frame | null {
  try {
    const msg: unknown = JSON.parse(data.toString());
    return typeof msg === 'object' && msg !== null ? (msg as Frame) : null;
  } catch {
    return null;
  }
}
