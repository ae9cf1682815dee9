import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useState } from 'react';

/** An id shown in full (monospace, wraps on phones) with a copy button that says what it did. */
export function CopyableId({ value, label = 'ID' }: { value: string; label?: string }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
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
      <Button
        size="small"
        variant="outlined"
        onClick={() => void copy()}
        aria-label={`Copy ${label} ${value}`}
      >
        Copy
      </Button>
      <Box component="span" role="status" sx={{ fontSize: '0.8rem', color: 'text.secondary' }}>
        {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Copy failed: select the text instead' : ''}
      </Box>
    </Box>
  );
}
