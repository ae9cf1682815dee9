import { queryOptions, useQuery } from '@tanstack/react-query';
import { nodeGet } from '../../../lib/node-client';

export interface ChainAccount {
  key: string;
  role: 'central_authority' | 'health_authority' | 'patient' | 'service';
  /** The off-chain (API) id of the account holder; null for the central authority. */
  subject: string | null;
}

/** GET {node}/accounts/{key}: who registered a key as what (404 if no one did). */
export const getAccount = (node: string, key: string): Promise<ChainAccount> =>
  nodeGet(node, `/accounts/${key}`);

export const accountQuery = (node: string, key: string) =>
  queryOptions({
    queryKey: ['nodes', node, 'account', key],
    queryFn: () => getAccount(node, key),
    // A registration does not change once made; a key not yet registered is asked again later.
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

export const useAccount = (node: string, key: string, enabled = true) =>
  useQuery({ ...accountQuery(node, key), enabled });
