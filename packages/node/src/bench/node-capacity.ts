/**
 * The three validators' own capacity for record anchors (the transaction every new health
 * record writes), found by a sweep: transactions kept in flight over the nodes' RPC, doubling
 * until the steady acknowledged rate gains under `minGain` (capacity-sweep.ts). The node bench
 * runs it after its latency runs; the API bench runs it on a network of its own, so that the API's
 * records/s can be set against the chain's plateau measured in the same run.
 */
import {
  compactFromTarget,
  createGenesis,
  DEFAULT_CONSENSUS,
  type Genesis,
  type GenesisDoc,
  parseGenesis,
  targetFromCompact,
} from '@chartproof/ledger';
import { percentile } from '@chartproof/ledger/bench';
import { testKey } from '@chartproof/ledger/testing';
import { NodeRpcClient } from '../rpc/rpc-client.js';
import { capacitySweep, type SweepResult } from './capacity-sweep.js';
import { authOption, Cluster, type NodeProcess } from './cluster.js';
import { type CapacityResult, capacityRun, signAnchors, signSetup, TxSource } from './load.js';
import { fmt, waitFor } from './measure.js';

/** The bench genesis of the test keys, targeting `blockInterval` ms. */
export function benchGenesisDoc(network: string, blockInterval: number): GenesisDoc {
  return createGenesis({
    network,
    centralAuthority: testKey('central-authority').publicKey,
    validators: [0, 1, 2].map((i) => testKey(`validator-${i}`).publicKey),
    consensus: {
      block_interval_ms: blockInterval,
      // The default's hashes per block, scaled to the interval: the retarget starts near its goal.
      initial_bits: compactFromTarget(
        (targetFromCompact(DEFAULT_CONSENSUS.initial_bits) * BigInt(DEFAULT_CONSENSUS.block_interval_ms)) /
          BigInt(blockInterval),
      ),
    },
  });
}

interface ChainStatus {
  height: number;
  tip_timestamp: number;
  peers: unknown[];
}

/** Three validators of the test keys, connected to each other. */
export async function startValidators(cluster: Cluster): Promise<NodeProcess[]> {
  const n0 = await cluster.start({ name: 'v0', key: testKey('validator-0') });
  const n1 = await cluster.start({ name: 'v1', key: testKey('validator-1'), peers: [n0.url] });
  const n2 = await cluster.start({ name: 'v2', key: testKey('validator-2'), peers: [n0.url, n1.url] });
  const nodes = [n0, n1, n2];
  await waitFor(
    'the three nodes to connect to each other',
    async () => {
      const s = await Promise.all(nodes.map((n) => n.rpc.call<ChainStatus>('status')));
      return s.every((x) => x.peers.length >= 2) ? true : undefined;
    },
    30_000,
  );
  return nodes;
}

/** The test hospital and patient the anchors name, registered and acknowledged (untimed). */
export async function registerSetup(nodes: readonly NodeProcess[], genesis: Genesis): Promise<void> {
  await Promise.all(
    signSetup(genesis).map((tx) => nodes[0]!.rpc.call('submit', { tx, timeout_ms: 60_000 }, 65_000)),
  );
}

export interface BlockStats {
  readonly blocks: number;
  readonly txPerBlock: number;
  readonly intervalMs: number;
}

export interface NodeCapacityOptions {
  /** In flight at the first step, and at most. */
  readonly first: number;
  readonly max: number;
  /** A step must beat the best so far by this fraction to go on. */
  readonly minGain: number;
  /** Least acknowledgements a step waits for (it waits for 4 × in flight if more). */
  readonly capacity: number;
  /** A step ends after this long even short of its acknowledgements. */
  readonly stepMaxMs: number;
  /** Record numbers of the anchors start here (earlier ones were used by the caller). */
  readonly firstAnchor?: number;
}

/** In flight per RPC connection, well under the node's rpcMaxInFlight (5,000). */
const PER_CONNECTION = 2500;

export type NodeSweep = SweepResult<{ cap: CapacityResult; stats: BlockStats }>;

/** The sweep on running validators; one line per step through `log`. */
export async function sweepNodeCapacity(
  nodes: readonly NodeProcess[],
  genesis: Genesis,
  o: NodeCapacityOptions,
  log: (line: string) => void,
): Promise<NodeSweep> {
  const status = () => nodes[0]!.rpc.call<ChainStatus>('status');
  let nextAnchor = o.firstAnchor ?? 1;
  return capacitySweep(
    { first: Math.min(o.first, o.max), max: o.max, minGain: o.minGain },
    async (inFlight) => {
      const target = Math.max(o.capacity, 4 * inFlight);
      // Signed before the step and untimed; every step anchors records of its own.
      const source = new TxSource(signAnchors(genesis, target + inFlight, nextAnchor));
      nextAnchor += target + inFlight;
      // A node answers OVERLOADED beyond rpcMaxInFlight requests on one connection.
      const perNode = Math.ceil(inFlight / (nodes.length * PER_CONNECTION));
      const clients = nodes.flatMap((n) =>
        Array.from(
          { length: perNode },
          () => new NodeRpcClient(n.url, { timeoutMs: 300_000, ...authOption(n.auth) }),
        ),
      );
      const before = await status();
      try {
        const cap = await capacityRun(clients, source, inFlight, target, o.stepMaxMs);
        const after = await status();
        const blocks = after.height - before.height;
        const stats: BlockStats = {
          blocks,
          txPerBlock: blocks > 0 ? cap.acked / blocks : Number.NaN,
          intervalMs: blocks > 0 ? (after.tip_timestamp - before.tip_timestamp) / blocks : Number.NaN,
        };
        log(
          `  ${fmt(inFlight)} in flight: ${fmt(cap.steadyTxPerS, 1)} acknowledged tx/s steady ` +
            `(${fmt((cap.acked / cap.elapsedMs) * 1000, 1)} from the first submission; ${fmt(cap.acked)} in ${fmt(cap.elapsedMs / 1000, 1)} s, ${cap.errors} errors), ` +
            `latency p50 ${fmt(percentile(cap.latencies, 50))} ms, p99 ${fmt(percentile(cap.latencies, 99))} ms`,
        );
        log(
          `    ${stats.blocks} blocks, ${fmt(stats.txPerBlock, 1)} tx/block, mean block interval ${fmt(stats.intervalMs)} ms`,
        );
        if (cap.firstError !== undefined) log(`    first error: ${cap.firstError}`);
        return { txPerS: cap.steadyTxPerS, result: { cap, stats } };
      } finally {
        await Promise.all(clients.map((c) => c.close()));
      }
    },
  );
}

/** A network of its own (bench genesis at `blockInterval`), swept, then stopped. */
export async function measureNodeCapacity(
  blockInterval: number,
  o: NodeCapacityOptions,
  log: (line: string) => void,
): Promise<NodeSweep> {
  const doc = benchGenesisDoc('chartproof-bench-capacity', blockInterval);
  const cluster = new Cluster('capacity', doc, testKey('central-authority'));
  try {
    const nodes = await startValidators(cluster);
    const genesis = parseGenesis(doc);
    await registerSetup(nodes, genesis);
    return await sweepNodeCapacity(nodes, genesis, o, log);
  } finally {
    await cluster.cleanup();
  }
}
