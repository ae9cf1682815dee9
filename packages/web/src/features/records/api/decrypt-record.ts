import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { path } from '../../../lib/url-path';
import type { KeyedRecord } from '../../../types/records';

/**
 * POST /api/health-records/decrypt/{id} {secret_key} (doctor with a grant, 2.7). It consumes the
 * grant, so the external list is stale afterwards.
 */
export const decryptRecord = (id: string, secretKey: string): Promise<KeyedRecord> =>
  api(path`/api/health-records/decrypt/${id}`, { method: 'POST', body: { secret_key: secretKey } });

export function useDecryptRecord(id: string, secretKey: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => decryptRecord(id, secretKey),
    onSettled: () => qc.invalidateQueries({ queryKey: ['requests', 'doctor'] }),
  });
}
