import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { retryLostAnswers } from '../../../lib/idempotency';
import type { AccessRequest } from './types';

export interface SendRequestInput {
  health_record_id: string;
  patient_id: string;
}

/** POST /api/requests {health_record_id, patient_id} (doctor, 2.12), safe to retry with its key. */
export const sendRequest = (input: SendRequestInput, idempotencyKey: string): Promise<AccessRequest> =>
  api('/api/requests', { method: 'POST', body: input, idempotencyKey });

export function useSendRequest() {
  const qc = useQueryClient();
  return useMutation({
    // The key is made once per click, in the variables, so TanStack's retries reuse it.
    mutationFn: ({ idempotencyKey, ...input }: SendRequestInput & { idempotencyKey: string }) =>
      sendRequest(input, idempotencyKey),
    retry: retryLostAnswers,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['requests', 'doctor'] }),
  });
}
