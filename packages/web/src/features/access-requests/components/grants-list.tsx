import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useId, useState } from 'react';
import { DataTable } from '../../../components/ui/data-table';
import { QueryState } from '../../../components/ui/query-state';
import { errorText } from '../../../lib/api-error';
import { formatDateTime } from '../../../lib/format';
import { useDeleteRequest } from '../api/delete-request';
import { useGrants } from '../api/get-grants';
import { type Grant, type GrantState, grantState } from '../api/types';
import { type RecordContext, useRecordContexts } from '../record-context';
import { RecordLabel } from './record-label';

const STATE_COLOR: Record<GrantState, 'success' | 'default' | 'error'> = {
  Active: 'success',
  Used: 'default',
  Expired: 'default',
  Revoked: 'error',
};

const STATE_HINT: Record<GrantState, string> = {
  Active: 'may read it once',
  Used: 'has read it; a new read needs a new request',
  Expired: 'can no longer read it',
  Revoked: 'can no longer read it',
};

const who = (g: Grant) =>
  g.doctor_name ? `${g.doctor_name} (${g.health_authority_name})` : g.health_authority_name;

function RevokeButton({
  grant,
  context,
  onDone,
}: {
  grant: Grant;
  context: RecordContext | undefined;
  onDone: (message: string) => void;
}) {
  const revoke = useDeleteRequest();
  const [asking, setAsking] = useState(false);
  const titleId = useId();
  const record = context?.title ? `“${context.title}”` : `record ${grant.health_record_id}`;
  // mutateAsync, not mutate's callbacks: once revoked, the refreshed list shows this grant as
  // Revoked and this button is gone, and TanStack drops the callbacks of an unmounted caller.
  const confirm = () =>
    revoke.mutateAsync(grant._id).then(
      () => {
        setAsking(false);
        onDone(
          `Access revoked: ${who(grant)} can no longer read ${record}. The revocation is written on the chain.`,
        );
      },
      () => setAsking(false),
    );
  return (
    <>
      <Button
        size="small"
        color="error"
        variant="outlined"
        disabled={revoke.isPending}
        onClick={() => setAsking(true)}
        aria-label={`Revoke access of ${grant.health_authority_name} to record ${grant.health_record_id}`}
      >
        {revoke.isPending ? 'Revoking…' : 'Revoke'}
      </Button>
      <Dialog open={asking} onClose={() => !revoke.isPending && setAsking(false)} aria-labelledby={titleId}>
        <DialogTitle id={titleId}>Revoke access?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {who(grant)} will no longer be able to read {record}. This is recorded on the chain and cannot be
            undone; they would have to ask you again.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAsking(false)} disabled={revoke.isPending}>
            Keep access
          </Button>
          <Button color="error" variant="contained" onClick={confirm} disabled={revoke.isPending}>
            {revoke.isPending ? 'Revoking…' : 'Revoke access'}
          </Button>
        </DialogActions>
      </Dialog>
      {revoke.isError && (
        <Alert severity="error" role="alert" sx={{ mt: 1 }}>
          {errorText(revoke.error)}
        </Alert>
      )}
    </>
  );
}

/** Who may read which record, and what became of each grant; revoking writes access.revoke on chain. */
export function GrantsList() {
  const contexts = useRecordContexts();
  const [done, setDone] = useState<string | null>(null);
  return (
    <Box sx={{ display: 'grid', gap: 2, minWidth: 0 }}>
      {done !== null && (
        <Alert severity="success" role="status" onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
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
              { header: 'Doctor', cell: (g) => g.doctor_name || '—' },
              { header: 'Hospital', cell: (g) => g.health_authority_name },
              {
                header: 'Record',
                cell: (g) => (
                  <RecordLabel id={g.health_record_id} context={contexts.get(g.health_record_id)} />
                ),
              },
              { header: 'Since', cell: (g) => formatDateTime(g.accepted_at) },
              {
                header: 'Status',
                cell: (g) => {
                  const state = grantState(g);
                  return (
                    <Chip
                      size="small"
                      variant="outlined"
                      label={g.revoking ? 'Revoking…' : state}
                      color={g.revoking ? 'default' : STATE_COLOR[state]}
                      title={`${who(g)} ${STATE_HINT[state]}`}
                    />
                  );
                },
              },
              {
                header: 'Action',
                cell: (g) =>
                  grantState(g) === 'Active' || grantState(g) === 'Used' ? (
                    g.revoking ? (
                      '—'
                    ) : (
                      <RevokeButton grant={g} context={contexts.get(g.health_record_id)} onDone={setDone} />
                    )
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        )}
      </QueryState>
    </Box>
  );
}
