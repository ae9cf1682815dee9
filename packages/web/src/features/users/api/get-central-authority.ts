import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { path } from '../../../lib/url-path';
import type { CentralAuthority } from '../../../types/entities';

/** GET /api/central-authority/{id} (the signed-in user's own details, contract 7.C). */
export const getCentralAuthority = (id: string): Promise<CentralAuthority> =>
  api<CentralAuthority>(path`/api/central-authority/${id}`);

export const getCentralAuthorityQuery = (id: string) =>
  queryOptions({ queryKey: ['central-authority', 'detail', id], queryFn: () => getCentralAuthority(id) });

export const useCentralAuthority = (id: string) => useQuery(getCentralAuthorityQuery(id));
