import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { retryLostAnswers } from '../../../lib/idempotency';
import { doctorRequestsQuery } from './get-doctor-requests';
import type { AccessRequest } from './types';

export interface SendRequestInput {
  health_record_id: string;
  patient_id: string;
}

/** POST /api/requests {health_record_id, patient_id} (doctor, 2.12), safe to retry with its key. */
export const sendRequest = (input: SendRequestInput, idempotencyKey: string): Promise<AccessRequest> =>
  api('/api/requests', { method: 'POST', body: input, idempotencyKey });

/**
 * The doctor's card shows Pending at once: the request joins the cached outbox before the server
 * answers (optimistic), is taken out again if the server refuses, and the outbox is re-read after.
 */
export function useSendRequest() {
  const qc = useQueryClient();
  const key = doctorRequestsQuery().queryKey;
  return useMutation({
    // The key is made once per click, in the variables, so TanStack's retries reuse it.
    mutationFn: ({ idempotencyKey, ...input }: SendRequestInput & { idempotencyKey: string }) =>
      sendRequest(input, idempotencyKey),
    retry: retryLostAnswers,
    onMutate: async ({ idempotencyKey, ...input }) => {
      await qc.cancelQueries({ queryKey: key });
      const before = qc.getQueryData(key);
      const optimistic: AccessRequest = {
        _id: `pending-${idempotencyKey}`,
        ...input,
        health_authority_id: '',
        status: 'pending',
      };
      qc.setQueryData(key, (old) => [...(old ?? []), optimistic]);
      return { before };
    },
    onError: (_e, _v, context) => {
      if (context !== undefined) qc.setQueryData(key, context.before);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
}
