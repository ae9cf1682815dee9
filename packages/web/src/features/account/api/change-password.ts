import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { ApiError } from '../../../lib/api-error';
import { reportSessionExpired } from '../../../lib/session-expiry';

/** The server's rule (packages/api/src/auth/password-policy.ts), checked here first for the length. */
export const MIN_LENGTH = 12;
export const PASSWORD_HINT = `At least ${MIN_LENGTH} characters; not your current password, your ID, or a common one`;

export const changePasswordSchema = z
  .object({
    current_password: z.string().min(1, 'Enter your current password'),
    new_password: z
      .string()
      .refine((s) => [...s].length >= MIN_LENGTH, `At least ${MIN_LENGTH} characters`)
      .refine((s) => [...s].length <= 256, 'At most 256 characters'),
    repeat_password: z.string(),
  })
  .refine((v) => v.new_password !== v.current_password, {
    path: ['new_password'],
    message: 'Choose a password different from the current one',
  })
  .refine((v) => v.repeat_password === v.new_password, {
    path: ['repeat_password'],
    message: 'The two new passwords differ',
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export interface ChangePasswordResponse {
  access_token: string;
  message: string;
}

/**
 * POST /api/auth/password (issue #14): 200 with a new token (earlier ones stop working), 400
 * naming the field, 401 `current_password: …` for a wrong current password. Any other 401 is an
 * ended session, reported as every other call reports one.
 */
export async function changePassword(input: ChangePasswordInput): Promise<ChangePasswordResponse> {
  try {
    return await api<ChangePasswordResponse>('/api/auth/password', {
      method: 'POST',
      body: { current_password: input.current_password, new_password: input.new_password },
      endsSessionOn401: false,
    });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && fieldOf(e.message) === null)
      reportSessionExpired(e.message);
    throw e;
  }
}

/** The form field a server message names (`new_password: must …`), or null. */
export function fieldOf(message: string): 'current_password' | 'new_password' | null {
  const m = /^(current_password|new_password): /.exec(message);
  return m === null ? null : (m[1] as 'current_password' | 'new_password');
}

export const useChangePassword = () => useMutation({ mutationFn: changePassword });
