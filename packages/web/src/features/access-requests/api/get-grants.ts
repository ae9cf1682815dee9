import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Grant } from './types';

/** GET /api/grants (patient): access given and not revoked, a bare array. */
export const getGrants = (): Promise<Grant[]> => api('/api/grants');

export const grantsQuery = () => queryOptions({ queryKey: ['requests', 'grants'], queryFn: getGrants });

export const useGrants = () => useQuery(grantsQuery());
