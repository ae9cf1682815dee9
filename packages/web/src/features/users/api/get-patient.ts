import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { path } from '../../../lib/url-path';
import type { Patient } from '../../../types/entities';

/** GET /api/patients/{id} (the signed-in user's own details, contract 7.C). */
export const getPatient = (id: string): Promise<Patient> => api<Patient>(path`/api/patients/${id}`);

export const getPatientQuery = (id: string) =>
  queryOptions({ queryKey: ['patients', 'detail', id], queryFn: () => getPatient(id) });

export const usePatient = (id: string) => useQuery(getPatientQuery(id));
