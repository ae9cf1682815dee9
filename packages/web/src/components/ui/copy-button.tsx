import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useState } from 'react';

/** "Copy" for a value the reader may need elsewhere; says what happened, as clipboards can refuse. */
export function CopyButton({ value, label }: { value: string; label: string }) {
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
    <>
      <Button
        size="small"
        variant="outlined"
        onClick={() => void copy()}
        aria-label={`Copy ${label} ${value}`}
        sx={{ minWidth: 0, py: 0, px: 1, lineHeight: 1.6 }}
      >
        Copy
      </Button>
      <Box component="span" role="status" sx={{ fontSize: '0.8rem', color: 'text.secondary' }}>
        {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Copy failed: select the text instead' : ''}
      </Box>
    </>
  );
}
