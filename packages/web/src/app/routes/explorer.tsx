import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { useSearchParams } from 'react-router';
import { QueryState } from '../../components/ui/query-state';
import { Section } from '../../components/ui/section';
import { ShortHash } from '../../components/ui/short-hash';
import { useBlocks } from '../../features/explorer/api/get-blocks';
import { nodeLabel, useNodeNames } from '../../features/explorer/api/get-node-status';
import { BlockCharts } from '../../features/explorer/components/block-charts';
import { BlockList } from '../../features/explorer/components/block-list';
import { BlockPager } from '../../features/explorer/components/block-pager';
import { NodeStatusTable } from '../../features/explorer/components/node-status-table';
import { SearchBox } from '../../features/explorer/components/search-box';
import type { ExplorerLinks } from '../../features/explorer/links';
import { useExplorerNode } from './shared/use-explorer-node';

const PAGE = 25;

function Charts({ node }: { node: string }) {
  return (
    <Section title="Recent blocks">
      <QueryState
        query={useBlocks(node, 100)}
        label="Loading blocks"
        isEmpty={(d) => d.blocks.length === 0}
        empty="No blocks yet."
      >
        {(d) => <BlockCharts blocks={d.blocks} />}
      </QueryState>
    </Section>
  );
}

function Blocks({ node, nodes, links }: { node: string; nodes: readonly string[]; links: ExplorerLinks }) {
  const [params] = useSearchParams();
  const raw = params.get('before');
  const before = raw !== null && /^\d{1,10}$/.test(raw) ? Number(raw) : null;
  const names = useNodeNames(nodes);
  return (
    <Section title="Blocks">
      <QueryState
        query={useBlocks(node, PAGE, before)}
        label="Loading blocks"
        isEmpty={(d) => d.blocks.length === 0}
        empty="No blocks here."
      >
        {(d) => (
          <Box sx={{ display: 'grid', gap: 2 }}>
            <BlockPager tip={d.height} top={d.blocks[0]!.height} size={PAGE} links={links} />
            <BlockList
              caption={before === null ? 'Latest blocks' : `Blocks below height ${before}`}
              blocks={d.blocks}
              links={links}
              minerName={(key) => names.get(key)}
            />
          </Box>
        )}
      </QueryState>
    </Section>
  );
}

export default function ExplorerRoute() {
  const { network, nodes, node, choose, hrefOf, txHrefOf, listHref } = useExplorerNode();
  const links: ExplorerLinks = { block: hrefOf, tx: txHrefOf, list: listHref };
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      {node !== null && (
        <Section title="Search the chain">
          <SearchBox node={node} links={links} />
        </Section>
      )}
      <Section title="Chain nodes">
        <QueryState
          query={network}
          label="Loading the network"
          isEmpty={(d) => d.nodes.length === 0}
          empty="The API lists no chain nodes."
        >
          {(d) => (
            <Box sx={{ display: 'grid', gap: 2 }}>
              <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
                Network <strong>{d.network}</strong>, genesis{' '}
                <ShortHash value={d.genesis_hash} label="genesis hash" />
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
              sx={{ minWidth: { xs: '100%', sm: 320 } }}
            >
              {nodes.map((n, i) => (
                <option key={n} value={n}>
                  {nodeLabel(n, i)}
                </option>
              ))}
            </TextField>
          </Box>
          <Blocks node={node} nodes={nodes} links={links} />
          <Charts node={node} />
        </>
      )}
    </Box>
  );
}
