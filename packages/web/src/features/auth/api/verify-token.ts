import { api } from '../../../lib/api-client';

/** POST /api/auth/verify: Bearer token, JSON content type, no body (contract 2.1, 7.A). */
export const verifyToken = (): Promise<unknown> => api('/api/auth/verify', { method: 'POST' });
