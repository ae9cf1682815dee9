import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { path } from '../../../lib/url-path';
import type { HealthAuthority } from '../../../types/entities';

/** GET /api/health_authority/{id} (the signed-in user's own details, contract 7.C). */
export const getHealthAuthority = (id: string): Promise<HealthAuthority> =>
  api<HealthAuthority>(path`/api/health_authority/${id}`);

export const getHealthAuthorityQuery = (id: string) =>
  queryOptions({ queryKey: ['health-authorities', 'detail', id], queryFn: () => getHealthAuthority(id) });

export const useHealthAuthority = (id: string) => useQuery(getHealthAuthorityQuery(id));
