import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import { DataTable } from '../../../components/ui/data-table';
import { QueryState } from '../../../components/ui/query-state';
import { errorText } from '../../../lib/api-error';
import { formatDateTime } from '../../../lib/format';
import { useDeleteRequest } from '../api/delete-request';
import { useGrants } from '../api/get-grants';
import type { Grant } from '../api/types';

function RevokeButton({ grant }: { grant: Grant }) {
  const revoke = useDeleteRequest();
  return (
    <>
      <Button
        size="small"
        color="error"
        variant="outlined"
        disabled={revoke.isPending}
        onClick={() => revoke.mutate(grant._id)}
        aria-label={`Revoke access of ${grant.health_authority_name} to record ${grant.health_record_id}`}
      >
        {revoke.isPending ? 'Revoking…' : 'Revoke'}
      </Button>
      {revoke.isError && (
        <Alert severity="error" role="alert" sx={{ mt: 1 }}>
          {errorText(revoke.error)}
        </Alert>
      )}
    </>
  );
}

/** Who may read which record now; revoking writes access.revoke on chain. */
export function GrantsList() {
  return (
    <QueryState
      query={useGrants()}
      label="Loading access grants"
      isEmpty={(d) => d.length === 0}
      empty="No one has access to your records."
    >
      {(d) => (
        <DataTable
          caption="Access you have granted"
          rows={d}
          rowKey={(g) => g._id}
          columns={[
            { header: 'Health authority', cell: (g) => g.health_authority_name },
            { header: 'Record', cell: (g) => <code>{g.health_record_id}</code> },
            { header: 'Since', cell: (g) => formatDateTime(g.accepted_at) },
            {
              header: 'Status',
              cell: (g) => (
                <Chip
                  size="small"
                  variant="outlined"
                  label={g.status === 'consumed' ? 'Read once' : 'Active'}
                  color={g.status === 'consumed' ? 'default' : 'success'}
                />
              ),
            },
            { header: 'Action', cell: (g) => <RevokeButton grant={g} /> },
          ]}
        />
      )}
    </QueryState>
  );
}
