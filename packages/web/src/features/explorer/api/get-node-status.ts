import { queryOptions, useQueries } from '@tanstack/react-query';
import { nodeGet } from '../../../lib/node-client';
import type { NodeStatus } from './types';

/** GET {node}/status, refreshed while the explorer is open. */
export const getNodeStatus = (node: string): Promise<NodeStatus> => nodeGet(node, '/status');

export const nodeStatusQuery = (node: string) =>
  queryOptions({
    queryKey: ['nodes', node, 'status'],
    queryFn: () => getNodeStatus(node),
    refetchInterval: 5000,
  });

export const useNodeStatuses = (nodes: readonly string[]) =>
  useQueries({ queries: nodes.map(nodeStatusQuery) });

/** "Node 2 (127.0.0.1:5002)": a node by its place in the network's list and its address. */
export function nodeLabel(url: string, index: number): string {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {}
  return `Node ${index + 1} (${host})`;
}

/** Each reachable node's key → its label, so a miner or acknowledger is named, not a key. */
export function useNodeNames(nodes: readonly string[]): ReadonlyMap<string, string> {
  const statuses = useNodeStatuses(nodes);
  const names = new Map<string, string>();
  statuses.forEach((q, i) => {
    if (q.data !== undefined) names.set(q.data.node_key, nodeLabel(nodes[i]!, i));
  });
  return names;
}
