import Link from '@mui/material/Link';
import { Link as RouterLink } from 'react-router';
import { DataTable } from '../../../components/ui/data-table';
import { formatDateTime, shortHex } from '../../../lib/format';
import type { BlockSummary } from '../api/types';

export function BlockList({
  blocks,
  hrefOf,
}: {
  blocks: readonly BlockSummary[];
  hrefOf: (hash: string) => string;
}) {
  return (
    <DataTable
      caption="Latest blocks"
      rows={blocks}
      rowKey={(b) => b.hash}
      columns={[
        { header: 'Height', cell: (b) => b.height },
        {
          header: 'Hash',
          cell: (b) => (
            <Link component={RouterLink} to={hrefOf(b.hash)} aria-label={`Block ${b.height}, hash ${b.hash}`}>
              <code>{shortHex(b.hash)}</code>
            </Link>
          ),
        },
        { header: 'Time', cell: (b) => formatDateTime(b.timestamp) },
        { header: 'Miner', cell: (b) => <code title={b.miner}>{shortHex(b.miner, 6)}</code> },
        { header: 'Transactions', cell: (b) => b.txs },
      ]}
    />
  );
}
