import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import type { ProofResult } from '../check-proof';

/** The verdict and each check, with text marks (not colour alone) for pass and fail. */
export function ProofResultView({ result, where }: { result: ProofResult; where: string }) {
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <Alert severity={result.ok ? 'success' : 'error'} role="status" variant="filled">
        {result.ok
          ? `Proof verified in your browser ${where}.`
          : `Tampering or a broken proof detected ${where}: ${result.checks.filter((c) => !c.ok).length} check(s) failed.`}
      </Alert>
      <List dense aria-label="Proof checks" sx={{ p: 0 }}>
        {result.checks.map((c) => (
          <ListItem
            key={c.label}
            sx={{
              display: 'block',
              borderLeft: 4,
              borderColor: c.ok ? 'success.main' : 'error.main',
              bgcolor: c.ok ? 'transparent' : '#fdeceb',
              mb: 0.5,
              py: 0.5,
            }}
          >
            <Box component="span" sx={{ fontWeight: 700, color: c.ok ? 'success.main' : 'error.main' }}>
              {c.ok ? '✓ Pass' : '✗ Fail'}
            </Box>{' '}
            <Box component="span" sx={{ fontWeight: 600 }}>
              {c.label}
            </Box>
            <Box
              sx={{
                fontFamily: 'monospace',
                fontSize: '0.8rem',
                overflowWrap: 'anywhere',
                color: 'text.secondary',
              }}
            >
              {c.detail}
            </Box>
          </ListItem>
        ))}
      </List>
    </Box>
  );
}
