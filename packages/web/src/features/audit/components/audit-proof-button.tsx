import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import { errorText } from '../../../lib/api-error';
import { getAuditProof } from '../api/get-audit-proof';

/** Checks one entry's checkpoint in the browser; the genesis comes from a node (injected). */
export function AuditProofButton({ seq, loadGenesis }: { seq: number; loadGenesis: () => Promise<unknown> }) {
  const check = useMutation({
    mutationFn: async () => {
      const [proof, genesis, { checkAuditProof }] = await Promise.all([
        getAuditProof(seq),
        loadGenesis(),
        import('../check-audit-proof'),
      ]);
      return checkAuditProof(proof, genesis);
    },
  });
  return (
    <>
      <Button
        size="small"
        onClick={() => check.mutate()}
        disabled={check.isPending}
        aria-label={`Check entry ${seq} on chain`}
      >
        {check.isPending ? 'Checking…' : 'Check'}
      </Button>
      {check.isSuccess && (
        <Alert severity={check.data.ok ? 'success' : 'error'} role="status" sx={{ mt: 0.5 }}>
          {check.data.detail}
          {check.data.technical !== undefined && (
            <Typography variant="caption" component="div" color="text.secondary">
              {check.data.technical}
            </Typography>
          )}
        </Alert>
      )}
      {check.isError && (
        <Alert severity="error" role="alert" sx={{ mt: 0.5 }}>
          {errorText(check.error)}
        </Alert>
      )}
    </>
  );
}
