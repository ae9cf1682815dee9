/**
 * The header's "who am I": one call per role, exactly as contract 7.C lists them, with the same
 * field labels as the reference client.
 */
import Typography from '@mui/material/Typography';
import type { UseQueryResult } from '@tanstack/react-query';
import { DetailList, type DetailRow } from '../../../components/ui/detail-list';
import { QueryState } from '../../../components/ui/query-state';
import { formatDate } from '../../../lib/format';
import type { SessionUser } from '../../../lib/token';
import type { Patient } from '../../../types/entities';
import { useCentralAuthority } from '../api/get-central-authority';
import { useDoctor } from '../api/get-doctor';
import { useHealthAuthority } from '../api/get-health-authority';
import { usePatient } from '../api/get-patient';

export function patientRows(p: Patient): DetailRow[] {
  return [
    ['First Name', p.first_name],
    ['Last Name', p.last_name],
    ['Personal ID', p.personal_id],
    ['Date of Birth', formatDate(p.date_of_birth)],
    ['Gender', p.gender],
    ['Address', p.address],
    ['Phone', p.phone],
    ['Citizenship', p.citizenship],
  ];
}

function Details<T>({
  title,
  query,
  rows,
}: {
  title: string;
  query: UseQueryResult<T>;
  rows: (d: T) => DetailRow[];
}) {
  return (
    <>
      <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 700, mb: 1 }}>
        {title}
      </Typography>
      <QueryState query={query} label="Loading your details">
        {(d) => <DetailList rows={rows(d)} dense />}
      </QueryState>
    </>
  );
}

const PatientDetails = ({ id }: { id: string }) => (
  <Details title="Patient Details" query={usePatient(id)} rows={patientRows} />
);
const DoctorDetails = ({ id }: { id: string }) => (
  <Details
    title="Doctor Details"
    query={useDoctor(id)}
    rows={(d) => [
      ['First Name', d.first_name],
      ['Last Name', d.last_name],
      ['Health Authority Name', d.health_authority_name ?? ''],
    ]}
  />
);
const HealthAuthorityDetails = ({ id }: { id: string }) => (
  <Details
    title="Health Authority Details"
    query={useHealthAuthority(id)}
    rows={(d) => [
      ['Name', d.name],
      ['Type', d.type],
      ['Address', d.address],
      ['Phone', d.phone],
    ]}
  />
);
const CentralAuthorityDetails = ({ id }: { id: string }) => (
  <Details
    title="Central Authority Details"
    query={useCentralAuthority(id)}
    rows={(d) => [['Name', d.name]]}
  />
);

export function UserDetails({ user }: { user: SessionUser }) {
  switch (user.role) {
    case 'patients':
      return <PatientDetails id={user.id} />;
    case 'doctors':
      return <DoctorDetails id={user.id} />;
    case 'health_authorities':
      return <HealthAuthorityDetails id={user.id} />;
    case 'central_authority':
      return <CentralAuthorityDetails id={user.id} />;
  }
}
