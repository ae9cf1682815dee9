import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Doctor } from '../../../types/entities';

/** GET /api/doctors: the signed-in health authority's doctors. */
export const getDoctors = (): Promise<{ doctors: Doctor[] }> => api('/api/doctors');

export const doctorsQuery = () => queryOptions({ queryKey: ['doctors', 'list'], queryFn: getDoctors });

export const useDoctors = () => useQuery(doctorsQuery());
