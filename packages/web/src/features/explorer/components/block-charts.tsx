import { Columns } from '../../../components/layouts/columns';
import { LineChart } from '../../../components/ui/line-chart';
import { plural } from '../../../lib/format';
import type { BlockSummary } from '../api/types';
import { blockIntervals, txsPerBlock } from '../block-series';

export function BlockCharts({ blocks }: { blocks: readonly BlockSummary[] }) {
  return (
    <Columns stretch>
      <LineChart
        title="Time between blocks"
        points={blockIntervals(blocks)}
        xLabel="Block height"
        yLabel="Seconds"
        tooltipOf={(p) => `Block ${p.x}: ${p.y} s after block ${p.x - 1}`}
      />
      <LineChart
        title="Transactions per block"
        points={txsPerBlock(blocks)}
        xLabel="Block height"
        yLabel="Transactions"
        tooltipOf={(p) => `Block ${p.x}: ${plural(p.y, 'transaction')}`}
        color="#5b3a8e"
      />
    </Columns>
  );
}
