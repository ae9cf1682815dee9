/**
 * Playwright reporter: the browser tests' counts, for scripts/test.mjs to add to Vitest's and
 * print the one total line CI reads. Under CI=true a skipped test counts as failed, and so does a
 * run that could not start (no Chromium, the system did not come up).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FullConfig, FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;
  /** test-results/ at the repository root (the config sits in packages/web). */
  private out = '';

  onBegin(config: FullConfig): void {
    this.out = join(
      dirname(config.configFile ?? join(process.cwd(), 'x')),
      '../../test-results/summary-e2e.json',
    );
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.retry < test.retries && result.status !== 'passed' && result.status !== 'skipped') return;
    if (result.status === 'passed') this.passed++;
    else if (result.status === 'skipped') this.skipped++;
    else this.failed++;
  }

  onEnd(result: FullResult): void {
    let { passed, failed, skipped } = this;
    if (process.env.CI === 'true') {
      failed += skipped;
      skipped = 0;
    }
    if (result.status !== 'passed' && failed === 0) failed = 1; // it did not run: that is a failure
    mkdirSync(dirname(this.out), { recursive: true });
    writeFileSync(this.out, JSON.stringify({ passed, failed, skipped }));
    process.stdout.write(
      `\nbrowser tests: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`,
    );
  }
}
