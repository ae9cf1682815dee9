import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { type DragEvent, useId, useState } from 'react';
import type { ProofResult } from '../check-proof';
import { parseProofBundle } from '../proof-bundle';
import { ProofResultView } from './proof-result-view';

type State =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'error'; message: string }
  | { kind: 'done'; file: string; result: ProofResult };

/**
 * Re-checks a saved proof file with no network at all: the file carries the record, its salt,
 * the receipt and the genesis; only the genesis hash needs comparing with a trusted one.
 */
export function OfflineCheck({ trustedGenesisHash }: { trustedGenesisHash?: string }) {
  const inputId = useId();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);

  const check = async (file: File) => {
    setState({ kind: 'checking' });
    try {
      const bundle = parseProofBundle(JSON.parse(await file.text()));
      const { checkRecordProof } = await import('../check-proof');
      const result = checkRecordProof({
        recordId: bundle.record_id,
        record: bundle.record,
        salt: bundle.salt,
        commitment: bundle.commitment,
        receipt: bundle.receipt,
        genesisDoc: bundle.genesis,
        ...(trustedGenesisHash !== undefined ? { claimedGenesisHash: trustedGenesisHash } : {}),
      });
      setState({ kind: 'done', file: file.name, result });
    } catch (e) {
      setState({
        kind: 'error',
        message:
          e instanceof SyntaxError ? `Not a JSON file: ${e.message}` : String((e as Error).message ?? e),
      });
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void check(file);
  };

  return (
    <Box sx={{ display: 'grid', gap: 1.5 }}>
      <Box
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        sx={{
          border: 2,
          borderStyle: 'dashed',
          borderColor: dragging ? 'primary.main' : 'grey.500',
          borderRadius: 2,
          p: 2,
          textAlign: 'center',
          bgcolor: dragging ? 'action.hover' : 'transparent',
        }}
      >
        <Typography variant="body2" sx={{ mb: 1 }}>
          Drop a saved proof file here, or choose one:
        </Typography>
        <label htmlFor={inputId}>Proof file </label>
        <input
          id={inputId}
          type="file"
          accept="application/json,.json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void check(file);
            e.target.value = '';
          }}
        />
      </Box>
      {state.kind === 'checking' && <Box role="status">Checking the file…</Box>}
      {state.kind === 'error' && (
        <Alert severity="error" role="alert">
          {state.message}
        </Alert>
      )}
      {state.kind === 'done' && (
        <SavedResult result={state.result} file={state.file} trusted={trustedGenesisHash !== undefined} />
      )}
    </Box>
  );
}

function SavedResult({ result, file, trusted }: { result: ProofResult; file: string; trusted: boolean }) {
  return (
    <>
      <ProofResultView result={result} where={`in ${file}, offline`} />
      {!trusted && result.genesisHash !== null && (
        <Alert severity="info">
          The file's genesis hashes to <code>{result.genesisHash}</code>. Compare it with your network's
          published genesis hash.
        </Alert>
      )}
    </>
  );
}
