import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { path } from '../../../lib/url-path';
import { refreshRequests } from './refresh-requests';

/**
 * DELETE /api/requests/{id}: declines a pending request, or revokes an accepted grant (which
 * writes access.revoke on chain).
 */
export const deleteRequest = (id: string): Promise<{ message: string }> =>
  api(path`/api/requests/${id}`, { method: 'DELETE' });

export function useDeleteRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteRequest,
    onSuccess: () => refreshRequests(qc),
  });
}
