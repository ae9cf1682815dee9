import type { Point } from '../../components/ui/line-chart';
import type { BlockSummary } from './api/types';

/** Seconds between each block and its parent, by height (oldest first). Genesis has none. */
export function blockIntervals(blocks: readonly BlockSummary[]): Point[] {
  const asc = [...blocks].sort((a, b) => a.height - b.height);
  const out: Point[] = [];
  for (let i = 1; i < asc.length; i++) {
    if (asc[i]!.height !== asc[i - 1]!.height + 1) continue;
    out.push({ x: asc[i]!.height, y: Math.round((asc[i]!.timestamp - asc[i - 1]!.timestamp) / 10) / 100 });
  }
  return out;
}

export function txsPerBlock(blocks: readonly BlockSummary[]): Point[] {
  return [...blocks]
    .sort((a, b) => a.height - b.height)
    .filter((b) => b.height > 0)
    .map((b) => ({ x: b.height, y: b.txs }));
}
