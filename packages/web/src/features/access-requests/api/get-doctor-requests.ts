import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { AccessRequest } from './types';

/**
 * GET /api/requests/doctors: this HA's pending and accepted requests. The reference calls it
 * once per external card; the shared query key makes that one call per search.
 */
export const getDoctorRequests = (): Promise<AccessRequest[]> => api('/api/requests/doctors');

export const doctorRequestsQuery = () =>
  queryOptions({ queryKey: ['requests', 'doctor'], queryFn: getDoctorRequests });

export const useDoctorRequests = (enabled = true) => useQuery({ ...doctorRequestsQuery(), enabled });
