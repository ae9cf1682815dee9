import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { path } from '../../../lib/url-path';
import type { Patient } from '../../../types/entities';

/** GET /api/patients/personal_id/{pid} (doctor search, contract 2.20). */
export const getPatientByPersonalId = (pid: string): Promise<Patient> =>
  api<Patient>(path`/api/patients/personal_id/${pid}`);

export const patientByPersonalIdQuery = (pid: string) =>
  queryOptions({ queryKey: ['patients', 'personal-id', pid], queryFn: () => getPatientByPersonalId(pid) });

export const usePatientByPersonalId = (pid: string | null) =>
  useQuery({ ...patientByPersonalIdQuery(pid ?? ''), enabled: pid !== null });
