import { DataTable } from '../../../components/ui/data-table';
import { QueryState } from '../../../components/ui/query-state';
import { plural } from '../../../lib/format';
import { useHealthAuthorities } from '../api/get-health-authorities';

export function HealthAuthoritiesList() {
  return (
    <QueryState
      query={useHealthAuthorities()}
      label="Loading health authorities"
      isEmpty={(d) => d.health_authorities.length === 0}
      empty="No health authorities yet."
    >
      {(d) => (
        <DataTable
          caption={plural(d.health_authorities.length, 'health authority', 'health authorities')}
          rows={d.health_authorities}
          rowKey={(h) => h._id}
          columns={[
            { header: 'Name', cell: (h) => h.name },
            { header: 'Type', cell: (h) => h.type },
            { header: 'Address', cell: (h) => h.address },
            { header: 'Phone', cell: (h) => h.phone },
            { header: 'ID', cell: (h) => <code>{h._id}</code> },
          ]}
        />
      )}
    </QueryState>
  );
}
