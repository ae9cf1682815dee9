import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { newPassword, pastDate, personalId, phoneNumber, requiredText } from '../../../lib/validation';

/** The nine fields of contract 2.3, in the order the server checks them. */
export const createPatientSchema = z.object({
  first_name: requiredText('First Name'),
  last_name: requiredText('Last Name'),
  personal_id: personalId('Personal ID'),
  date_of_birth: pastDate('Date of Birth'),
  gender: requiredText('Gender'),
  address: requiredText('Address'),
  phone: phoneNumber('Phone'),
  citizenship: requiredText('Citizenship'),
  password: newPassword,
});
export type CreatePatientInput = z.infer<typeof createPatientSchema>;

export interface CreatedEntity {
  id: string;
  message: string;
}

/** POST /api/patients (central authority): 201 {id, message: "Patient successfully added"}. */
export const createPatient = (input: CreatePatientInput): Promise<CreatedEntity> =>
  api<CreatedEntity>('/api/patients', { method: 'POST', body: input });

export function useCreatePatient() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createPatient,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['patients', 'list'] }),
  });
}
