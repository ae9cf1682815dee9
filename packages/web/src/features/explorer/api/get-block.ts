import { queryOptions, useQuery } from '@tanstack/react-query';
import { nodeGet } from '../../../lib/node-client';
import { path } from '../../../lib/url-path';
import type { BlockDetail } from './types';

/** GET {node}/blocks/{hash}. */
export const getBlock = (node: string, hash: string): Promise<BlockDetail> =>
  nodeGet(node, path`/blocks/${hash}`);

export const blockQuery = (node: string, hash: string) =>
  queryOptions({ queryKey: ['nodes', node, 'block', hash], queryFn: () => getBlock(node, hash) });

export const useBlock = (node: string | null, hash: string) =>
  useQuery({ ...blockQuery(node ?? '', hash), enabled: node !== null });
