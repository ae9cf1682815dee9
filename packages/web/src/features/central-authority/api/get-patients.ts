import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Patient } from '../../../types/entities';

/** GET /api/patients (central authority). */
export const getPatients = (): Promise<{ patients: Patient[] }> => api('/api/patients');

export const patientsQuery = () => queryOptions({ queryKey: ['patients', 'list'], queryFn: getPatients });

export const usePatients = () => useQuery(patientsQuery());
