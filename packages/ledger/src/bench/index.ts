/** What other packages' benchmarks share with the ledger's: timing helpers and the bare verify and hash loops. */
export { type BenchArgs, benchArgs } from './args.js';
export { bareSha256dRate } from './hashing.js';
export { mean, median, percentile, rateOver, round } from './measure.js';
export { stopOnSignal } from './signals.js';
export { bestEd25519VerifyRate, ed25519VerifyRate, openBench } from './validation.js';
