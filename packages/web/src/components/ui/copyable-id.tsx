import Box from '@mui/material/Box';
import { CopyButton } from './copy-button';

/** An id shown in full (monospace, wraps on phones) with a copy button that says what it did. */
export function CopyableId({ value, label = 'ID' }: { value: string; label?: string }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
      <Box component="span" sx={{ fontWeight: 600 }}>
        {label}:
      </Box>
      <Box
        component="code"
        data-testid="copyable-id"
        sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
      >
        {value}
      </Box>
      <CopyButton value={value} label={label} />
    </Box>
  );
}
