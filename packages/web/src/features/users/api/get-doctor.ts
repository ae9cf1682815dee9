import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { path } from '../../../lib/url-path';
import type { Doctor } from '../../../types/entities';

/** GET /api/doctors/{id} (the signed-in user's own details, contract 7.C). */
export const getDoctor = (id: string): Promise<Doctor> => api<Doctor>(path`/api/doctors/${id}`);

export const getDoctorQuery = (id: string) =>
  queryOptions({ queryKey: ['doctors', 'detail', id], queryFn: () => getDoctor(id) });

export const useDoctor = (id: string) => useQuery(getDoctorQuery(id));
