import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { newPassword, phoneNumber, requiredText } from '../../../lib/validation';
import type { CreatedEntity } from './create-patient';

/** Contract 2.4: name, type, address, phone, password. */
export const createHealthAuthoritySchema = z.object({
  name: requiredText('Name'),
  type: requiredText('Type'),
  address: requiredText('Address'),
  phone: phoneNumber('Phone'),
  password: newPassword,
});
export type CreateHealthAuthorityInput = z.infer<typeof createHealthAuthoritySchema>;

/** POST /api/health-authority (hyphen, singular: contract 1.1). */
export const createHealthAuthority = (input: CreateHealthAuthorityInput): Promise<CreatedEntity> =>
  api<CreatedEntity>('/api/health-authority', { method: 'POST', body: input });

export function useCreateHealthAuthority() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createHealthAuthority,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['health-authorities', 'list'] }),
  });
}
