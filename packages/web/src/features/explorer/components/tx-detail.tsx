import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import { DetailList, type DetailRow } from '../../../components/ui/detail-list';
import { QueryState } from '../../../components/ui/query-state';
import { ShortHash } from '../../../components/ui/short-hash';
import { formatDateTime, plural } from '../../../lib/format';
import { useTx } from '../api/get-tx';
import type { TxInfo } from '../api/types';
import type { ExplorerLinks } from '../links';
import { type PartyOf, TxSentence } from './tx-sentence';

const STATUS = {
  pending: { label: 'Pending: waiting to be mined', color: 'default' },
  mined: { label: 'Mined: waiting for the quorum of nodes', color: 'primary' },
  acknowledged: { label: 'Confirmed by the quorum of nodes', color: 'success' },
} as const;

const named = (party: PartyOf, key: string, label: string): ReactNode => (
  <Box component="span" key={label}>
    <span>{party(key)}</span> <ShortHash value={key} label={label} keep={6} />
  </Box>
);

/** What the transaction says, field by field, in the reader's terms. */
function bodyRows(tx: TxInfo['tx'], party: PartyOf): DetailRow[] {
  switch (tx.type) {
    case 'record.anchor':
      return [
        ['Record', <ShortHash key="r" value={tx.body.record_id} label="record id" />],
        ['Anchored by', named(party, tx.body.creator, 'creator key')],
        ['Patient', named(party, tx.body.patient, 'patient key')],
        ['Record date', formatDateTime(tx.body.date)],
        ['Commitment', <ShortHash key="c" value={tx.body.commitment} label="commitment" />],
      ];
    case 'access.grant':
    case 'access.revoke':
      return [
        ['Record', <ShortHash key="r" value={tx.body.record_id} label="record id" />],
        [
          tx.type === 'access.grant' ? 'Granted to' : 'Revoked from',
          named(party, tx.body.grantee, 'grantee key'),
        ],
        ['Request', <ShortHash key="q" value={tx.body.request_id} label="request id" />],
      ];
    case 'account.register':
      return [
        ['Account', named(party, tx.body.account, 'account key')],
        ['Role', tx.body.role.replace('_', ' ')],
        ['Subject', <ShortHash key="s" value={tx.body.subject} label="subject id" />],
      ];
    case 'audit.checkpoint':
      return [
        [
          'Log entries',
          `${tx.body.from} to ${tx.body.to} (${plural(tx.body.to - tx.body.from + 1, 'entry', 'entries')})`,
        ],
        ['Merkle root', <ShortHash key="m" value={tx.body.root} label="log root" />],
      ];
  }
}

export function TxDetailView({
  node,
  id,
  links,
  party,
}: {
  node: string;
  id: string;
  links: ExplorerLinks;
  party: PartyOf;
}) {
  return (
    <QueryState query={useTx(node, id)} label="Loading the transaction">
      {(t) => (
        <Box sx={{ display: 'grid', gap: 2 }}>
          <Box component="p" sx={{ m: 0, fontSize: '1.1rem' }}>
            <TxSentence tx={t.tx} party={party} />
          </Box>
          <Box>
            <Chip
              size="small"
              variant="outlined"
              color={STATUS[t.status].color}
              label={STATUS[t.status].label}
            />
          </Box>
          <DetailList
            rows={[
              ['Transaction id', <ShortHash key="id" value={t.tx_id} label="transaction id" />],
              [
                'Block',
                t.block_hash === undefined ? (
                  'not yet in a block'
                ) : (
                  <Link key="b" component={RouterLink} to={links.block(t.block_hash)}>
                    {t.height}
                  </Link>
                ),
              ],
              ...(t.timestamp !== undefined ? ([['Time', formatDateTime(t.timestamp)]] as DetailRow[]) : []),
              ...(t.confirmations !== undefined
                ? ([['Confirmations', String(t.confirmations)]] as DetailRow[])
                : []),
              ['Type', <code key="t">{t.tx.type}</code>],
              ['Signed by', named(party, t.tx.signer, 'signer key')],
              ...bodyRows(t.tx, party),
            ]}
          />
          <Box component="details">
            <summary>Raw transaction</summary>
            <Box
              component="pre"
              sx={{
                fontSize: '0.75rem',
                bgcolor: 'grey.100',
                p: 1,
                overflowX: 'auto',
                m: 0,
                maxWidth: '100%',
              }}
            >
              {JSON.stringify(t.tx, null, 2)}
            </Box>
          </Box>
        </Box>
      )}
    </QueryState>
  );
}
