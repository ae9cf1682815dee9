#!/usr/bin/env node
// The test run behind `npm test` (after lint and type-check): every Vitest test, then the web
// app's browser tests (Playwright in Debian's Chromium against a real `chartproof up`), then one
// line with the total, `N passed, N failed`, which CI reads. Exits non-zero if anything failed or
// did not run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;
const read = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

console.log(`tests on node ${process.version}`);
for (const f of ['test-results/summary-vitest.json', 'test-results/summary-e2e.json'])
  rmSync(f, { force: true });
const unit = run('npx', ['vitest', 'run']);
// The API serves the built app: build it (tsc -b already ran in the type-check).
const built = run('npm', ['run', 'build', '-w', 'packages/web']);
const e2e = built === 0 ? run('npm', ['run', 'e2e:only', '-w', 'packages/web']) : 1;

let passed = 0;
let failed = 0;
for (const [name, file, code] of [
  ['vitest', 'test-results/summary-vitest.json', unit],
  ['browser tests', 'test-results/summary-e2e.json', e2e],
]) {
  const s = existsSync(file) ? read(file) : null;
  if (s === null) {
    console.log(`${name} did not report (exit ${code}): counted as one failure`);
    failed++;
    continue;
  }
  passed += s.passed;
  failed += s.failed + (code !== 0 && s.failed === 0 ? 1 : 0);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
