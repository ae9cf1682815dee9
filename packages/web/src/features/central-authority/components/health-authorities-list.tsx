import { DataTable } from '../../../components/ui/data-table';
import { QueryState } from '../../../components/ui/query-state';
import { ShortHash } from '../../../components/ui/short-hash';
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
          searchText={(h) => `${h.name} ${h.type} ${h.address} ${h.phone} ${h._id}`}
          searchLabel="health authorities"
          columns={[
            { header: 'Name', cell: (h) => h.name, sortValue: (h) => h.name },
            { header: 'Login ID', cell: (h) => <ShortHash value={h._id} label="login ID" keep={16} /> },
            { header: 'Type', cell: (h) => h.type, sortValue: (h) => h.type },
            { header: 'Address', cell: (h) => h.address, sortValue: (h) => h.address },
            { header: 'Phone', cell: (h) => h.phone },
          ]}
        />
      )}
    </QueryState>
  );
}
