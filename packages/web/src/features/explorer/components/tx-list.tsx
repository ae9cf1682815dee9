import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { shortHex } from '../../../lib/format';
import { useTx } from '../api/get-tx';
import type { ExplorerLinks } from '../links';
import { type PartyOf, TxSentence } from './tx-sentence';

const PAGE = 25;

function TxItem({
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
  const tx = useTx(node, id);
  return (
    <Box component="li" sx={{ mb: 1 }}>
      <Box>
        {tx.isSuccess ? (
          <TxSentence tx={tx.data.tx} party={party} />
        ) : tx.isError ? (
          'Transaction'
        ) : (
          'Loading…'
        )}
      </Box>
      <Link
        component={RouterLink}
        to={links.tx(id)}
        aria-label={`Transaction ${id}`}
        sx={{ fontSize: '0.85rem' }}
      >
        <code title={id}>{shortHex(id, 10)}</code>
      </Link>
    </Box>
  );
}

/** A block's transactions in words, each linking to its own page; long blocks show more on demand. */
export function TxList({
  node,
  ids,
  links,
  party,
}: {
  node: string;
  ids: readonly string[];
  links: ExplorerLinks;
  party: PartyOf;
}) {
  const [shown, setShown] = useState(PAGE);
  if (ids.length === 0) return <Box sx={{ color: 'text.secondary' }}>No transactions in this block.</Box>;
  return (
    <>
      <Box component="ol" sx={{ m: 0, pl: 3 }}>
        {ids.slice(0, shown).map((id) => (
          <TxItem key={id} node={node} id={id} links={links} party={party} />
        ))}
      </Box>
      {shown < ids.length && (
        <Button onClick={() => setShown((n) => n + PAGE)}>
          Show {Math.min(PAGE, ids.length - shown)} more of {ids.length - shown}
        </Button>
      )}
    </>
  );
}
