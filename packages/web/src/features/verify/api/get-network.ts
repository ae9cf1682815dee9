import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface NetworkInfo {
  network: string;
  genesis_hash: string;
  genesis: unknown;
  /** Read-only HTTP base URLs; the API talks to nodes[0] first. */
  nodes: string[];
}

/** GET /api/network (public). */
export const getNetwork = (): Promise<NetworkInfo> => api('/api/network', { auth: false });

export const networkQuery = () =>
  queryOptions({ queryKey: ['network'], queryFn: getNetwork, staleTime: 5 * 60_000 });

export const useNetwork = () => useQuery(networkQuery());

/**
 * The node to check against: one the API does not use first, so a lying API server and its own
 * node are not the only witnesses. With a single node there is no other choice (and we say so).
 */
export function independentNode(nodes: readonly string[]): { url: string; independent: boolean } | null {
  if (nodes.length === 0) return null;
  if (nodes.length === 1) return { url: nodes[0]!, independent: false };
  const others = nodes.slice(1);
  return { url: others[Math.floor(Math.random() * others.length)]!, independent: true };
}
