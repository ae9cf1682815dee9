/**
 * What other packages' benchmarks share with the node's: `chartproof node` child processes
 * (stopped by PID), the CLI entry point, and waiting/formatting helpers.
 */
export { CLI_MAIN, Cluster, cleanupAll, type NodeProcess, stopProcess } from './cluster.js';
export { fmt, sleep, waitFor } from './measure.js';
