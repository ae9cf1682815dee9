import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { HealthAuthority } from '../../../types/entities';

/** GET /api/health-authorities (central authority). */
export const getHealthAuthorities = (): Promise<{ health_authorities: HealthAuthority[] }> =>
  api('/api/health-authorities');

export const healthAuthoritiesQuery = () =>
  queryOptions({ queryKey: ['health-authorities', 'list'], queryFn: getHealthAuthorities });

export const useHealthAuthorities = () => useQuery(healthAuthoritiesQuery());
