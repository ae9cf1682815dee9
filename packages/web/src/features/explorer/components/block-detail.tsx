import Box from '@mui/material/Box';
import { DetailList } from '../../../components/ui/detail-list';
import { QueryState } from '../../../components/ui/query-state';
import { ShortHash } from '../../../components/ui/short-hash';
import { formatAge, formatDateTime, plural } from '../../../lib/format';
import { useBlock } from '../api/get-block';
import type { ExplorerLinks } from '../links';
import { TxList } from './tx-list';
import type { PartyOf } from './tx-sentence';

const ZERO = '0'.repeat(64);

export function BlockDetailView({
  node,
  hash,
  links,
  party,
}: {
  node: string;
  hash: string;
  links: ExplorerLinks;
  party: PartyOf;
}) {
  return (
    <QueryState query={useBlock(node, hash)} label="Loading the block">
      {(b) => (
        <Box sx={{ display: 'grid', gap: 2 }}>
          <Box component="p" sx={{ m: 0, fontSize: '1.1rem' }}>
            Block <strong>{b.height}</strong>
            {b.height === 0 ? ' (genesis)' : <>, mined by {party(b.header.miner)}</>},{' '}
            {plural(b.tx_ids?.length ?? 0, 'transaction')}, {formatAge(b.header.timestamp)}.
          </Box>
          <DetailList
            rows={[
              ['Height', String(b.height)],
              ['Hash', <ShortHash key="h" value={b.hash} label="block hash" />],
              ['On best chain', b.on_best_chain ? 'Yes' : 'No (orphaned by a reorganisation)'],
              ['Confirmations', String(b.confirmations)],
              ['Time', formatDateTime(b.header.timestamp)],
              [
                'Previous block',
                b.header.prevHash === ZERO ? (
                  'none (genesis)'
                ) : (
                  <ShortHash
                    key="p"
                    value={b.header.prevHash}
                    label="previous block hash"
                    href={links.block(b.header.prevHash)}
                  />
                ),
              ],
              ['Merkle root', <ShortHash key="m" value={b.header.merkleRoot} label="Merkle root" />],
              [
                'Miner',
                b.height === 0 ? (
                  'none (genesis)'
                ) : (
                  <Box key="k" component="span">
                    {party(b.header.miner)} <ShortHash value={b.header.miner} label="miner key" keep={6} />
                  </Box>
                ),
              ],
              ['Target (bits)', String(b.header.bits)],
              ['Nonce', String(b.header.nonce)],
            ]}
          />
          <Box>
            <Box component="h3" sx={{ fontSize: '1rem', m: 0, mb: 1 }}>
              Transactions ({b.tx_ids?.length ?? 0})
            </Box>
            <TxList node={node} ids={b.tx_ids ?? []} links={links} party={party} />
          </Box>
        </Box>
      )}
    </QueryState>
  );
}
