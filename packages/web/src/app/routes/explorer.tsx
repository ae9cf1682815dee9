import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { QueryState } from '../../components/ui/query-state';
import { Section } from '../../components/ui/section';
import { useBlocks } from '../../features/explorer/api/get-blocks';
import { BlockCharts } from '../../features/explorer/components/block-charts';
import { BlockList } from '../../features/explorer/components/block-list';
import { NodeStatusTable } from '../../features/explorer/components/node-status-table';
import { useExplorerNode } from './shared/use-explorer-node';

function Blocks({ node, hrefOf }: { node: string; hrefOf: (hash: string) => string }) {
  return (
    <Section title="Blocks">
      <QueryState
        query={useBlocks(node, 100)}
        label="Loading blocks"
        isEmpty={(d) => d.blocks.length === 0}
        empty="No blocks yet."
      >
        {(d) => (
          <Box sx={{ display: 'grid', gap: 3 }}>
            <BlockCharts blocks={d.blocks} />
            <BlockList blocks={d.blocks.slice(0, 25)} hrefOf={hrefOf} />
          </Box>
        )}
      </QueryState>
    </Section>
  );
}

export default function ExplorerRoute() {
  const { network, nodes, node, choose, hrefOf } = useExplorerNode();
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Section title="Chain nodes">
        <QueryState
          query={network}
          label="Loading the network"
          isEmpty={(d) => d.nodes.length === 0}
          empty="The API lists no chain nodes."
        >
          {(d) => (
            <Box sx={{ display: 'grid', gap: 2 }}>
              <Box>
                Network <strong>{d.network}</strong>, genesis{' '}
                <code style={{ overflowWrap: 'anywhere' }}>{d.genesis_hash}</code>
              </Box>
              <NodeStatusTable nodes={d.nodes} />
            </Box>
          )}
        </QueryState>
      </Section>
      {node !== null && (
        <>
          <Box>
            <TextField
              select
              label="Read blocks from"
              value={node}
              onChange={(e) => choose(e.target.value)}
              slotProps={{ select: { native: true } }}
              sx={{ minWidth: 260 }}
            >
              {nodes.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </TextField>
          </Box>
          <Blocks node={node} hrefOf={hrefOf} />
        </>
      )}
    </Box>
  );
}
