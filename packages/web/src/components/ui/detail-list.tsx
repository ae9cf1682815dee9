import Box from '@mui/material/Box';
import type { ReactNode } from 'react';

export type DetailRow = readonly [label: string, value: ReactNode];

/** Label/value pairs as a real <dl>, two columns on wide screens, stacked on phones. */
export function DetailList({ rows, dense = false }: { rows: readonly DetailRow[]; dense?: boolean }) {
  return (
    <Box
      component="dl"
      sx={{
        m: 0,
        display: 'grid',
        gridTemplateColumns: { xs: 'minmax(0, 1fr)', sm: 'minmax(8rem, max-content) minmax(0, 1fr)' },
        columnGap: 2,
        rowGap: dense ? 0.25 : 0.75,
        '& dt': { fontWeight: 600, color: 'text.secondary', mt: { xs: dense ? 0 : 0.5, sm: 0 } },
        '& dd': { m: 0, overflowWrap: 'anywhere' },
      }}
    >
      {rows.map(([label, value]) => (
        <Box key={label} sx={{ display: 'contents' }}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Box>
      ))}
    </Box>
  );
}
