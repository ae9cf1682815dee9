/**
 * The API answers before its demo data is on chain (it seeds in the background on a first
 * start), so the walk waits for /api/health to say `demo: "ready"`; otherwise the first login
 * can meet "Invalid credentials!" on a slow machine.
 */
import type { FullConfig } from '@playwright/test';

export default async function globalSetup(config: FullConfig): Promise<void> {
  const base = config.projects[0]?.use.baseURL;
  if (base === undefined) return;
  const deadline = Date.now() + 180_000;
  let last = 'unreachable';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) });
      const body = (await res.json()) as { demo?: string };
      last = body.demo ?? 'off';
      if (last === 'ready' || last === 'off') return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the demo data was not ready within 180 s (demo: ${last})`);
}
