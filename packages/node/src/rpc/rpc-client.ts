/**
 * A client for the node RPC: one persistent WebSocket with request ids, reconnecting with backoff
 * when the node goes away; requests made while disconnected wait for the connection (up to their
 * timeout). Used by the API server, the benchmarks and the tests.
 */
import WebSocket from 'ws';

export class RpcClientError extends Error {
  override readonly name = 'RpcClientError';
  constructor(
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
}

export interface RpcClientOptions {
  /** Default per-request timeout. */
  readonly timeoutMs?: number;
  readonly reconnectMaxMs?: number;
  /** For wss:// nodes whose certificate is signed by a private CA. */
  readonly tls?: { readonly ca?: string | Buffer };
}

export class NodeRpcClient {
  private ws: WebSocket | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private attempt = 0;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    /** Base URL of the node, e.g. ws://127.0.0.1:5001 */
    readonly url: string,
    private readonly options: RpcClientOptions = {},
  ) {
    this.connect();
  }

  get connected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
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
        this.pending.delete(id);
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
      };
      this.pending.set(id, p);
      this.flush();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new RpcClientError('CLOSED', 'rpc client closed'));
    }
    this.pending.clear();
    const ws = this.ws;
    this.ws = null;
    if (ws !== null && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.terminate();
      });
    }
  }

  private flush(): void {
    const ws = this.ws;
    if (ws === null || ws.readyState !== WebSocket.OPEN) return;
    for (const p of this.pending.values()) {
      if (!p.sent) {
        ws.send(p.frame);
        p.sent = true;
      }
    }
  }

  private connect(): void {
    if (this.closed) return;
    const ws = new WebSocket(`${this.url.replace(/\/$/, '')}/rpc`, {
      ...(this.options.tls?.ca !== undefined ? { ca: this.options.tls.ca } : {}),
      perMessageDeflate: false,
      maxPayload: 64 * 1024 * 1024,
    });
    this.ws = ws;
    ws.on('open', () => {
      this.attempt = 0;
      this.flush();
    });
    ws.on('message', (data) => {
      let msg: { id?: unknown; result?: unknown; error?: { code: string; message: string } };
      try {
        msg = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (typeof msg.id !== 'number') return;
      const p = this.pending.get(msg.id);
      if (p === undefined) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error !== undefined) p.reject(new RpcClientError(msg.error.code, msg.error.message));
      else p.resolve(msg.result);
    });
    ws.on('error', () => {
      // 'close' follows and schedules the reconnect
    });
    ws.on('close', () => {
      if (this.ws === ws) this.ws = null;
      // Requests sent on the lost connection may or may not have been processed; resubmitting a
      // signed transaction is safe (same id), so they are sent again on the next connection.
      for (const p of this.pending.values()) p.sent = false;
      if (this.closed) return;
      const delay = Math.min(100 * 2 ** this.attempt++, this.options.reconnectMaxMs ?? 5000);
      this.reconnectTimer = setTimeout(() => this.connect(), delay);
      this.reconnectTimer.unref();
    });
  }
}
