/**
 * A health authority's name from what the signed-in user may already read: the API shows an
 * authority's details only to itself and its doctors (F6), so the explorer names it from the
 * list the central authority keeps, the authority's own details, a doctor's employer, or the
 * authority named on the patient's own records. Anyone else sees "a health authority".
 */
import { useQuery } from '@tanstack/react-query';
import { useUser } from '../../../features/auth/auth-provider';
import { healthAuthoritiesQuery } from '../../../features/central-authority/api/get-health-authorities';
import { myRecordsQuery } from '../../../features/records/api/get-my-records';
import { getDoctorQuery } from '../../../features/users/api/get-doctor';
import { getHealthAuthorityQuery } from '../../../features/users/api/get-health-authority';

export function useAuthorityName(id: string | null): { name: string | undefined; settled: boolean } {
  const user = useUser();
  const on = (role: typeof user.role) => id !== null && user.role === role;
  const list = useQuery({ ...healthAuthoritiesQuery(), enabled: on('central_authority') });
  const self = useQuery({
    ...getHealthAuthorityQuery(user.id),
    enabled: on('health_authorities') && id === user.id,
  });
  const doctor = useQuery({ ...getDoctorQuery(user.id), enabled: on('doctors') });
  const records = useQuery({ ...myRecordsQuery(), enabled: on('patients') });
  if (id === null) return { name: undefined, settled: true };
  const name =
    list.data?.health_authorities.find((h) => h._id === id)?.name ??
    (self.data?._id === id ? self.data.name : undefined) ??
    (doctor.data?.health_authority_id === id ? doctor.data.health_authority_name : undefined) ??
    records.data?.health_records.find((r) => r.health_record.health_authority_id === id)?.health_record
      .health_authority_name;
  const pending = [list, self, doctor, records].some((q) => q.fetchStatus === 'fetching');
  return { name, settled: !pending };
}
