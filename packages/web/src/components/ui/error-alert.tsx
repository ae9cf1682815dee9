import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { errorText } from '../../lib/api-error';

/** A failed call, in the server's own words, with a retry where one makes sense. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert
      severity="error"
      role="alert"
      action={
        onRetry ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            Retry
          </Button>
        ) : undefined
      }
    >
      {errorText(error)}
    </Alert>
  );
}
