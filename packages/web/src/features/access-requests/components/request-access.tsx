import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import { errorText } from '../../../lib/api-error';
import { newIdempotencyKey } from '../../../lib/idempotency';
import type { ExternalRecord } from '../../../types/records';
import { useDoctorRequests } from '../api/get-doctor-requests';
import { useSendRequest } from '../api/send-request';

const NOTES: Partial<Record<NonNullable<ExternalRecord['request_status']>, string>> = {
  consumed: 'Your last approved request was used; ask again to read it again.',
  revoked: 'The patient revoked your access.',
  denied: 'The patient declined your last request.',
};

/** "Send Request" / "Request Sent" for a record this HA cannot read yet (contract 7.E2). */
export function RequestAccess({ item }: { item: ExternalRecord }) {
  const requests = useDoctorRequests();
  const send = useSendRequest();
  const sent =
    send.isSuccess ||
    item.request_status === 'pending' ||
    (requests.data ?? []).some((r) => r.health_record_id === item.health_record_id);
  const note = item.request_status !== undefined && !sent ? NOTES[item.request_status] : undefined;
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      {note !== undefined && <Box sx={{ color: 'text.secondary', fontSize: '0.875rem' }}>{note}</Box>}
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        {sent && <Chip size="small" variant="outlined" label="Pending" />}
        <Button
          variant={sent ? 'outlined' : 'contained'}
          disabled={sent || send.isPending || requests.isPending}
          onClick={() =>
            send.mutate({
              health_record_id: item.health_record_id,
              patient_id: item.patient_id,
              idempotencyKey: newIdempotencyKey(),
            })
          }
        >
          {sent ? 'Request Sent' : send.isPending ? 'Sending…' : 'Send Request'}
        </Button>
      </Box>
      {send.isError && (
        <Alert severity="error" role="alert">
          {errorText(send.error)}
        </Alert>
      )}
      {requests.isError && (
        <Alert severity="warning" role="alert">
          {errorText(requests.error)}
        </Alert>
      )}
    </Box>
  );
}
