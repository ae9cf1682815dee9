#!/usr/bin/env node
// `npm run bench [-- --json] [-- --quick]`: the system bench. Runs the package benches one after
// the other (built first by the npm script), each with --json, and combines their last lines
// into one table: records/s end to end on PostgreSQL and on PGlite, create latency at 1, 10 and 50
// doctors, verification and login latency, node sync of 10,000 blocks against the joiner's own
// validation time, mining hash rate against a bare double-SHA-256 loop, and the growth of the
// reads at 1,000,000 records; each figure beside its goal and its ratio to that goal. With --json
// the last line is one JSON object (every package's figures under its name, and the table's rows).
//
// The API bench needs a PostgreSQL server: DATABASE_URL, or CHARTPROOF_TEST_DATABASE_URL (a role
// with CREATEDB; the bench makes scratch databases and drops them). Goals are reported, never
// enforced: a benchmark on a shared machine does not fail on timing.
import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const json = argv.includes('--json');
const quick = argv.includes('--quick');
const say = (line) => process.stderr.write(`${line}\n`);

const databaseUrl = process.env.DATABASE_URL || process.env.CHARTPROOF_TEST_DATABASE_URL;

/** The package benches, in order; each prints its figures as one JSON object on its last line. */
const benches = [
  // The long chain of the append figure is not in the table: 10,000 blocks keep the run short.
  { name: 'ledger', args: ['--long-chain', quick ? '1000' : '10000'] },
  // The node's network figures are measured again, under the API's load, by the API bench.
  { name: 'node', args: ['--only-sync'] },
  { name: 'api', args: databaseUrl ? [] : ['--pglite-only'] },
];

let running = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    // The running bench stops the processes it started, by their PID, on this signal.
    if (running !== null) running.kill(signal);
    else process.exit(130);
  });
}

/** Runs one package bench; its output goes to stderr as it comes, its JSON line is returned. */
function runBench({ name, args }) {
  return new Promise((resolve) => {
    const script = join(root, 'packages', name, 'dist', 'bench', 'main.js');
    const env = { ...process.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
    const child = spawn(process.execPath, [script, '--json', ...(quick ? ['--quick'] : []), ...args], {
      cwd: join(root, 'packages', name),
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    running = child;
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.once('exit', (code, signal) => {
      running = null;
      const last = out.trimEnd().split('\n').pop() ?? '';
      let figures = null;
      try {
        figures = JSON.parse(last);
      } catch {
        // no JSON line: the bench failed before its end, reported below
      }
      resolve({ figures: figures ?? {}, ok: code === 0 && figures !== null, exit: signal ?? code });
    });
  });
}

const started = performance.now();
const results = {};
for (const b of benches) {
  say(`\n##### ${b.name} bench #####`);
  const r = await runBench(b);
  results[b.name] = r.figures;
  if (!r.ok) {
    say(`${b.name} bench ended with ${r.exit}`);
    process.exitCode = 1;
  }
}

const L = results.ledger;
const N = results.node;
const A = results.api;
const num = (x) => (typeof x === 'number' && Number.isFinite(x) ? x : Number.NaN);
const f = (x, d = 0) =>
  Number.isFinite(x)
    ? x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d })
    : '–';
const lat = (sfx) =>
  `${f(num(A[`create_p50_ms${sfx}`]))} / ${f(num(A[`create_p95_ms${sfx}`]))} / ${f(num(A[`create_p99_ms${sfx}`]))} ms`;
const blockInterval = num(A.block_interval_ms);
const ownValidationS = num(N.sync_blocks) / num(N.validate_blocks_per_s);

/**
 * One row per figure: `at_least` goals have ratio value/goal (met at ≥ 1), `at_most` goals
 * value/goal too (met at ≤ 1); rows without a goal are shown for reference.
 */
const rows = [
  {
    figure: 'records/s end to end, PostgreSQL (plateau of the in-flight sweep)',
    key: 'records_per_s',
    value: `${f(num(A.records_per_s), 1)} at ${f(num(A.capacity_in_flight))} in flight`,
    goal: `≥ 0.5 × nodes' own plateau ${f(num(A.node_acked_tx_per_s), 1)} tx/s`,
    ratio: num(A.records_per_s) / (0.5 * num(A.node_acked_tx_per_s)),
    kind: 'at_least',
  },
  {
    figure: 'records/s end to end, PGlite',
    key: 'records_per_s_pglite',
    value: `${f(num(A.records_per_s_pglite), 1)} at ${f(num(A.capacity_in_flight_pglite))} in flight`,
    goal: '≥ 0.5 × PostgreSQL',
    ratio: num(A.records_per_s_pglite) / (0.5 * num(A.records_per_s)),
    kind: 'at_least',
  },
  {
    figure: 'create latency p50/p95/p99, 1 doctor, PostgreSQL',
    key: 'create_p50_ms_1',
    value: lat('_1'),
    goal: `p50 ≤ 2 × block interval + 50 = ${f(2 * blockInterval + 50)} ms`,
    ratio: num(A.create_p50_ms_1) / (2 * blockInterval + 50),
    kind: 'at_most',
  },
  { figure: 'create latency p50/p95/p99, 1 doctor, PGlite', value: lat('_1_pglite') },
  { figure: 'create latency p50/p95/p99, 10 doctors, PostgreSQL', value: lat('_10') },
  { figure: 'create latency p50/p95/p99, 10 doctors, PGlite', value: lat('_10_pglite') },
  {
    figure: 'create latency p50/p95/p99, 50 doctors, PostgreSQL',
    key: 'create_p99_ms_50',
    value: `${lat('_50')}; ${f(num(A.create_per_s_50), 1)} records/s`,
  },
  {
    figure: 'create latency p50/p95/p99, 50 doctors, PGlite',
    key: 'create_p99_ms_50_pglite',
    value: `${lat('_50_pglite')}; ${f(num(A.create_per_s_50_pglite), 1)} records/s`,
    goal: 'p99 ≤ 1,000 ms',
    ratio: num(A.create_p99_ms_50_pglite) / 1000,
    kind: 'at_most',
  },
  {
    figure: 'records/s with 50 doctors, PGlite against PostgreSQL',
    key: 'create_per_s_50_pglite',
    value: `${f(num(A.create_per_s_50_pglite), 1)} vs ${f(num(A.create_per_s_50), 1)}`,
    goal: '≥ 0.5 × PostgreSQL',
    ratio: num(A.create_per_s_50_pglite) / (0.5 * num(A.create_per_s_50)),
    kind: 'at_least',
  },
  {
    figure: 'verification latency p50/p99, PostgreSQL',
    key: 'verify_p99_ms',
    value: `${f(num(A.verify_p50_ms), 1)} / ${f(num(A.verify_p99_ms), 1)} ms`,
    goal: 'p99 ≤ 50 ms',
    ratio: num(A.verify_p99_ms) / 50,
    kind: 'at_most',
  },
  {
    figure: 'login latency p50 (scrypt N=2^15), PostgreSQL / PGlite',
    key: 'login_p50_ms',
    value: `${f(num(A.login_p50_ms), 1)} / ${f(num(A.login_p50_ms_pglite), 1)} ms`,
  },
  {
    figure: `node sync of ${f(num(N.sync_blocks))} blocks (late joiner)`,
    key: 'sync_10k_blocks_s',
    value: `${f(num(N.sync_10k_blocks_s), 2)} s`,
    goal: `≤ 2 × the joiner's own validation ${f(ownValidationS, 2)} s`,
    ratio: num(N.sync_10k_blocks_s) / (2 * ownValidationS),
    kind: 'at_most',
  },
  {
    figure: 'mining hash rate (miner child)',
    key: 'mining_hps',
    value: `${f(num(L.mining_hps))} hashes/s`,
    goal: `≥ 0.9 × bare double SHA-256 ${f(num(L.bare_sha256d_hps))}/s`,
    ratio: num(L.mining_hps) / (0.9 * num(L.bare_sha256d_hps)),
    kind: 'at_least',
  },
  {
    figure: `reads at ${f(num(A.growth_records))} records vs 1,000 (p99, worst of three)`,
    key: 'growth_ratio_max',
    value: `× ${f(num(A.growth_ratio_max), 2)}`,
    goal: '≤ 2 ×',
    ratio: num(A.growth_ratio_max) / 2,
    kind: 'at_most',
  },
];
for (const r of rows) {
  if (r.kind === undefined) continue;
  r.met = Number.isFinite(r.ratio) ? (r.kind === 'at_least' ? r.ratio >= 1 : r.ratio <= 1) : null;
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${f(totalmem() / 2 ** 30, 1)} GiB, node ${process.version}, ${process.platform}/${process.arch}`;
const table = [
  `ChartProof system bench${quick ? ' (--quick)' : ''}: ${machine}`,
  '',
  '| figure | value | goal | ratio to goal |',
  '| --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.figure} | ${r.value} | ${r.goal ?? '–'} | ${r.kind === undefined ? '–' : `${f(r.ratio, 2)} ${r.met === null ? '(not measured)' : r.met ? 'met' : 'MISSED'}`} |`,
  ),
  '',
  `Ratios: for "≥" goals value / goal (met at ≥ 1), for "≤" goals value / goal (met at ≤ 1). Total ${f((performance.now() - started) / 60_000, 1)} min.`,
];
console.log(`\n${table.join('\n')}`);

if (json) {
  const out = {
    machine,
    quick,
    rows: rows.map((r) => ({
      figure: r.figure,
      ...(r.key !== undefined ? { key: r.key } : {}),
      value: r.value,
      ...(r.kind !== undefined
        ? {
            goal: r.goal,
            ratio: Number.isFinite(r.ratio) ? Math.round(r.ratio * 1000) / 1000 : null,
            met: r.met,
          }
        : {}),
    })),
    ledger: L,
    node: N,
    api: A,
  };
  console.log(JSON.stringify(out));
}
