import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { newPassword, requiredText } from '../../../lib/validation';

export const createDoctorSchema = z.object({
  first_name: requiredText('First Name'),
  last_name: requiredText('Last Name'),
  password: newPassword,
});
export type CreateDoctorInput = z.infer<typeof createDoctorSchema>;

/** POST /api/doctors (health authority): 201 {message: "Doctor successfully added", id}. */
export const createDoctor = (input: CreateDoctorInput): Promise<{ id: string; message: string }> =>
  api('/api/doctors', { method: 'POST', body: input });

export function useCreateDoctor() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createDoctor,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['doctors', 'list'] }),
  });
}
