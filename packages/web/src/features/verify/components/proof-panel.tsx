import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useMutation } from '@tanstack/react-query';
import { errorText, isValidVerdict } from '../../../lib/api-error';
import { downloadJson } from '../proof-bundle';
import { type HeldContent, runBrowserCheck } from '../run-browser-check';
import { ProofEvidence } from './proof-evidence';
import { ProofResultView } from './proof-result-view';

/** "Check in my browser": the proof re-done here, against a node other than the API's. */
export function ProofPanel({ recordId, held }: { recordId: string; held?: HeldContent | undefined }) {
  const check = useMutation({ mutationFn: () => runBrowserCheck(recordId, held) });
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
        <Button variant="outlined" onClick={() => check.mutate()} disabled={check.isPending}>
          {check.isPending ? 'Checking…' : 'Check proof in my browser'}
        </Button>
        {check.isSuccess && (
          <Button onClick={() => downloadJson(`chartproof-proof-${recordId}.json`, check.data.bundle)}>
            Download proof file
          </Button>
        )}
      </Box>
      {check.isPending && (
        <Box role="status" sx={{ fontSize: '0.875rem' }}>
          Fetching the proof, the genesis and a second receipt from another node…
        </Box>
      )}
      {check.isError && (
        <Alert severity="error" role="alert">
          {errorText(check.error)}
        </Alert>
      )}
      {check.isSuccess && (
        <>
          {check.data.proof.result !== undefined && (
            <Alert severity={isValidVerdict(check.data.proof.result) ? 'success' : 'error'} role="status">
              Server: {check.data.proof.result}
            </Alert>
          )}
          <ProofResultView result={check.data.result} where={`against node ${check.data.node}`} />
          <ProofEvidence check={check.data} />
        </>
      )}
    </Box>
  );
}
