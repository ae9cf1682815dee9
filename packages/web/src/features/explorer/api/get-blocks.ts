import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { nodeGet } from '../../../lib/node-client';
import type { BlockSummary } from './types';

/** GET {node}/blocks?limit=N: the newest blocks, newest first. */
export const getBlocks = (node: string, limit: number): Promise<{ height: number; blocks: BlockSummary[] }> =>
  nodeGet(node, `/blocks?limit=${limit}`);

export const blocksQuery = (node: string, limit: number) =>
  queryOptions({
    queryKey: ['nodes', node, 'blocks', limit],
    queryFn: () => getBlocks(node, limit),
    refetchInterval: 5000,
    placeholderData: keepPreviousData,
  });

export const useBlocks = (node: string | null, limit = 100) =>
  useQuery({ ...blocksQuery(node ?? '', limit), enabled: node !== null });
