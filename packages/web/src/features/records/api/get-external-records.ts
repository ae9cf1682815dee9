import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { path } from '../../../lib/url-path';
import type { ExternalRecord } from '../../../types/records';

/** GET /api/health-records/patient/{pid}: the patient's records anchored by other HAs (2.11 B). */
export const getExternalRecords = (pid: string): Promise<{ blockchain_response: ExternalRecord[] }> =>
  api(path`/api/health-records/patient/${pid}`);

export const externalRecordsQuery = (pid: string) =>
  queryOptions({
    queryKey: ['health-records', 'patient', pid, 'external'],
    queryFn: () => getExternalRecords(pid),
  });

export const useExternalRecords = (pid: string | null) =>
  useQuery({ ...externalRecordsQuery(pid ?? ''), enabled: pid !== null });
