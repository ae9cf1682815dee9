import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { AccessRequest } from './types';

/** GET /api/requests/patient: the pending inbox, a bare array; only Authorization is sent (1.2). */
export const getPatientRequests = (): Promise<AccessRequest[]> =>
  api('/api/requests/patient', { jsonContentType: false });

export const patientRequestsQuery = () =>
  queryOptions({ queryKey: ['requests', 'patient'], queryFn: getPatientRequests });

export const usePatientRequests = () => useQuery(patientRequestsQuery());
