import Box from '@mui/material/Box';
import { LineChart } from '../../../components/ui/line-chart';
import type { BlockSummary } from '../api/types';
import { blockIntervals, txsPerBlock } from '../block-series';

export function BlockCharts({ blocks }: { blocks: readonly BlockSummary[] }) {
  return (
    <Box
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'minmax(0, 1fr) minmax(0, 1fr)' },
      }}
    >
      <LineChart title="Block interval" points={blockIntervals(blocks)} xLabel="height" yLabel="seconds" />
      <LineChart
        title="Transactions per block"
        points={txsPerBlock(blocks)}
        xLabel="height"
        yLabel="transactions"
        color="#5b3a8e"
      />
    </Box>
  );
}
