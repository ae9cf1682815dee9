import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { path } from '../../../lib/url-path';
import type { KeyedRecord } from '../../../types/records';

/** GET /api/health-records/patient/{pid}?own=true: this HA's records of the patient (2.11 A). */
export const getOwnPatientRecords = (pid: string): Promise<{ health_records: KeyedRecord[] }> =>
  api(path`/api/health-records/patient/${pid}?own=true`);

export const ownPatientRecordsQuery = (pid: string) =>
  queryOptions({
    queryKey: ['health-records', 'patient', pid, 'own'],
    queryFn: () => getOwnPatientRecords(pid),
  });

export const useOwnPatientRecords = (pid: string | null) =>
  useQuery({ ...ownPatientRecordsQuery(pid ?? ''), enabled: pid !== null });
