import { queryOptions, useQuery } from '@tanstack/react-query';
import { nodeGet } from '../../../lib/node-client';
import { path } from '../../../lib/url-path';
import type { TxInfo } from './types';

/** GET {node}/tx/{id}. */
export const getTx = (node: string, id: string): Promise<TxInfo> => nodeGet(node, path`/tx/${id}`);

export const txQuery = (node: string, id: string) =>
  queryOptions({
    queryKey: ['nodes', node, 'tx', id],
    queryFn: () => getTx(node, id),
    // Pending and freshly mined transactions move on; an acknowledged one is settled.
    refetchInterval: (q) => (q.state.data?.status === 'acknowledged' ? false : 3000),
  });

export const useTx = (node: string, id: string, enabled = true) =>
  useQuery({ ...txQuery(node, id), enabled });
