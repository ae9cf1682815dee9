import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { ReactNode } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { QueryState } from '../../components/ui/query-state';
import { Section } from '../../components/ui/section';
import { BlockDetailView } from '../../features/explorer/components/block-detail';
import { partyOn } from './shared/party';
import { useExplorerNode } from './shared/use-explorer-node';

/** The frame of an explorer detail page: back to the list, the id checked, the network loaded. */
export function ExplorerPage({
  title,
  valid,
  invalid,
  children,
}: {
  title: string;
  valid: boolean;
  invalid: string;
  children: (node: string) => ReactNode;
}) {
  const { network, node, listHref } = useExplorerNode();
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Box>
        <Button component={RouterLink} to={listHref(null)}>
          ← All blocks
        </Button>
      </Box>
      <Section title={title}>
        {!valid ? (
          <Box role="alert">{invalid}</Box>
        ) : (
          <QueryState query={network} label="Loading the network">
            {() => (node === null ? <Box>The API lists no chain nodes.</Box> : children(node))}
          </QueryState>
        )}
      </Section>
    </Box>
  );
}

export default function BlockRoute() {
  const { hash = '' } = useParams();
  const { hrefOf, txHrefOf, listHref } = useExplorerNode();
  return (
    <ExplorerPage
      title="Block"
      valid={/^[0-9a-f]{64}$/.test(hash)}
      invalid="This is not a block hash (64 lowercase hex digits)."
    >
      {(node) => (
        <BlockDetailView
          node={node}
          hash={hash}
          links={{ block: hrefOf, tx: txHrefOf, list: listHref }}
          party={partyOn(node)}
        />
      )}
    </ExplorerPage>
  );
}
