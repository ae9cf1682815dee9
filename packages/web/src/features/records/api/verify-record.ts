import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { path } from '../../../lib/url-path';

export interface VerifyResponse {
  blockchain_response: string;
}

/** POST /api/health-records/verify/{id} {secret_key}: the server's own integrity check (2.8). */
export const verifyRecord = (id: string, secretKey: string): Promise<VerifyResponse> =>
  api(path`/api/health-records/verify/${id}`, { method: 'POST', body: { secret_key: secretKey } });

export const useVerifyRecord = (id: string, secretKey: string) =>
  useMutation({ mutationFn: () => verifyRecord(id, secretKey) });
