import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Role } from '../../../lib/token';

export type AuditAction =
  | 'login'
  | 'password_change'
  | 'read'
  | 'create'
  | 'decrypt'
  | 'verify'
  | 'request'
  | 'grant'
  | 'deny'
  | 'revoke'
  | 'denied';

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

/** The server-side filters of GET /api/audit; an absent field does not filter. */
export interface AuditFilter {
  action?: AuditAction;
  /** A date YYYY-MM-DD: from the start of that day. */
  from?: string;
  /** A date YYYY-MM-DD: up to the end of that day. */
  to?: string;
  /** The caller's own actions, everyone else's, or one actor's id. */
  who?: 'me' | 'others' | string;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** The `before` of the next (older) page; null or absent on the last one. */
  next?: number | null;
}

/** The query string for a filter and page; empty when neither filters, so the call stays as it was. */
export function auditSearch(filter: AuditFilter, before?: number): string {
  const q = new URLSearchParams();
  for (const k of ['action', 'from', 'to', 'who'] as const) {
    const v = filter[k];
    if (v !== undefined && v !== '') q.set(k, v);
  }
  if (before !== undefined) q.set('before', String(before));
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

/** GET /api/audit: newest first, at most 500 a page; what each role may see is the server's call. */
export const getAudit = (filter: AuditFilter = {}, before?: number): Promise<AuditPage> =>
  api(`/api/audit${auditSearch(filter, before)}`);

export const auditQuery = (filter: AuditFilter = {}, before?: number) =>
  queryOptions({
    queryKey: ['audit', 'list', filter, before ?? null],
    queryFn: () => getAudit(filter, before),
    // A new filter or page keeps the old rows on screen until the answer arrives.
    placeholderData: keepPreviousData,
  });

export const useAudit = (filter: AuditFilter = {}, before?: number) => useQuery(auditQuery(filter, before));
