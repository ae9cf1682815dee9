import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { path } from '../../../lib/url-path';
import { getSecretKey } from './get-secret-key';
import { refreshRequests } from './refresh-requests';
import type { AccessRequest } from './types';

/** Accept (contract 7.D): GET the record's secret_key, then PATCH the request with that very body. */
export async function approveRequest(request: AccessRequest): Promise<{ message: string }> {
  const body = await getSecretKey(request.health_record_id);
  return api(path`/api/requests/${request._id}`, { method: 'PATCH', body });
}

export function useApproveRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: approveRequest,
    onSuccess: () => refreshRequests(qc),
  });
}
