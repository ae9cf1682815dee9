import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import { Link as RouterLink } from 'react-router';
import { DataTable } from '../../../components/ui/data-table';
import { ShortHash } from '../../../components/ui/short-hash';
import { formatAge, formatDateTime, plural } from '../../../lib/format';
import type { BlockSummary } from '../api/types';
import type { ExplorerLinks } from '../links';

export function BlockList({
  blocks,
  links,
  minerName,
  caption,
}: {
  blocks: readonly BlockSummary[];
  links: ExplorerLinks;
  minerName: (key: string) => string | undefined;
  caption: string;
}) {
  return (
    <DataTable
      caption={caption}
      rows={blocks}
      rowKey={(b) => b.hash}
      columns={[
        {
          header: 'Height',
          cell: (b) => (
            <Link component={RouterLink} to={links.block(b.hash)} aria-label={`Block ${b.height}`}>
              {b.height}
            </Link>
          ),
        },
        { header: 'Hash', cell: (b) => <ShortHash value={b.hash} label="block hash" keep={6} /> },
        {
          header: 'Time',
          cell: (b) => (
            <Box component="span" sx={{ whiteSpace: 'nowrap' }} title={formatDateTime(b.timestamp)}>
              {formatAge(b.timestamp)}
            </Box>
          ),
        },
        {
          header: 'Mined by',
          cell: (b) =>
            minerName(b.miner) ?? (
              <code title={b.miner}>{b.height === 0 ? 'genesis' : `${b.miner.slice(0, 8)}…`}</code>
            ),
        },
        { header: 'Transactions', cell: (b) => plural(b.txs, 'transaction') },
      ]}
    />
  );
}
