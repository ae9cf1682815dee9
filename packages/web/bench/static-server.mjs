/**
 * A tiny static server for dist/ on 127.0.0.1 with the SPA fallback the API server gives in
 * production. `api` optionally answers /api/* (the bench's stand-in for the real API).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

export function serveDist(root, api = null) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bench.invalid');
    if (url.pathname.startsWith('/api/')) {
      const reply = api?.(req.method ?? 'GET', url.pathname) ?? {
        status: 404,
        body: { error: 'Not found', message: 'Not found' },
      };
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
      return;
    }
    let file = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory())
      file = join(root, 'index.html');
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
