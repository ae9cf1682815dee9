import { defineConfig } from 'vitest/config';

// Tests run against each package's TypeScript source (the `chartproof-source` export
// condition), never against a stale `dist/`.
export default defineConfig({
  resolve: { conditions: ['chartproof-source', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['chartproof-source', 'module', 'node', 'default'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    // One file at a time: the integration tests run several node processes and miners each, and
    // on a 2-core machine two such files at once starve each other into timeouts.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './scripts/vitest-summary.ts'],
  },
});
