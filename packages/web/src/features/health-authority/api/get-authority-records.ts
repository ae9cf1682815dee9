import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface AuthorityRecord {
  _id: string;
  patient_id: string;
  patient_first_name: string;
  patient_last_name: string;
  doctor_id: string;
  doctor_first_name: string;
  doctor_last_name: string;
  date: string;
  status: 'pending' | 'anchored';
  /** The stored record does not decrypt (possible tampering): names and date are not known. */
  unreadable?: true;
  problem?: string;
}

/** GET /api/health-records/authority: records the health authority's doctors wrote (metadata only). */
export const getAuthorityRecords = (): Promise<{ health_records: AuthorityRecord[] }> =>
  api('/api/health-records/authority');

export const authorityRecordsQuery = () =>
  queryOptions({ queryKey: ['health-records', 'authority'], queryFn: getAuthorityRecords });

export const useAuthorityRecords = () => useQuery(authorityRecordsQuery());
