import { DataTable } from '../../../components/ui/data-table';
import { QueryState } from '../../../components/ui/query-state';
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
          columns={[
            { header: 'Name', cell: (p) => `${p.first_name} ${p.last_name}` },
            { header: 'Personal ID', cell: (p) => p.personal_id },
            { header: 'Date of Birth', cell: (p) => formatDate(p.date_of_birth) },
            { header: 'Gender', cell: (p) => p.gender },
            { header: 'Phone', cell: (p) => p.phone },
            { header: 'ID', cell: (p) => <code>{p._id}</code> },
          ]}
        />
      )}
    </QueryState>
  );
}
