import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import { Link as RouterLink } from 'react-router';
import { shortHex } from '../../lib/format';
import { CopyButton } from './copy-button';

/**
 * A long hash or key as explorers show one: the first and last digits (the whole value in the
 * tooltip and the accessible name), a link if it leads somewhere, and a copy button.
 */
export function ShortHash({
  value,
  label,
  href,
  keep = 8,
}: {
  value: string;
  /** What the value is, for the link and the copy button: "block hash", "transaction id". */
  label: string;
  href?: string;
  keep?: number;
}) {
  const text = (
    <Box component="code" title={value} sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
      {shortHex(value, keep)}
    </Box>
  );
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75, flexWrap: 'wrap' }}>
      {href !== undefined ? (
        <Link component={RouterLink} to={href} aria-label={`${label} ${value}`}>
          {text}
        </Link>
      ) : (
        text
      )}
      <CopyButton value={value} label={label} />
    </Box>
  );
}
