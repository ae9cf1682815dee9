import Box from '@mui/material/Box';
import type { ReactNode } from 'react';

/**
 * The page grid every dashboard uses: one column on narrow screens, `widths` side by side from
 * the `from` breakpoint up. `minmax(0, …)` lets long ids shrink a column instead of widening the
 * page. Children sit at the top of their row unless `stretch`.
 */
export function Columns({
  from = 'md',
  widths = ['1fr', '1fr'],
  stretch = false,
  children,
}: {
  from?: 'md' | 'lg';
  widths?: readonly [string, string];
  stretch?: boolean;
  children: ReactNode;
}) {
  return (
    <Box
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: { xs: 'minmax(0, 1fr)', [from]: widths.map((w) => `minmax(0, ${w})`).join(' ') },
        ...(stretch ? {} : { alignItems: 'start' }),
      }}
    >
      {children}
    </Box>
  );
}

/** A cell of `Columns` that spans the whole row from the breakpoint up. */
export function FullRow({ from = 'md', children }: { from?: 'md' | 'lg'; children: ReactNode }) {
  return <Box sx={{ gridColumn: { [from]: '1 / -1' } }}>{children}</Box>;
}
