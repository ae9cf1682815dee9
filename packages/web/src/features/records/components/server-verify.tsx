import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { errorText, isValidVerdict } from '../../../lib/api-error';
import { useVerifyRecord } from '../api/verify-record';

/** The server's verdict (2.8): green unless its text says "invalid". */
export function ServerVerify({ recordId, secretKey }: { recordId: string; secretKey: string }) {
  const verify = useVerifyRecord(recordId, secretKey);
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <Box>
        <Button variant="outlined" onClick={() => verify.mutate()} disabled={verify.isPending}>
          {verify.isPending ? 'Verifying…' : 'Verify'}
        </Button>
      </Box>
      {verify.isSuccess && (
        <Alert severity={isValidVerdict(verify.data.blockchain_response) ? 'success' : 'error'} role="status">
          Server: {verify.data.blockchain_response}
        </Alert>
      )}
      {verify.isError && (
        <Alert severity="error" role="alert">
          {errorText(verify.error)}
        </Alert>
      )}
    </Box>
  );
}
