/** Test helper: a loopback URL where nothing listens. */
import { createServer } from 'node:net';

/** A ws:// URL on a port the OS just handed out and took back, so connects are refused. */
export async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `ws://127.0.0.1:${port}`;
}
