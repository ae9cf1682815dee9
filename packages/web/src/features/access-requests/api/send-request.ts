import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { AccessRequest } from './types';

export interface SendRequestInput {
  health_record_id: string;
  patient_id: string;
}

/** POST /api/requests {health_record_id, patient_id} (doctor, 2.12). */
export const sendRequest = (input: SendRequestInput): Promise<AccessRequest> =>
  api('/api/requests', { method: 'POST', body: input });

export function useSendRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: sendRequest,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['requests', 'doctor'] }),
  });
}
