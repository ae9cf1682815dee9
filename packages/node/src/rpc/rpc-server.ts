/**
 * The client RPC endpoint: WebSocket connections on /rpc of the node's port, each carrying many
 * concurrent requests matched by id. Bounded frame size and requests in flight per connection;
 * a malformed request gets an error answer, never a crash.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { isLedgerError } from '@chartproof/ledger';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { QueryError } from '../queries/node-queries.js';
import { dispatch, RpcError, RpcErrorCode, type RpcHandlers, RpcRequestSchema } from './methods.js';

export interface RpcServerOptions {
  readonly maxFrameBytes: number;
  readonly maxInFlight: number;
  readonly maxConnections: number;
}

export class RpcServer {
  private readonly wss: WebSocketServer;
  private connections = 0;

  constructor(
    private readonly handlers: RpcHandlers,
    private readonly options: RpcServerOptions,
    private readonly log: Logger,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxFrameBytes,
      perMessageDeflate: false,
    });
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.connections >= this.options.maxConnections) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.connections++;
      let inFlight = 0;
      ws.on('close', () => this.connections--);
      ws.on('error', () => ws.terminate());
      ws.on('message', (data, isBinary) => {
        const reply = (msg: unknown) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
        };
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
          reply({ id: null, error: { code: RpcErrorCode.BAD_REQUEST, message: (e as Error).message } });
          return;
        }
        if (inFlight >= this.options.maxInFlight) {
          reply({
            id: request.id,
            error: {
              code: RpcErrorCode.OVERLOADED,
              message: `more than ${this.options.maxInFlight} requests in flight`,
            },
          });
          return;
        }
        inFlight++;
        dispatch(this.handlers, request.method, request.params)
          .then((result) => reply({ id: request.id, result }))
          .catch((e: unknown) => {
            if (e instanceof RpcError || e instanceof QueryError || isLedgerError(e)) {
              reply({ id: request.id, error: { code: e.code, message: e.message } });
            } else {
              this.log.error({ err: (e as Error)?.stack, method: request.method }, 'rpc handler failed');
              reply({ id: request.id, error: { code: RpcErrorCode.INTERNAL, message: 'internal error' } });
            }
          })
          .finally(() => inFlight--);
      });
    });
  }

  close(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }
}
