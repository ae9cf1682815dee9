import Box from '@mui/material/Box';
import { formatDate } from '../../../lib/format';
import type { RecordContext } from '../record-context';

/** “Hypertension” of 4 Nov 2025 (lib/format.ts), with the record id small beneath for the exact reference. */
export function RecordLabel({ id, context }: { id: string; context: RecordContext | undefined }) {
  return (
    <Box component="span" sx={{ display: 'inline-grid', minWidth: 0 }}>
      <span>
        {context?.title ? <strong>“{context.title}”</strong> : 'with ID'}
        {context?.date ? ` of ${formatDate(context.date)}` : ''}
      </span>
      <Box component="code" sx={{ fontSize: '0.75rem', color: 'text.secondary', overflowWrap: 'anywhere' }}>
        {id}
      </Box>
    </Box>
  );
}
