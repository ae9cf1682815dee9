import Chip from '@mui/material/Chip';
import { DataTable } from '../../../components/ui/data-table';
import { QueryState } from '../../../components/ui/query-state';
import { formatDate, plural } from '../../../lib/format';
import { useAuthorityRecords } from '../api/get-authority-records';

export function AuthorityRecordsList() {
  return (
    <QueryState
      query={useAuthorityRecords()}
      label="Loading health records"
      isEmpty={(d) => d.health_records.length === 0}
      empty="No Health Records"
    >
      {(d) => (
        <DataTable
          caption={`${plural(d.health_records.length, 'record')} written by your doctors`}
          rows={d.health_records}
          rowKey={(r) => r._id}
          searchText={(r) =>
            `${r.patient_first_name} ${r.patient_last_name} ${r.doctor_first_name} ${r.doctor_last_name} ${r._id}`
          }
          searchLabel="records"
          columns={[
            {
              header: 'Date',
              cell: (r) => formatDate(r.date),
              // DD-MM-YYYY (contract 1.7) sorts as YYYY-MM-DD.
              sortValue: (r) => r.date.split('-').reverse().join('-'),
            },
            {
              header: 'Patient',
              cell: (r) => `${r.patient_first_name} ${r.patient_last_name}`,
              sortValue: (r) => `${r.patient_last_name} ${r.patient_first_name}`,
            },
            {
              header: 'Doctor',
              cell: (r) => `Dr. ${r.doctor_first_name} ${r.doctor_last_name}`,
              sortValue: (r) => `${r.doctor_last_name} ${r.doctor_first_name}`,
            },
            {
              header: 'Chain',
              cell: (r) =>
                r.unreadable ? (
                  <Chip size="small" label="Unreadable: possible tampering" color="error" title={r.problem} />
                ) : (
                  <Chip
                    size="small"
                    label={r.status === 'anchored' ? 'Anchored' : 'Pending'}
                    color={r.status === 'anchored' ? 'success' : 'warning'}
                    variant="outlined"
                  />
                ),
            },
            { header: 'Record ID', cell: (r) => <code>{r._id}</code> },
          ]}
        />
      )}
    </QueryState>
  );
}
