import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Role } from '../../../lib/token';

export type AuditAction = 'login' | 'read' | 'decrypt' | 'verify' | 'grant' | 'revoke' | 'create' | 'denied';

export interface AuditEntry {
  seq: number;
  at: string;
  actor_id: string;
  actor_type: Role;
  actor_name: string;
  action: AuditAction;
  record_id: string | null;
  patient_id: string | null;
  /** Absent in a patient's view: addresses are for the authorities' investigations. */
  ip?: string;
  checkpointed: boolean;
}

/** GET /api/audit: newest first, at most 500; what each role may see is the server's call. */
export const getAudit = (): Promise<{ entries: AuditEntry[] }> => api('/api/audit');

export const auditQuery = () => queryOptions({ queryKey: ['audit', 'list'], queryFn: getAudit });

export const useAudit = () => useQuery(auditQuery());
