import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import { QueryState } from '../../../components/ui/query-state';
import { errorText } from '../../../lib/api-error';
import { formatDateTime } from '../../../lib/format';
import { useApproveRequest } from '../api/approve-request';
import { useDeleteRequest } from '../api/delete-request';
import { usePatientRequests } from '../api/get-patient-requests';
import type { AccessRequest } from '../api/types';
import { type RecordContext, useRecordContexts } from '../record-context';
import { RecordLabel } from './record-label';

function RequestCard({ request, context }: { request: AccessRequest; context: RecordContext | undefined }) {
  const approve = useApproveRequest();
  const deny = useDeleteRequest();
  const busy = approve.isPending || deny.isPending;
  const failure = approve.error ?? deny.error;
  return (
    <Card variant="outlined" component="article">
      <CardContent>
        {/* Who asks, for which hospital, for which record: consent needs all three. */}
        <strong>{request.doctor_name || request.health_authority_name}</strong>
        {request.doctor_name ? ` of ${request.health_authority_name}` : ''} asks to read your record{' '}
        <RecordLabel id={request.health_record_id} context={context} />
        {request.created_at !== undefined && (
          <Box sx={{ color: 'text.secondary', fontSize: '0.875rem', mt: 0.5 }}>
            Asked {formatDateTime(request.created_at)}
          </Box>
        )}
      </CardContent>
      <CardActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        <Button variant="contained" color="success" disabled={busy} onClick={() => approve.mutate(request)}>
          {approve.isPending ? 'Approving…' : 'Accept'}
        </Button>
        <Button variant="outlined" color="error" disabled={busy} onClick={() => deny.mutate(request._id)}>
          {deny.isPending ? 'Declining…' : 'Decline'}
        </Button>
      </CardActions>
      {failure !== null && (
        <Alert severity="error" role="alert" sx={{ m: 1 }}>
          {errorText(failure)}
        </Alert>
      )}
    </Card>
  );
}

/** The patient's pending requests (2.13), with accept (7.D) and decline. */
export function RequestsInbox() {
  const contexts = useRecordContexts();
  return (
    <QueryState
      query={usePatientRequests()}
      label="Loading requests"
      isEmpty={(d) => !Array.isArray(d) || d.length === 0}
      empty="No Requests"
    >
      {(d) => (
        <Box sx={{ display: 'grid', gap: 1.5 }}>
          {d.map((r) => (
            <RequestCard key={r._id} request={r} context={contexts.get(r.health_record_id)} />
          ))}
        </Box>
      )}
    </QueryState>
  );
}
