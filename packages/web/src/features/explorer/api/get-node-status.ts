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
