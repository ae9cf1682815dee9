import { api } from '../../../lib/api-client';

export interface LoginInput {
  id: string;
  password: string;
}
export interface LoginResponse {
  access_token: string;
  message: string;
}

/**
 * POST /api/login (contract 2.2). Public: a 401 here is a wrong password, not an ended session.
 * A plain function rather than a query hook: the login page ships in the first chunk, which
 * carries neither TanStack Query nor MUI.
 */
export const login = (input: LoginInput): Promise<LoginResponse> =>
  api<LoginResponse>('/api/login', { method: 'POST', body: input, auth: false });
