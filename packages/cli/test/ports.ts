/** Free ports for tests that start real processes on fixed ports. */
import { createServer } from 'node:net';

/** Whether `port` is free on every address (a listener on 127.0.0.1 or 0.0.0.0 makes it busy). */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '0.0.0.0', () => s.close(() => resolve(true)));
  });
}

/** The first of `count` consecutive free ports. */
export async function freeRun(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const all = await Promise.all(Array.from({ length: count }, (_, i) => portFree(base + i)));
    if (all.every(Boolean)) return base;
  }
  throw new Error('no run of free ports found');
}
