/**
 * Vitest reporter that ends the run with the plain line CI reads: `N passed, N failed`.
 * Under CI=true a skipped test counts as failed (a test skipped for a missing browser or database
 * must not pass silently), and so does a test file that failed to load or an unhandled error.
 * The counts also go to test-results/summary-vitest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>): void {
    const strict = process.env.CI === 'true';
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of modules) {
      let tests = 0;
      for (const test of mod.children.allTests()) {
        tests++;
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (tests === 0 && mod.state() === 'failed') failed++;
    }
    failed += errors.length;
    if (strict) {
      failed += skipped;
      skipped = 0;
    }
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(`\n${passed} passed, ${failed} failed${tail}\n`);
    // For scripts/test.mjs, which adds the browser tests' counts and prints the total.
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/summary-vitest.json', JSON.stringify({ passed, failed, skipped }));
  }
}
