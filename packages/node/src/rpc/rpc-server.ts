/**
 * The client RPC endpoint: WebSocket connections on /rpc of the node's port, each carrying many
 * concurrent requests matched by id. Bounded frame size and requests in flight per connection;
 * a malformed request gets an error answer, never a crash.
 *
 * Every connection starts unauthenticated with a fresh challenge (rpc-auth.ts) and may prove a
 * key with `auth`. Strangers cannot hold the slots: unauthenticated connections have a cap of their
 * own (a new one evicts the oldest, so that holding slots takes a steady flood rather than a few
 * idle sockets) and must authenticate before a deadline; any connection idle for the idle timeout
 * is closed. A connection being closed gives its slot back at once.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type AccountRole, type Genesis, isLedgerError, type PublicKey } from '@chartproof/ledger';
import type { Logger } from 'pino';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Metrics } from '../metrics.js';
import { newChallenge } from '../p2p/handshake.js';
import { QueryError } from '../queries/node-queries.js';
import { dispatch, RpcError, RpcErrorCode, type RpcHandlers, RpcRequestSchema } from './methods.js';
import { AUTH_METHOD, AuthParamsSchema, authenticate, challengeFrame, RpcCloseCode } from './rpc-auth.js';

export interface RpcServerOptions {
  readonly maxFrameBytes: number;
  /** Requests in flight on one connection; beyond it a request gets OVERLOADED. */
  readonly maxInFlight: number;
  readonly maxConnections: number;
  /** Connections not (yet) authenticated, at most: a new one beyond it evicts the oldest. */
  readonly maxUnauthenticated: number;
  /** A connection that has not authenticated by then is closed. */
  readonly authTimeoutMs: number;
  /** A connection with nothing in flight that sends nothing for this long is closed. */
  readonly idleTimeoutMs: number;
}

export interface RpcAuthDeps {
  readonly genesis: Genesis;
  /** A key's role on the best chain, or null if it is not registered. */
  readonly roleOf: (key: PublicKey) => AccountRole | null;
}

const CLOSE_REASONS: Readonly<Record<number, string>> = {
  [RpcCloseCode.AUTH_DEADLINE]: 'auth_deadline',
  [RpcCloseCode.IDLE]: 'idle',
  [RpcCloseCode.AUTH_REFUSED]: 'auth_refused',
  [RpcCloseCode.EVICTED]: 'evicted',
};

/** Refused `auth` attempts one connection may make (one per key it holds, say) before it is closed. */
const MAX_AUTH_ATTEMPTS = 4;
/** A closed connection whose peer does not finish the closing handshake is dropped after this. */
const CLOSE_GRACE_MS = 2000;

interface Connection {
  readonly ws: WebSocket;
  readonly challenge: string;
  readonly opened: number;
  key: PublicKey | null;
  inFlight: number;
  lastActive: number;
  refusals: number;
  closing: boolean;
}

export class RpcServer {
  private readonly wss: WebSocketServer;
  /** Connections holding a slot, and those of them not authenticated (oldest first). */
  private readonly live = new Set<Connection>();
  private readonly unauthenticated = new Set<Connection>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly handlers: RpcHandlers,
    private readonly auth: RpcAuthDeps,
    private readonly options: RpcServerOptions,
    private readonly metrics: Pick<Metrics, 'rpcConnections' | 'rpcAuth' | 'rpcClosed'>,
    private readonly log: Logger,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxFrameBytes,
      perMessageDeflate: false,
    });
    // One timer for every deadline: a tenth of the shortest, so a deadline is kept to about 10 %.
    const every = Math.min(1000, Math.max(20, Math.min(options.authTimeoutMs, options.idleTimeoutMs) / 10));
    this.sweeper = setInterval(() => this.sweep(), every);
    this.sweeper.unref();
  }

  /** Connections holding a slot: `authenticated` have proven a key. */
  get connections(): { readonly authenticated: number; readonly unauthenticated: number } {
    return {
      authenticated: this.live.size - this.unauthenticated.size,
      unauthenticated: this.unauthenticated.size,
    };
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.live.size >= this.options.maxConnections) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  private accept(ws: WebSocket): void {
    const now = Date.now();
    const conn: Connection = {
      ws,
      challenge: newChallenge(),
      opened: now,
      key: null,
      inFlight: 0,
      lastActive: now,
      refusals: 0,
      closing: false,
    };
    this.live.add(conn);
    this.unauthenticated.add(conn);
    if (this.unauthenticated.size > this.options.maxUnauthenticated) {
      const oldest = this.unauthenticated.values().next().value!;
      this.shut(oldest, RpcCloseCode.EVICTED, 'too many unauthenticated connections');
    }
    this.counted();
    ws.on('close', () => this.release(conn));
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => this.receive(conn, data, isBinary));
    ws.send(JSON.stringify(challengeFrame(conn.challenge, this.auth.genesis)));
  }

  private receive(conn: Connection, data: WebSocket.RawData, isBinary: boolean): void {
    if (conn.closing) return;
    conn.lastActive = Date.now();
    let request: { id: number | string; method: string; params?: unknown };
    try {
      if (isBinary) throw new Error('binary frames are not accepted');
      const r = RpcRequestSchema.safeParse(JSON.parse(data.toString()));
      if (!r.success)
        throw new Error(
          `request ${r.error.issues[0]?.path.join('.') || '(root)'}: ${r.error.issues[0]?.message}`,
        );
      request = r.data;
    } catch (e) {
      reply(conn, { id: null, error: { code: RpcErrorCode.BAD_REQUEST, message: (e as Error).message } });
      return;
    }
    if (request.method === AUTH_METHOD) {
      this.authenticate(conn, request.id, request.params);
      return;
    }
    if (conn.inFlight >= this.options.maxInFlight) {
      reply(conn, {
        id: request.id,
        error: {
          code: RpcErrorCode.OVERLOADED,
          message: `more than ${this.options.maxInFlight} requests in flight`,
        },
      });
      return;
    }
    conn.inFlight++;
    dispatch(this.handlers, request.method, request.params, { authenticated: conn.key !== null })
      .then((result) => reply(conn, { id: request.id, result }))
      .catch((e: unknown) => {
        if (e instanceof RpcError || e instanceof QueryError || isLedgerError(e)) {
          reply(conn, { id: request.id, error: { code: e.code, message: e.message } });
        } else {
          this.log.error({ err: (e as Error)?.stack, method: request.method }, 'rpc handler failed');
          reply(conn, { id: request.id, error: { code: RpcErrorCode.INTERNAL, message: 'internal error' } });
        }
      })
      .finally(() => {
        conn.inFlight--;
        conn.lastActive = Date.now();
      });
  }

  private authenticate(conn: Connection, id: number | string, params: unknown): void {
    if (conn.key !== null) {
      reply(conn, {
        id,
        error: { code: RpcErrorCode.BAD_REQUEST, message: `this connection is already authenticated` },
      });
      return;
    }
    const parsed = AuthParamsSchema.safeParse(params ?? {});
    try {
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new RpcError(
          RpcErrorCode.BAD_REQUEST,
          `params.${issue.path.join('.') || '(root)'}: ${issue.message}`,
        );
      }
      const result = authenticate(parsed.data, conn.challenge, this.auth.genesis, this.auth.roleOf);
      conn.key = result.key;
      this.unauthenticated.delete(conn);
      this.counted();
      this.metrics.rpcAuth.inc({ result: 'accepted' });
      this.log.info({ key: result.key.slice(0, 16), role: result.role }, 'rpc client authenticated');
      reply(conn, { id, result });
    } catch (e) {
      if (!(e instanceof RpcError)) throw e;
      conn.refusals++;
      this.metrics.rpcAuth.inc({ result: e.code });
      this.log.debug({ code: e.code }, 'rpc authentication refused');
      reply(conn, { id, error: { code: e.code, message: e.message } });
      if (conn.refusals >= MAX_AUTH_ATTEMPTS)
        this.shut(conn, RpcCloseCode.AUTH_REFUSED, `${MAX_AUTH_ATTEMPTS} authentication attempts refused`);
    }
  }

  /** Closes the connections past their deadline: authentication for strangers, idleness for all. */
  private sweep(): void {
    const now = Date.now();
    for (const conn of this.live) {
      if (conn.key === null && now - conn.opened >= this.options.authTimeoutMs) {
        this.shut(
          conn,
          RpcCloseCode.AUTH_DEADLINE,
          `not authenticated within ${this.options.authTimeoutMs} ms`,
        );
      } else if (conn.inFlight === 0 && now - conn.lastActive >= this.options.idleTimeoutMs) {
        this.shut(conn, RpcCloseCode.IDLE, `idle for ${this.options.idleTimeoutMs} ms`);
      }
    }
  }

  /** Starts a closing handshake; the slot is free at once, the socket dropped if the peer stalls. */
  private shut(conn: Connection, code: number, reason: string): void {
    if (conn.closing) return;
    conn.closing = true;
    this.release(conn);
    this.metrics.rpcClosed.inc({ reason: CLOSE_REASONS[code] ?? String(code) });
    conn.ws.close(code, reason);
    setTimeout(() => conn.ws.terminate(), CLOSE_GRACE_MS).unref();
  }

  private release(conn: Connection): void {
    if (!this.live.delete(conn)) return;
    this.unauthenticated.delete(conn);
    this.counted();
  }

  private counted(): void {
    const c = this.connections;
    this.metrics.rpcConnections.set({ state: 'authenticated' }, c.authenticated);
    this.metrics.rpcConnections.set({ state: 'unauthenticated' }, c.unauthenticated);
  }
}

function reply(conn: Connection, msg: unknown): void {
  if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(JSON.stringify(msg));
}
