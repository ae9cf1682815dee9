import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import { Link as RouterLink } from 'react-router';
import { DetailList } from '../../../components/ui/detail-list';
import { QueryState } from '../../../components/ui/query-state';
import { formatDateTime } from '../../../lib/format';
import { useBlock } from '../api/get-block';
import { TxRow } from './tx-row';

const ZERO = '0'.repeat(64);

export function BlockDetailView({
  node,
  hash,
  hrefOf,
}: {
  node: string;
  hash: string;
  hrefOf: (hash: string) => string;
}) {
  return (
    <QueryState query={useBlock(node, hash)} label="Loading the block">
      {(b) => (
        <Box sx={{ display: 'grid', gap: 2 }}>
          <DetailList
            rows={[
              ['Height', String(b.height)],
              ['Hash', <code key="h">{b.hash}</code>],
              ['On best chain', b.on_best_chain ? 'Yes' : 'No (orphaned by a reorganisation)'],
              ['Confirmations', String(b.confirmations)],
              ['Time', formatDateTime(b.header.timestamp)],
              [
                'Previous',
                b.header.prevHash === ZERO ? (
                  'none (genesis)'
                ) : (
                  <Link key="p" component={RouterLink} to={hrefOf(b.header.prevHash)}>
                    <code>{b.header.prevHash}</code>
                  </Link>
                ),
              ],
              ['Merkle root', <code key="m">{b.header.merkleRoot}</code>],
              ['Miner', <code key="k">{b.header.miner}</code>],
              ['Target (bits)', String(b.header.bits)],
              ['Nonce', String(b.header.nonce)],
            ]}
          />
          <Box>
            <Box component="h3" sx={{ fontSize: '1rem', m: 0, mb: 1 }}>
              Transactions ({b.tx_ids?.length ?? 0})
            </Box>
            <Box component="ol" sx={{ m: 0, pl: 3 }}>
              {(b.tx_ids ?? []).map((id) => (
                <TxRow key={id} node={node} id={id} />
              ))}
            </Box>
          </Box>
        </Box>
      )}
    </QueryState>
  );
}
