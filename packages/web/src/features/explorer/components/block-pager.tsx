import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { Link as RouterLink } from 'react-router';
import type { ExplorerLinks } from '../links';

/** Newest / Newer / Older / Oldest through every block, `size` at a time, by height. */
export function BlockPager({
  tip,
  top,
  size,
  links,
}: {
  /** The chain's height. */
  tip: number;
  /** The highest block on this page. */
  top: number;
  size: number;
  links: ExplorerLinks;
}) {
  const bottom = Math.max(0, top - size + 1);
  const newer = top + size >= tip ? null : top + size + 1;
  const go = (label: string, before: number | null, disabled: boolean) => (
    <Button
      component={RouterLink}
      to={links.list(before)}
      size="small"
      variant="outlined"
      disabled={disabled}
    >
      {label}
    </Button>
  );
  return (
    <Box
      component="nav"
      aria-label="Block pages"
      sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}
    >
      {go('Newest', null, top >= tip)}
      {go('Newer', newer, top >= tip)}
      <Box component="span" sx={{ px: 1 }}>
        Blocks {top} to {bottom} of {tip + 1}
      </Box>
      {go('Older', bottom, bottom === 0)}
      {go('Oldest', Math.min(size, tip + 1), bottom === 0)}
    </Box>
  );
}
