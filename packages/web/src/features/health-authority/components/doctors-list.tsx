import { DataTable } from '../../../components/ui/data-table';
import { QueryState } from '../../../components/ui/query-state';
import { plural } from '../../../lib/format';
import { useDoctors } from '../api/get-doctors';

export function DoctorsList() {
  return (
    <QueryState
      query={useDoctors()}
      label="Loading doctors"
      isEmpty={(d) => d.doctors.length === 0}
      empty="No doctors yet."
    >
      {(d) => (
        <DataTable
          caption={plural(d.doctors.length, 'doctor')}
          rows={d.doctors}
          rowKey={(x) => x._id}
          columns={[
            { header: 'Name', cell: (x) => `Dr. ${x.first_name} ${x.last_name}` },
            { header: 'ID', cell: (x) => <code>{x._id}</code> },
          ]}
        />
      )}
    </QueryState>
  );
}
