/**
 * Test helper: a bare RPC connection to a node, with no client logic in the way, to play a
 * stranger or a misbehaving client: it sees the challenge frame, sends exactly the requests it is
 * told, and records how the node closed it.
 */
import WebSocket from 'ws';

export interface RpcAnswer {
  readonly id: number | string | null;
  readonly result?: unknown;
  readonly error?: { readonly code: string; readonly message: string };
}

export interface Challenge {
  readonly challenge: string;
  readonly genesis: string;
}

export class RawRpc {
  readonly ws: WebSocket;
  /** Resolves once the upgrade succeeded; rejects if the node refused it (503, say). */
  readonly opened: Promise<void>;
  readonly challenge: Promise<Challenge>;
  /** How and when the connection ended. */
  readonly closed: Promise<{ readonly code: number; readonly reason: string; readonly at: number }>;
  readonly startedAt = Date.now();
  private nextId = 1;
  private readonly waiting = new Map<number | string, (a: RpcAnswer) => void>();

  constructor(url: string) {
    this.ws = new WebSocket(`${url}/rpc`, { perMessageDeflate: false });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused: ${res.statusCode}`)),
      );
      this.ws.once('error', reject);
    });
    this.opened.catch(() => undefined);
    this.challenge = new Promise((resolve) => {
      this.ws.on('message', (data) => {
        const msg = JSON.parse(data.toString()) as RpcAnswer & { method?: string; params?: Challenge };
        if (msg.method === 'auth.challenge' && msg.params !== undefined) resolve(msg.params);
        else if (msg.id !== null && msg.id !== undefined) this.waiting.get(msg.id)?.(msg);
      });
    });
    this.closed = new Promise((resolve) => {
      this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString(), at: Date.now() }));
    });
  }

  /** Sends one request and waits for its answer. */
  call(method: string, params?: unknown): Promise<RpcAnswer> {
    return this.callAll([{ method, params }])[0]!;
  }

  /** Sends every request at once (one write each, no waiting between), then collects the answers. */
  callAll(requests: ReadonlyArray<{ method: string; params?: unknown }>): Promise<RpcAnswer>[] {
    return requests.map(({ method, params }) => {
      const id = this.nextId++;
      const answer = new Promise<RpcAnswer>((resolve) => this.waiting.set(id, resolve));
      this.ws.send(JSON.stringify({ id, method, ...(params !== undefined ? { params } : {}) }));
      return answer;
    });
  }

  close(): void {
    this.ws.terminate();
  }
}
