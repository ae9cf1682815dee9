import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { Link as RouterLink, useParams } from 'react-router';
import { QueryState } from '../../components/ui/query-state';
import { Section } from '../../components/ui/section';
import { BlockDetailView } from '../../features/explorer/components/block-detail';
import { useExplorerNode } from './shared/use-explorer-node';

export default function BlockRoute() {
  const { hash = '' } = useParams();
  const { network, node, hrefOf } = useExplorerNode();
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Box>
        <Button component={RouterLink} to={`/explorer${node ? `?node=${encodeURIComponent(node)}` : ''}`}>
          ← All blocks
        </Button>
      </Box>
      <Section title="Block">
        {!/^[0-9a-f]{64}$/.test(hash) ? (
          <Box role="alert">This is not a block hash (64 lowercase hex digits).</Box>
        ) : (
          <QueryState query={network} label="Loading the network">
            {() =>
              node === null ? (
                <Box>The API lists no chain nodes.</Box>
              ) : (
                <BlockDetailView node={node} hash={hash} hrefOf={hrefOf} />
              )
            }
          </QueryState>
        )}
      </Section>
    </Box>
  );
}
