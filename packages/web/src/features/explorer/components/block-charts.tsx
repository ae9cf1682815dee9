import { Columns } from '../../../components/layouts/columns';
import { LineChart } from '../../../components/ui/line-chart';
import type { BlockSummary } from '../api/types';
import { blockIntervals, txsPerBlock } from '../block-series';

export function BlockCharts({ blocks }: { blocks: readonly BlockSummary[] }) {
  return (
    <Columns stretch>
      <LineChart title="Block interval" points={blockIntervals(blocks)} xLabel="height" yLabel="seconds" />
      <LineChart
        title="Transactions per block"
        points={txsPerBlock(blocks)}
        xLabel="height"
        yLabel="transactions"
        color="#5b3a8e"
      />
    </Columns>
  );
}
