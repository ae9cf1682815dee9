import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { nodeGet } from '../../../lib/node-client';
import type { BlockSummary } from './types';

export interface BlocksPage {
  /** The node's tip height. */
  height: number;
  blocks: BlockSummary[];
}

/** GET {node}/blocks?limit=N[&before=H]: up to N blocks below height H (else the newest), newest first. */
export const getBlocks = (node: string, limit: number, before: number | null = null): Promise<BlocksPage> =>
  nodeGet(node, `/blocks?limit=${limit}${before === null ? '' : `&before=${before}`}`);

export const blocksQuery = (node: string, limit: number, before: number | null = null) =>
  queryOptions({
    queryKey: ['nodes', node, 'blocks', limit, before],
    queryFn: () => getBlocks(node, limit, before),
    // Only the newest page changes; older pages are history.
    refetchInterval: before === null ? 5000 : false,
    placeholderData: keepPreviousData,
  });

export const useBlocks = (node: string | null, limit = 100, before: number | null = null) =>
  useQuery({ ...blocksQuery(node ?? '', limit, before), enabled: node !== null });
