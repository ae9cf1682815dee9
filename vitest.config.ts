import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Tests run against each package's TypeScript source (the `chartproof-source` export
// condition), never against a stale `dist/`.
const conditions = ['chartproof-source', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    // One file at a time: the integration tests run several node processes and miners each, and
    // on a 2-core machine two such files at once starve each other into timeouts.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './scripts/vitest-summary.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
          exclude: ['packages/web/**', '**/node_modules/**'],
        },
      },
      // `npm run chaos` only (CHARTPROOF_CHAOS set): the fault harness of packages/cli/test/deploy.
      ...(process.env.CHARTPROOF_CHAOS !== undefined
        ? [
            {
              extends: true as const,
              test: { name: 'chaos', include: ['packages/cli/test/deploy/chaos/*.run.ts'] },
            },
          ]
        : []),
      {
        // The web app's component tests: a DOM (happy-dom), the browser build of the ledger, and
        // fetch stubbed at the network boundary. Playwright specs (test/e2e) are not Vitest's.
        extends: true,
        plugins: [react()],
        resolve: { conditions: ['chartproof-source', 'browser', 'module', 'import', 'default'] },
        test: {
          name: 'web',
          include: ['packages/web/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['packages/web/src/testing/setup.ts'],
        },
      },
    ],
  },
});
