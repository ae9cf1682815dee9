/**
 * End-to-end walk of contract 7.1 through the UI, against the real system: three nodes and the
 * API (which serves packages/web/dist) started by `chartproof up` on ports of their own, with a
 * fresh data directory. Run `npm run build` first (the CLI runs from dist/, the API serves
 * the built web app), then `npm run e2e -w packages/web`, under the shared lock on a busy machine.
 * E2E_BASE_URL points the specs at a system that is already running instead.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const API_PORT = Number(process.env.E2E_API_PORT ?? 6200);
const NODE_BASE_PORT = API_PORT + 1;
// Workers re-read this file; the directory is made once and handed down through the environment.
process.env.CHARTPROOF_E2E_DATA ??= mkdtempSync(join(tmpdir(), 'chartproof-e2e-'));
const external = process.env.E2E_BASE_URL;

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '*.spec.ts',
  globalSetup: './test/e2e/global-setup.ts',
  // The specs are one walk over one shared system, in file order.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['./test/e2e/summary-reporter.ts']],
  outputDir: 'test-results',
  use: {
    baseURL: external ?? `http://127.0.0.1:${API_PORT}`,
    // One locale and zone, so the app's Intl dates read the same on every machine.
    locale: 'en-GB',
    timezoneId: 'Europe/Belgrade',
    trace: 'retain-on-failure',
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    },
  },
  webServer: external
    ? undefined
    : {
        command: `node ../cli/dist/main.js up --data ${process.env.CHARTPROOF_E2E_DATA} --base-port ${NODE_BASE_PORT} --api-port ${API_PORT}`,
        url: `http://127.0.0.1:${API_PORT}/api/network`,
        timeout: 180_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
        gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
      },
});
