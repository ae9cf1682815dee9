import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { KeyedRecord } from '../../../types/records';

/** GET /api/health-records (patient); the reference sends only Authorization here (1.2). */
export const getMyRecords = (): Promise<{ health_records: KeyedRecord[] }> =>
  api('/api/health-records', { jsonContentType: false });

export const myRecordsQuery = () =>
  queryOptions({ queryKey: ['health-records', 'mine'], queryFn: getMyRecords });

export const useMyRecords = () => useQuery(myRecordsQuery());
