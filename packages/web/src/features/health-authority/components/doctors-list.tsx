import { DataTable } from '../../../components/ui/data-table';
import { QueryState } from '../../../components/ui/query-state';
import { ShortHash } from '../../../components/ui/short-hash';
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
          searchText={(x) => `${x.first_name} ${x.last_name} ${x._id}`}
          searchLabel="doctors"
          columns={[
            {
              header: 'Name',
              cell: (x) => `Dr. ${x.first_name} ${x.last_name}`,
              sortValue: (x) => `${x.last_name} ${x.first_name}`,
            },
            { header: 'Login ID', cell: (x) => <ShortHash value={x._id} label="login ID" keep={16} /> },
          ]}
        />
      )}
    </QueryState>
  );
}
