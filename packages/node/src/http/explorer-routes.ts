/**
 * Read-only HTTP for explorers and for the web client's own receipt check: chain status, blocks,
 * transactions, receipts and Prometheus metrics. Public data only, so CORS is open to any origin
 * (no credentials are involved). Every error is JSON `{"error", "message"}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type BlockHash,
  BlockHashSchema,
  type Id128,
  Id128Schema,
  type PublicKey,
  PublicKeySchema,
  type TxId,
  TxIdSchema,
} from '@chartproof/ledger';
import { QueryError, QueryErrorCode } from '../queries/node-queries.js';
import { metricsAllowed } from './metrics-access.js';

/** What the routes read; a missing block, transaction or receipt is a thrown QueryError. */
export interface ExplorerApi {
  status(): unknown;
  genesis(): unknown;
  blocks(before: number | null, limit: number): unknown;
  block(hash: BlockHash): unknown;
  tx(id: TxId): unknown;
  receipt(recordId: Id128): unknown;
  /** A record's anchor: its transaction and where it sits, so an explorer can search by record id. */
  record(recordId: Id128): unknown;
  /** A registered account's role (and a hospital's off-chain id), so an explorer can name a signer. */
  account(key: PublicKey): unknown;
  metrics(): Promise<{ contentType: string; body: string }>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, OPTIONS',
  'access-control-allow-headers': 'Content-Type',
  'access-control-max-age': '600',
};

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...CORS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.end(text);
}

function error(res: ServerResponse, status: number, message: string): void {
  send(res, status, { error: message, message });
}

export interface ExplorerOptions {
  /** Bearer token for /metrics; unset: loopback callers only (metrics-access.ts). */
  readonly metricsToken?: string | undefined;
}

export function explorerHandler(api: ExplorerApi, options: ExplorerOptions = {}) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://node.invalid');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, CORS);
        res.end();
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return error(res, 405, 'Method not allowed');
      const parts = url.pathname.split('/').filter((p) => p.length > 0);
      const [first, second, ...rest] = parts;
      if (rest.length > 0) return error(res, 404, 'Not found');
      switch (first) {
        case 'status':
          if (second === undefined) return send(res, 200, api.status());
          break;
        case 'genesis':
          if (second === undefined) return send(res, 200, api.genesis());
          break;
        case 'metrics':
          if (second === undefined) {
            const caller = {
              remoteAddress: req.socket.remoteAddress,
              authorization: req.headers.authorization,
            };
            if (!metricsAllowed(caller, options.metricsToken)) {
              if (options.metricsToken === undefined || options.metricsToken === '') break; // 404
              res.setHeader('www-authenticate', 'Bearer');
              return error(res, 401, 'Unauthorized');
            }
            const m = await api.metrics();
            res.writeHead(200, { ...CORS, 'content-type': m.contentType });
            res.end(m.body);
            return;
          }
          break;
        case 'blocks': {
          if (second === undefined) {
            const limit = intParam(url, 'limit', 20, 1, 100);
            const before = url.searchParams.has('before') ? intParam(url, 'before', 0, 0, 0xffff_ffff) : null;
            if (limit === null || (url.searchParams.has('before') && before === null)) {
              return error(res, 400, 'limit must be an integer in 1..100 and before a non-negative height');
            }
            return send(res, 200, api.blocks(before, limit));
          }
          const hash = BlockHashSchema.safeParse(second);
          if (!hash.success) return error(res, 400, 'block hash must be 64 lowercase hex digits');
          return send(res, 200, api.block(hash.data));
        }
        case 'tx': {
          if (second === undefined) break;
          const id = TxIdSchema.safeParse(second);
          if (!id.success) return error(res, 400, 'transaction id must be 64 lowercase hex digits');
          return send(res, 200, api.tx(id.data));
        }
        case 'records': {
          if (second === undefined) break;
          const id = Id128Schema.safeParse(second);
          if (!id.success) return error(res, 400, 'record id must be 32 lowercase hex digits');
          return send(res, 200, api.record(id.data));
        }
        case 'accounts': {
          if (second === undefined) break;
          const key = PublicKeySchema.safeParse(second);
          if (!key.success) return error(res, 400, 'account key must be 64 lowercase hex digits');
          return send(res, 200, api.account(key.data));
        }
        case 'receipts': {
          if (second === undefined) break;
          const id = Id128Schema.safeParse(second);
          if (!id.success) return error(res, 400, 'record id must be 32 lowercase hex digits');
          return send(res, 200, api.receipt(id.data));
        }
      }
      return error(res, 404, 'Not found');
    } catch (e) {
      if (e instanceof QueryError && !res.headersSent)
        return error(res, e.code === QueryErrorCode.NOT_FOUND ? 404 : 409, e.message);
      if (!res.headersSent) error(res, 500, 'Internal server error');
      else res.destroy();
    }
  };
}

function intParam(url: URL, name: string, dflt: number, min: number, max: number): number | null {
  const raw = url.searchParams.get(name);
  if (raw === null) return dflt;
  if (!/^\d{1,10}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}
