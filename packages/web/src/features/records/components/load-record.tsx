import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { ReactNode } from 'react';
import { errorText } from '../../../lib/api-error';
import type { KeyedRecord } from '../../../types/records';
import { useDecryptRecord } from '../api/decrypt-record';
import { RecordCard } from './record-card';

/** "Load Health Record" for an approved request: decrypts once (the grant is consumed). */
export function LoadRecord({
  recordId,
  secretKey,
  actions,
}: {
  recordId: string;
  secretKey: string;
  actions: (item: KeyedRecord) => ReactNode;
}) {
  const decrypt = useDecryptRecord(recordId, secretKey);
  if (decrypt.isSuccess) {
    return <RecordCard record={decrypt.data.health_record}>{actions(decrypt.data)}</RecordCard>;
  }
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <Box>
        <Button variant="contained" onClick={() => decrypt.mutate()} disabled={decrypt.isPending}>
          {decrypt.isPending ? 'Loading…' : 'Load Health Record'}
        </Button>
      </Box>
      {decrypt.isError && (
        <Alert severity="error" role="alert">
          {errorText(decrypt.error)}
        </Alert>
      )}
    </Box>
  );
}
