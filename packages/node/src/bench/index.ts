/**
 * What other packages' benchmarks share with the node's: `chartproof node` child processes
 * (stopped by PID), the CLI entry point, waiting/formatting helpers, the capacity sweep's rule,
 * and the validators' own capacity for record anchors (a network of its own, swept).
 */
export { capacitySweep, type SweepResult, type SweepStep } from './capacity-sweep.js';
export { CLI_MAIN, Cluster, cleanupAll, type NodeProcess, stopProcess } from './cluster.js';
export { fmt, sleep, waitFor } from './measure.js';
export { measureNodeCapacity, type NodeCapacityOptions, type NodeSweep } from './node-capacity.js';
