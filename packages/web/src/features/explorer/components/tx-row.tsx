import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useTx } from '../api/get-tx';

/** A transaction id that opens into its type, signer and body. */
export function TxRow({ node, id }: { node: string; id: string }) {
  const [open, setOpen] = useState(false);
  const tx = useTx(node, id, open);
  return (
    <Box component="li" sx={{ mb: 1 }}>
      <Button
        size="small"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        sx={{ textTransform: 'none', fontFamily: 'monospace' }}
      >
        {id}
      </Button>
      {open && tx.isPending && <Box role="status">Loading transaction…</Box>}
      {open && tx.isError && <ErrorAlert error={tx.error} />}
      {open && tx.isSuccess && (
        <Box component="pre" sx={{ fontSize: '0.75rem', bgcolor: 'grey.100', p: 1, overflowX: 'auto', m: 0 }}>
          {JSON.stringify(
            {
              status: tx.data.status,
              type: tx.data.tx.type,
              signer: tx.data.tx.signer,
              body: tx.data.tx.body,
            },
            null,
            2,
          )}
        </Box>
      )}
    </Box>
  );
}
