/**
 * Read-only HTTP for explorers and for the web client's own receipt check: chain status, blocks,
 * transactions, receipts and Prometheus metrics. Public data only, so CORS is open to any origin
 * (no credentials are involved). Every error is JSON `{"error", "message"}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BlockHashSchema, Id128Schema, PublicKeySchema, TxIdSchema } from '@chartproof/ledger';

export interface ExplorerApi {
  status(): unknown;
  genesis(): unknown;
  blocks(before: number | null, limit: number): unknown;
  block(hash: string): unknown | undefined;
  tx(id: string): unknown | undefined;
  receipt(recordId: string): { ok: true; receipt: unknown } | { ok: false; code: string; message: string };
  /** A record's anchor: its transaction and where it sits, so an explorer can search by record id. */
  record(recordId: string): unknown | undefined;
  /** A registered account's role and off-chain subject id, so an explorer can name a signer. */
  account(key: string): unknown | undefined;
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

export function explorerHandler(api: ExplorerApi) {
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
          if (!BlockHashSchema.safeParse(second).success)
            return error(res, 400, 'block hash must be 64 lowercase hex digits');
          const block = api.block(second);
          return block === undefined ? error(res, 404, `block ${second} not found`) : send(res, 200, block);
        }
        case 'tx': {
          if (second === undefined) break;
          if (!TxIdSchema.safeParse(second).success)
            return error(res, 400, 'transaction id must be 64 lowercase hex digits');
          const tx = api.tx(second);
          return tx === undefined ? error(res, 404, `transaction ${second} not found`) : send(res, 200, tx);
        }
        case 'records': {
          if (second === undefined) break;
          if (!Id128Schema.safeParse(second).success)
            return error(res, 400, 'record id must be 32 lowercase hex digits');
          const record = api.record(second);
          return record === undefined
            ? error(res, 404, `record ${second} is not anchored`)
            : send(res, 200, record);
        }
        case 'accounts': {
          if (second === undefined) break;
          if (!PublicKeySchema.safeParse(second).success)
            return error(res, 400, 'account key must be 64 lowercase hex digits');
          const account = api.account(second);
          return account === undefined
            ? error(res, 404, `account ${second} is not registered`)
            : send(res, 200, account);
        }
        case 'receipts': {
          if (second === undefined) break;
          if (!Id128Schema.safeParse(second).success)
            return error(res, 400, 'record id must be 32 lowercase hex digits');
          const r = api.receipt(second);
          if (r.ok) return send(res, 200, r.receipt);
          return error(res, r.code === 'NOT_FOUND' ? 404 : 409, r.message);
        }
      }
      return error(res, 404, 'Not found');
    } catch {
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
