// A fetch proxy that runs inside a client host of a test network (the test process itself stays
// in the machine's own namespace, which has no link to the test's bridge). One JSON request per
// line on stdin, one JSON answer per line on stdout, matched by id; requests run concurrently.
// Trusts the test CA through NODE_EXTRA_CA_CERTS, as any client of the deployment would.
import { createInterface } from 'node:readline';

const write = (obj) => process.stdout.write(`${JSON.stringify(obj)}\n`);

async function handle(req) {
  const started = performance.now();
  try {
    const res = await fetch(req.url, {
      method: req.method ?? 'GET',
      headers: req.headers ?? {},
      ...(req.body !== undefined ? { body: req.body } : {}),
      signal: AbortSignal.timeout(req.timeoutMs ?? 30_000),
    });
    const body = await res.text();
    write({
      id: req.id,
      status: res.status,
      headers: Object.fromEntries(res.headers),
      body,
      ms: performance.now() - started,
    });
  } catch (e) {
    const cause = e?.cause?.code ?? e?.cause?.message ?? '';
    write({ id: req.id, error: `${e?.name ?? 'Error'}: ${e?.message ?? e}${cause ? ` (${cause})` : ''}` });
  }
}

createInterface({ input: process.stdin }).on('line', (line) => {
  let req;
  try {
    req = JSON.parse(line);
  } catch {
    write({ id: null, error: 'bad request line' });
    return;
  }
  void handle(req);
});
process.stdin.on('end', () => process.exit(0));
write({ id: null, ready: true });
