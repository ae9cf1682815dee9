import { DataTable } from '../../../components/ui/data-table';
import { QueryState } from '../../../components/ui/query-state';
import { ShortHash } from '../../../components/ui/short-hash';
import { formatDate, plural } from '../../../lib/format';
import { usePatients } from '../api/get-patients';

export function PatientsList() {
  return (
    <QueryState
      query={usePatients()}
      label="Loading patients"
      isEmpty={(d) => d.patients.length === 0}
      empty="No patients yet."
    >
      {(d) => (
        <DataTable
          caption={plural(d.patients.length, 'patient')}
          rows={d.patients}
          rowKey={(p) => p._id}
          searchText={(p) => `${p.first_name} ${p.last_name} ${p.personal_id} ${p.phone} ${p._id}`}
          searchLabel="patients"
          columns={[
            {
              header: 'Name',
              cell: (p) => `${p.first_name} ${p.last_name}`,
              sortValue: (p) => `${p.last_name} ${p.first_name}`,
            },
            { header: 'Login ID', cell: (p) => <ShortHash value={p._id} label="login ID" keep={16} /> },
            { header: 'Personal ID', cell: (p) => p.personal_id, sortValue: (p) => p.personal_id },
            {
              header: 'Date of Birth',
              cell: (p) => formatDate(p.date_of_birth),
              sortValue: (p) => p.date_of_birth,
            },
            { header: 'Gender', cell: (p) => p.gender, sortValue: (p) => p.gender },
            { header: 'Phone', cell: (p) => p.phone },
          ]}
        />
      )}
    </QueryState>
  );
}
