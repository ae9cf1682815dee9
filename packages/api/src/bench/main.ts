/**
 * `npm run bench -w packages/api [-- --json] [-- --pglite-only] [-- --quick]`: the API end to end,
 * over real sockets on 127.0.0.1, as separate processes: three `chartproof node` validators and
 * one `chartproof api` (CHARTPROOF_DEMO=false), first on PostgreSQL (a scratch database on the
 * server of DATABASE_URL), then on embedded PGlite (a fresh directory), each on a network and a
 * genesis of its own. Human-readable figures; with --json the last line is one JSON object. Goals
 * are reported, never enforced: a benchmark on a shared machine does not fail on timing.
 *
 * Capacity is found, not assumed: creates in flight start at --in-flight and double until a step
 * gains under 5 % (the node bench's sweep, capacity-sweep.ts), on each store; in the same run the
 * three validators' own plateau for the same transaction (record.anchor) is swept on a network of
 * their own (`node_acked_tx_per_s`), the ceiling the API is set against.
 *
 * Options: --json, --quick (small counts, for development), --pglite-only (no PostgreSQL run),
 * --postgres-only (no PGlite run), --no-node-capacity, --no-growth,
 * --block-interval MS (genesis target; default 500 ms, see BENCH_BLOCK_INTERVAL_MS),
 * --in-flight N (first sweep step, default 100), --max-in-flight N (last, default 3200),
 * --capacity-window S (per sweep step, default 20), --growth-records N (default 1,000,000).
 *
 * Profiling the API process: CHARTPROOF_BENCH_API_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof";
 * the nodes: CHARTPROOF_BENCH_NODE_FLAGS (the node bench's variable).
 */
import { benchArgs, mean, openBench, percentile, round, stopOnSignal } from '@chartproof/ledger/bench';
import { capacitySweep, fmt, measureNodeCapacity } from '@chartproof/node/bench';
import { growDatabase, growthReads, timeReads } from './growth.js';
import {
  capacityRun,
  closedLoops,
  cpuSeconds,
  Http,
  loginRun,
  type Population,
  provision,
  type RunResult,
  verifyRun,
} from './load.js';
import { type Stack, type Store, startStack, stopAllStacks } from './stack.js';

const args = benchArgs(process.argv.slice(2), {
  switches: ['--json', '--quick', '--pglite-only', '--postgres-only', '--no-node-capacity', '--no-growth'],
  integers: ['--block-interval', '--in-flight', '--max-in-flight', '--capacity-window', '--growth-records'],
});
const json = args.has('--json');
const quick = args.has('--quick');
const pgliteOnly = args.has('--pglite-only');
const postgresOnly = args.has('--postgres-only');
const nodeCapacity = !args.has('--no-node-capacity');
const growth = !args.has('--no-growth') && !pgliteOnly;
const intFlag = args.int;

const databaseUrl = process.env.DATABASE_URL;
if (!pgliteOnly && (databaseUrl === undefined || databaseUrl === '')) {
  console.error(
    'bench: DATABASE_URL is not set (postgres://user:password@host:port/database, a role with CREATEDB); set it, or pass --pglite-only',
  );
  process.exit(2);
}

/**
 * The bench genesis targets 500 ms, as the node bench's does, and for the same reason: with a
 * fixed number in flight, throughput is that number over the mean latency (Little's law), and a
 * create waits at least one exponential block interval, plus the miner's template refresh and the
 * acknowledgements. Measured here with 500 in flight: 1 s blocks gave a p50 of 2.4 s, so about
 * 200 records/s whatever the API does; 500 ms blocks, 1.8 s and 260 records/s.
 * `--block-interval 1000` measures the local default.
 */
const BENCH_BLOCK_INTERVAL_MS = 500;
const blockInterval = intFlag('--block-interval', BENCH_BLOCK_INTERVAL_MS, 100);
const counts = {
  authorities: 5,
  patients: 10,
  doctors: 50,
  warmup: 3,
  one: quick ? 5 : 20,
  ten: quick ? 2 : 5,
  fifty: quick ? 1 : 3,
  inFlight: intFlag('--in-flight', quick ? 50 : 100),
  maxInFlight: intFlag('--max-in-flight', quick ? 400 : 3200),
  capacityWindowMs: intFlag('--capacity-window', quick ? 6 : 20) * 1000,
  nodeCapacity: { first: quick ? 300 : 1000, max: quick ? 1200 : 16_000, least: quick ? 1000 : 8000 },
  growthRecords: intFlag('--growth-records', quick ? 20_000 : 1_000_000, 2000),
  drainMs: 90_000,
  verify: quick ? 20 : 200,
  login: quick ? 5 : 20,
};
const REFERENCE = { one: { perS: 0.096, p50Ms: 9300 }, ten: { perS: 0.066, p50Ms: 72_000 } };
const GOAL_RECORDS_PER_S = 200;
const GOAL_VERIFY_P99_MS = 50;
/** The sweep stops once doubling the creates in flight gains less than this (as the node bench). */
const CAPACITY_MIN_GAIN = 0.05;
/** records_per_s against the chain's own plateau, PGlite against PostgreSQL: at least this. */
const GOAL_SHARE = 0.5;
const GOAL_CREATE_P99_MS_50_PGLITE = 1000;
const GOAL_GROWTH_RATIO = 2;
const createP50Goal = 2 * blockInterval + 50;

const log = (line: string) => console.log(line);
const ms = (x: number) => `${fmt(x)} ms`;

type Figures = Record<string, number | boolean | string | null>;

function printRun(title: string, r: RunResult, unit = 'records/s', ok = '201'): void {
  const l = r.latencies;
  log(
    `  ${title}: ${fmt((l.length / r.elapsedMs) * 1000, 2)} ${unit}; p50 ${ms(percentile(l, 50))}, p95 ${ms(percentile(l, 95))}, ` +
      `p99 ${ms(percentile(l, 99))}, mean ${ms(mean(l))}, max ${ms(l.length ? Math.max(...l) : Number.NaN)} ` +
      `(${l.length} × ${ok}, ${r.errors} errors)`,
  );
  if (r.firstError !== undefined) log(`    first error: ${r.firstError}`);
}

interface ChainStatus {
  height: number;
  tip_timestamp: number;
}

async function chainStatus(stack: Stack): Promise<ChainStatus> {
  return stack.nodes[0]!.rpc.call<ChainStatus>('status');
}

function blockStats(before: ChainStatus, after: ChainStatus, records: number) {
  const blocks = after.height - before.height;
  const intervalMs = blocks > 0 ? (after.tip_timestamp - before.tip_timestamp) / blocks : Number.NaN;
  const perBlock = blocks > 0 ? records / blocks : Number.NaN;
  return {
    intervalMs,
    perBlock,
    text: `    chain: ${blocks} blocks, ${fmt(perBlock, 1)} records/block, mean block interval ${ms(intervalMs)}`,
  };
}

/** CPU used by the API and the nodes over a phase, as a share of one core. */
function cpuMeter(stack: Stack) {
  const pids = { api: stack.apiPid, nodes: stack.nodes.map((n) => n.pid) };
  const read = () => ({
    t: performance.now(),
    api: cpuSeconds(pids.api),
    nodes: pids.nodes.reduce((a, p) => a + cpuSeconds(p), 0),
    bench: process.cpuUsage(),
  });
  const start = read();
  return () => {
    const end = read();
    const wall = (end.t - start.t) / 1000;
    const benchS = (end.bench.user - start.bench.user + end.bench.system - start.bench.system) / 1e6;
    return {
      api: (end.api - start.api) / wall,
      nodes: (end.nodes - start.nodes) / wall,
      bench: benchS / wall,
    };
  };
}

const pct = (x: number) => `${fmt(x * 100)} %`;

async function storeBench(store: Store, figures: Figures): Promise<void> {
  const sfx = store === 'postgres' ? '' : '_pglite';
  log(`\n=== ${store === 'postgres' ? 'PostgreSQL' : 'PGlite'} ===`);
  let t = performance.now();
  const stack = await startStack({
    store,
    ...(databaseUrl !== undefined ? { databaseUrl } : {}),
    consensus: { block_interval_ms: blockInterval },
  });
  try {
    log(`  store: ${stack.storeLabel}`);
    log(
      `  three validators ${stack.nodes.map((n) => n.url).join(', ')} and the API ${stack.apiUrl} (pid ${stack.apiPid}) up in ${ms(performance.now() - t)}`,
    );
    const http = new Http(stack.apiUrl);
    t = performance.now();
    const pop: Population = await provision(http, stack.caPassword, counts);
    log(
      `  provisioned through the API in ${ms(performance.now() - t)} (untimed): the bench's central authority (its row written before the API started, with the API's migrations and password hashing; the demo data is off), ` +
        `${counts.authorities} health authorities and ${counts.patients} patients (POST /api/health-authority, /api/patients, registered on chain), ` +
        `${counts.doctors} doctors (POST /api/doctors), and a login for each`,
    );

    const warm = await closedLoops(http, pop.doctors.slice(0, 1), pop.patients, counts.warmup);
    log(`  warm-up: ${counts.warmup} sequential creates, ${warm.latencies.map((x) => ms(x)).join(', ')}`);
    if (warm.firstError !== undefined) log(`    first error: ${warm.firstError}`);

    log(
      `\n  Capacity, POST /api/health-records over ${counts.doctors} doctors: creates in flight from ${fmt(counts.inFlight)}, doubling until the steady rate gains under ${CAPACITY_MIN_GAIN * 100} % (at most ${fmt(counts.maxInFlight)}), ${fmt(counts.capacityWindowMs / 1000)} s a step`,
    );
    const sweep = await capacitySweep(
      {
        first: Math.min(counts.inFlight, counts.maxInFlight),
        max: counts.maxInFlight,
        minGain: CAPACITY_MIN_GAIN,
      },
      async (inFlight) => {
        const before = await chainStatus(stack);
        const cpu = cpuMeter(stack);
        const cap = await capacityRun(http, pop.doctors, pop.patients, {
          inFlight,
          target: Number.POSITIVE_INFINITY,
          windowMs: counts.capacityWindowMs,
          drainMs: counts.drainMs,
        });
        const use = cpu();
        const blocks = blockStats(before, await chainStatus(stack), cap.acked + cap.drained);
        log(
          `  ${fmt(inFlight)} in flight: ${fmt(cap.steadyPerS, 1)} records/s steady (${fmt((cap.acked / cap.elapsedMs) * 1000, 1)} over the window; ${fmt(cap.acked)} × 201, ${cap.errors} errors); ` +
            `p50 ${ms(percentile(cap.latencies, 50))}, p99 ${ms(percentile(cap.latencies, 99))}; ${cap.drained} in flight at the end drained in ${ms(cap.drainMs)}`,
        );
        log(
          `${blocks.text}; CPU: API ${pct(use.api)}, nodes with their miners ${pct(use.nodes)}, bench ${pct(use.bench)} of one core`,
        );
        if (cap.firstError !== undefined) log(`    first error: ${cap.firstError}`);
        return { txPerS: cap.steadyPerS, result: { cap, blocks, use } };
      },
    );
    const best = sweep.best;
    const cap = best.result.cap;
    log(
      `  capacity: ${fmt(best.txPerS, 1)} records/s at ${fmt(best.inFlight)} in flight (${sweep.stoppedBy === 'plateau' ? `the next step gained under ${CAPACITY_MIN_GAIN * 100} %` : 'the largest step allowed'})`,
    );
    figures[`records_per_s${sfx}`] = round(best.txPerS, 1);
    figures[`capacity_in_flight${sfx}`] = best.inFlight;
    figures[`capacity_stopped_by${sfx}`] = sweep.stoppedBy;
    figures[`capacity_steps${sfx}`] = sweep.steps
      .map((st) => `${st.inFlight}:${round(st.txPerS, 1)}`)
      .join(' ');
    figures[`capacity_records${sfx}`] = cap.acked;
    figures[`capacity_errors${sfx}`] = sweep.steps.reduce((n, st) => n + st.result.cap.errors, 0);
    figures[`capacity_p50_ms${sfx}`] = round(percentile(cap.latencies, 50));
    figures[`capacity_p99_ms${sfx}`] = round(percentile(cap.latencies, 99));
    figures[`capacity_block_interval_ms${sfx}`] = round(best.result.blocks.intervalMs);
    figures[`capacity_records_per_block${sfx}`] = round(best.result.blocks.perBlock, 1);
    figures[`capacity_api_cpu${sfx}`] = round(best.result.use.api, 2);
    figures[`capacity_nodes_cpu${sfx}`] = round(best.result.use.nodes, 2);

    log(
      '\n  Create, POST /api/health-records → 201 (acknowledged by 2 of 3 validators), closed loops of doctors, after the capacity run (by then the difficulty has retargeted to the hash rate of this machine: a young chain mines faster than its genesis interval)',
    );
    for (const [n, each] of [
      [1, counts.one],
      [10, counts.ten],
      [50, counts.fifty],
    ] as const) {
      const before = await chainStatus(stack);
      const cpu = cpuMeter(stack);
      const r = await closedLoops(http, pop.doctors.slice(0, n), pop.patients, each);
      const use = cpu();
      printRun(`${n} doctor${n > 1 ? 's' : ''} × ${each}`, r);
      const blocks = blockStats(before, await chainStatus(stack), r.latencies.length);
      log(
        `${blocks.text}; CPU: API ${pct(use.api)}, nodes with their miners ${pct(use.nodes)}, bench ${pct(use.bench)} of one core`,
      );
      figures[`create_per_s_${n}${sfx}`] = round((r.latencies.length / r.elapsedMs) * 1000, 2);
      figures[`create_p50_ms_${n}${sfx}`] = round(percentile(r.latencies, 50), 1);
      figures[`create_p95_ms_${n}${sfx}`] = round(percentile(r.latencies, 95), 1);
      figures[`create_p99_ms_${n}${sfx}`] = round(percentile(r.latencies, 99), 1);
      figures[`create_errors_${n}${sfx}`] = r.errors;
      figures[`observed_block_interval_ms_${n}${sfx}`] = round(blocks.intervalMs);
    }

    log(
      '\n  Verify, POST /api/health-records/verify/:id as the patient (key from GET /api/health-records), sequential',
    );
    const v = await verifyRun(http, pop.patients[0]!, counts.verify);
    printRun(`${counts.verify} verifications`, v, 'verifications/s', '200');
    log(`    answers: ${[...v.answers].map(([k, n]) => `${n} × "${k}"`).join(', ')}`);
    figures[`verify_p50_ms${sfx}`] = round(percentile(v.latencies, 50), 1);
    figures[`verify_p99_ms${sfx}`] = round(percentile(v.latencies, 99), 1);
    figures[`verify_errors${sfx}`] = v.errors;

    log('\n  Login, POST /api/login (scrypt N=2^15), sequential');
    const l = await loginRun(http, pop.doctors[0]!.id, pop.doctorPassword, counts.login);
    printRun(`${counts.login} logins`, l, 'logins/s', '200');
    figures[`login_p50_ms${sfx}`] = round(percentile(l.latencies, 50), 1);
  } finally {
    t = performance.now();
    await stack.stop();
    log(`  stopped the API and the nodes (by PID) in ${ms(performance.now() - t)}`);
  }
}

/**
 * Growth on PostgreSQL: the three reads timed at 1,000 records (created through the API), then
 * after the scratch database has grown to `growthRecords` in bulk (growth.ts).
 */
async function growthBench(figures: Figures): Promise<void> {
  const base = 1000;
  const samples = quick ? 30 : 200;
  log(
    `\n=== Growth (PostgreSQL): reads at ${fmt(base)} records and at ${fmt(counts.growthRecords)}, p99 of ${samples} sequential calls each ===`,
  );
  const stack = await startStack({
    store: 'postgres',
    ...(databaseUrl !== undefined ? { databaseUrl } : {}),
    consensus: { block_interval_ms: blockInterval },
  });
  try {
    const http = new Http(stack.apiUrl);
    const pop = await provision(http, stack.caPassword, { authorities: 2, patients: 10, doctors: 10 });
    const made = await capacityRun(http, pop.doctors, pop.patients, {
      inFlight: 100,
      target: base,
      windowMs: 120_000,
      drainMs: counts.drainMs,
    });
    log(
      `  ${fmt(made.acked + made.drained)} records created through the API in ${fmt(made.elapsedMs / 1000, 1)} s`,
    );
    const reads = growthReads(http, pop);
    const before = await timeReads(reads, samples);
    const grown = await growDatabase(
      stack.databaseUrl!,
      counts.growthRecords,
      pop.doctors[0]!.healthAuthorityId,
    );
    log(
      `  grown in bulk with SQL to ${fmt(grown.records)} records and ${fmt(grown.audit)} audit entries in ${fmt(grown.ms / 1000, 1)} s (then ANALYZE)`,
    );
    const after = await timeReads(reads, samples);
    let max = 0;
    for (const r of reads) {
      const b = before.get(r.name)!;
      const a = after.get(r.name)!;
      const ratio = a / b;
      max = Math.max(max, ratio);
      log(`  ${r.what}: p99 ${ms(b)} → ${ms(a)}, ratio ${fmt(ratio, 2)}`);
      figures[`growth_${r.name}_p99_ms_1k`] = b;
      figures[`growth_${r.name}_p99_ms_grown`] = a;
      figures[`growth_${r.name}_ratio`] = round(ratio, 2);
    }
    figures.growth_records = grown.records;
    figures.growth_ratio_max = round(max, 2);
  } finally {
    await stack.stop();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const figures: Figures = {};
  figures.ed25519_verify_per_s = round(openBench('API', quick, log));
  figures.block_interval_ms = blockInterval;
  log(
    `Genesis: the local default consensus with block_interval_ms ${blockInterval}${blockInterval === BENCH_BLOCK_INTERVAL_MS ? ' (the bench genesis: see BENCH_BLOCK_INTERVAL_MS; --block-interval 1000 measures the default)' : ''}`,
  );

  if (nodeCapacity) {
    log(
      `\nThe validators' own plateau for record.anchor (the transaction of every create): three nodes on a network of their own, in flight from ${fmt(counts.nodeCapacity.first)} doubling until a step gains under ${CAPACITY_MIN_GAIN * 100} %`,
    );
    try {
      const sweep = await measureNodeCapacity(
        blockInterval,
        {
          first: counts.nodeCapacity.first,
          max: counts.nodeCapacity.max,
          minGain: CAPACITY_MIN_GAIN,
          capacity: counts.nodeCapacity.least,
          stepMaxMs: 30_000,
        },
        log,
      );
      log(
        `  nodes: ${fmt(sweep.best.txPerS, 1)} acknowledged tx/s at ${fmt(sweep.best.inFlight)} in flight (${sweep.stoppedBy})`,
      );
      figures.node_acked_tx_per_s = round(sweep.best.txPerS, 1);
      figures.node_capacity_in_flight = sweep.best.inFlight;
      figures.node_capacity_steps = sweep.steps
        .map((st) => `${st.inFlight}:${round(st.txPerS, 1)}`)
        .join(' ');
    } catch (e) {
      log(`  node capacity failed: ${(e as Error).stack ?? String(e)}`);
      figures.node_capacity_error = (e as Error).message.split('\n')[0]!;
      process.exitCode = 1;
    }
  }

  const stores: Store[] = pgliteOnly ? ['pglite'] : postgresOnly ? ['postgres'] : ['postgres', 'pglite'];
  for (const store of stores) {
    try {
      await storeBench(store, figures);
    } catch (e) {
      log(`  ${store} run failed: ${(e as Error).stack ?? String(e)}`);
      figures[`${store}_error`] = (e as Error).message.split('\n')[0]!;
      process.exitCode = 1;
    }
  }

  if (growth) {
    try {
      await growthBench(figures);
    } catch (e) {
      log(`  growth run failed: ${(e as Error).stack ?? String(e)}`);
      figures.growth_error = (e as Error).message.split('\n')[0]!;
      process.exitCode = 1;
    }
  }

  const num = (k: string) => (typeof figures[k] === 'number' ? (figures[k] as number) : Number.NaN);
  const ratios = {
    records_per_s_ratio: num('records_per_s') / GOAL_RECORDS_PER_S,
    create_p50_ratio: num('create_p50_ms_1') / createP50Goal,
    verify_p99_ratio: num('verify_p99_ms') / GOAL_VERIFY_P99_MS,
    records_per_node_ratio: num('records_per_s') / num('node_acked_tx_per_s'),
    pglite_records_ratio: num('records_per_s_pglite') / num('records_per_s'),
    pglite_create_50_ratio: num('create_per_s_50_pglite') / num('create_per_s_50'),
    pglite_create_p99_50_ratio: num('create_p99_ms_50_pglite') / GOAL_CREATE_P99_MS_50_PGLITE,
  };
  const goals = {
    records_per_s_goal_met: ratios.records_per_s_ratio >= 1,
    create_p50_goal_met: ratios.create_p50_ratio <= 1,
    verify_p99_goal_met: ratios.verify_p99_ratio <= 1,
    records_per_node_goal_met: ratios.records_per_node_ratio >= GOAL_SHARE,
    pglite_records_goal_met: ratios.pglite_records_ratio >= GOAL_SHARE,
    pglite_create_50_goal_met: ratios.pglite_create_50_ratio >= GOAL_SHARE,
    pglite_create_p99_50_goal_met: ratios.pglite_create_p99_50_ratio <= 1,
    growth_goal_met: num('growth_ratio_max') <= GOAL_GROWTH_RATIO,
  };
  const goal = (text: string, ratio: number, want: string, met: boolean) =>
    log(
      `  ${text} = ${fmt(ratio, 3)} (goal ${want}) ${Number.isNaN(ratio) ? 'not measured' : met ? 'met' : 'MISSED'}`,
    );
  log(`\nGoals (PostgreSQL figures${pgliteOnly ? '; none with --pglite-only' : ''})`);
  goal(
    `records_per_s / ${GOAL_RECORDS_PER_S}`,
    ratios.records_per_s_ratio,
    '≥ 1',
    goals.records_per_s_goal_met,
  );
  goal(
    `create_p50_ms_1 / (2 × ${blockInterval} + 50 ms)`,
    ratios.create_p50_ratio,
    '≤ 1',
    goals.create_p50_goal_met,
  );
  goal(`verify_p99_ms / ${GOAL_VERIFY_P99_MS} ms`, ratios.verify_p99_ratio, '≤ 1', goals.verify_p99_goal_met);
  goal(
    'records_per_s / node_acked_tx_per_s',
    ratios.records_per_node_ratio,
    `≥ ${GOAL_SHARE}`,
    goals.records_per_node_goal_met,
  );
  goal(
    'records_per_s_pglite / records_per_s',
    ratios.pglite_records_ratio,
    `≥ ${GOAL_SHARE}`,
    goals.pglite_records_goal_met,
  );
  goal(
    'create_per_s_50_pglite / create_per_s_50',
    ratios.pglite_create_50_ratio,
    `≥ ${GOAL_SHARE}`,
    goals.pglite_create_50_goal_met,
  );
  goal(
    `create_p99_ms_50_pglite / ${GOAL_CREATE_P99_MS_50_PGLITE} ms`,
    ratios.pglite_create_p99_50_ratio,
    '≤ 1',
    goals.pglite_create_p99_50_goal_met,
  );
  goal('growth_ratio_max', num('growth_ratio_max'), `≤ ${GOAL_GROWTH_RATIO}`, goals.growth_goal_met);

  log('\nReference implementation (measured on this machine by its author)');
  log(
    `  1 client: ${REFERENCE.one.perS} records/s, p50 ${fmt(REFERENCE.one.p50Ms / 1000, 1)} s; 10 clients: ${REFERENCE.ten.perS} records/s, p50 ${fmt(REFERENCE.ten.p50Ms / 1000)} s`,
  );
  for (const sfx of stores.map((s) => (s === 'postgres' ? '' : '_pglite'))) {
    const label = sfx === '' ? 'PostgreSQL' : 'PGlite';
    log(
      `  here (${label}): 1 doctor ${fmt(num(`create_per_s_1${sfx}`), 2)} records/s, p50 ${fmt(num(`create_p50_ms_1${sfx}`) / 1000, 2)} s; ` +
        `10 doctors ${fmt(num(`create_per_s_10${sfx}`), 2)} records/s, p50 ${fmt(num(`create_p50_ms_10${sfx}`) / 1000, 2)} s; ` +
        `capacity ${fmt(num(`records_per_s${sfx}`), 1)} records/s (${fmt(num(`records_per_s${sfx}`) / REFERENCE.one.perS)}× the reference's ${REFERENCE.one.perS})`,
    );
  }
  log(`\nTotal bench time ${fmt((performance.now() - started) / 1000, 1)} s`);

  if (json) {
    const out: Figures = { ...figures };
    for (const [k, v] of Object.entries(ratios)) out[k] = round(v, 3);
    Object.assign(out, goals, { quick, pglite_only: pgliteOnly, store_postgres: !pgliteOnly });
    for (const [k, v] of Object.entries(out)) if (typeof v === 'number' && !Number.isFinite(v)) out[k] = null;
    for (const k of [
      'records_per_s',
      'records_per_s_pglite',
      'node_acked_tx_per_s',
      'capacity_in_flight',
      'create_per_s_50',
      'create_per_s_50_pglite',
      'create_p99_ms_50_pglite',
      'growth_ratio_max',
      'create_p50_ms_1',
      'create_p50_ms_50',
      'create_p99_ms_50',
      'verify_p50_ms',
      'verify_p99_ms',
      'login_p50_ms',
    ])
      out[k] ??= null;
    console.log(JSON.stringify(out));
  }
}

stopOnSignal('the API and the nodes', stopAllStacks);

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAllStacks();
  });
