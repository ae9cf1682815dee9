/**
 * `npm run bench -w packages/ledger [-- --json] [-- --long-chain N]`: the ledger's throughput
 * figures, printed for people; with --json the last line is one JSON object for tracking runs.
 * Goals are reported, never enforced: a benchmark on a shared machine must not fail a build.
 *
 * Figures: mining hash rate (the nonce search vs bare double SHA-256), block validation throughput
 * (vs bare Ed25519 verify), and the time to append a block at chain length 1,000 and 100,000.
 */
import { testGenesis } from '../testing.js';
import { appendBench } from './append.js';
import { bareSha256dRate, nonceSearchRate } from './hashing.js';
import { round } from './measure.js';
import { buildValidationBlocks, ed25519VerifyRate, validateTxRate } from './validation.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const longIndex = args.indexOf('--long-chain');
const longChain = longIndex >= 0 ? Number(args[longIndex + 1]) : 100_000;
if (!Number.isSafeInteger(longChain) || longChain < 1000) {
  console.error('--long-chain expects an integer of at least 1000');
  process.exit(2);
}

const log = (line: string) => console.log(line);
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const goal = (name: string, ratio: number, want: string, met: boolean) =>
  log(`  ${name} = ${ratio.toFixed(3)} (goal ${want}) ${met ? 'met' : 'MISSED'}`);

async function main(): Promise<void> {
  const genesis = testGenesis();
  log(`ChartProof ledger benchmark (node ${process.version}, ${process.platform}/${process.arch})`);

  // Alternating rounds, best of each, as for validation below: one 3 s sample of each side was
  // swung by a third by neighbours on this VM (bare 321k/s against the miner's 251k/s, once).
  // The miner process (nice 19, IPC) is the node's: its bench measures the same loop there.
  log('\nMining (4 alternating rounds of 1.5 s each, best round of each)');
  const bares: number[] = [];
  const miners: number[] = [];
  for (let i = 0; i < 4; i++) {
    bares.push(bareSha256dRate(1500));
    miners.push(nonceSearchRate(1500));
  }
  const bare = Math.max(...bares);
  const mining = Math.max(...miners);
  log(
    `  bare crypto.hash double SHA-256, 124-byte header: ${fmt(bare)} hashes/s (${bares.map(fmt).join(', ')})`,
  );
  log(
    `  searchNonce, chunks of 4,096, this process:        ${fmt(mining)} hashes/s (${miners.map(fmt).join(', ')})`,
  );

  log('\nValidation (2,000 record.anchor transactions in blocks of 250, memory store)');
  const fixture = await buildValidationBlocks(genesis, 2000, 250);
  await validateTxRate(genesis, fixture); // warm-up: the first pass runs before the JIT has
  // Rounds alternate the bare loop and validation so that machine noise falls on both, and each
  // figure is its best round: on this shared VM one round in three can lose a third of its speed
  // to neighbours (seen: bare verify 4,157-7,754/s within minutes), and with 3 rounds a bad round
  // on one side only was enough to swing the ratio by 0.1.
  const verifies: number[] = [];
  const rates: number[] = [];
  for (let i = 0; i < 7; i++) {
    verifies.push(ed25519VerifyRate(500));
    rates.push(await validateTxRate(genesis, fixture));
  }
  const verify = Math.max(...verifies);
  const validate = Math.max(...rates);
  log(`  bare node:crypto Ed25519 verify, one core: ${fmt(verify)} /s (${verifies.map(fmt).join(', ')})`);
  log(`  Chain.addBlock, signatures on the pool:  ${fmt(validate)} tx/s (${rates.map(fmt).join(', ')})`);

  log(`\nAppend one block to LMDB (validate + apply + durable commit), lengths 1,000 and ${fmt(longChain)}`);
  // 200 appends to each chain in turn: one slow fsync among 30 moved a mean by a third.
  const APPENDS = 200;
  const { buildMs, figures } = await appendBench(genesis, [1000, longChain], APPENDS, log);
  const [short, long] = figures as [(typeof figures)[0], (typeof figures)[0]];
  for (const f of figures) {
    log(
      `  at ${fmt(f.length)}: ${f.appendMs.toFixed(2)} ms mean, ${f.appendMedianMs.toFixed(2)} ms median (${APPENDS} appends)`,
    );
  }

  const ratios = {
    mining_ratio: mining / bare,
    validate_ratio: validate / verify,
    append_ratio: long.appendMs / short.appendMs,
  };
  log('\nGoals');
  goal('mining_hps / bare_sha256d_hps', ratios.mining_ratio, '≥ 0.9', ratios.mining_ratio >= 0.9);
  goal(
    'validate_tx_per_s / ed25519_verify_per_s',
    ratios.validate_ratio,
    '≥ 0.8',
    ratios.validate_ratio >= 0.8,
  );
  goal('append_ms_at_100k / append_ms_at_1k', ratios.append_ratio, '≤ 1.5', ratios.append_ratio <= 1.5);

  if (json) {
    console.log(
      JSON.stringify({
        mining_hps: round(mining),
        bare_sha256d_hps: round(bare),
        validate_tx_per_s: round(validate),
        ed25519_verify_per_s: round(verify),
        append_ms_at_1k: round(short.appendMs, 3),
        append_ms_at_100k: round(long.appendMs, 3),
        append_median_ms_at_1k: round(short.appendMedianMs, 3),
        append_median_ms_at_100k: round(long.appendMedianMs, 3),
        open_ms_at_1k: round(short.openMs, 1),
        open_ms_at_100k: round(long.openMs, 1),
        long_chain_build_ms: round(buildMs),
        long_chain_length: longChain,
        mining_ratio: round(ratios.mining_ratio, 3),
        validate_ratio: round(ratios.validate_ratio, 3),
        append_ratio: round(ratios.append_ratio, 3),
      }),
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
