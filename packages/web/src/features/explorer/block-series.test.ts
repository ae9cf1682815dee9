import { describe, expect, it } from 'vitest';
import { blockIntervals, txsPerBlock } from './block-series';

const b = (height: number, timestamp: number, txs = 1) => ({
  height,
  hash: String(height),
  timestamp,
  miner: 'm',
  txs,
});

describe('block series', () => {
  it('gives the seconds between consecutive blocks, oldest first', () => {
    expect(blockIntervals([b(3, 4500), b(2, 2000), b(1, 1000)])).toEqual([
      { x: 2, y: 1 },
      { x: 3, y: 2.5 },
    ]);
  });
  it('skips gaps in the heights rather than inventing an interval', () => {
    expect(blockIntervals([b(5, 9000), b(3, 1000)])).toEqual([]);
  });
  it('counts transactions per block, without genesis', () => {
    expect(txsPerBlock([b(1, 0, 4), b(0, 0, 0)])).toEqual([{ x: 1, y: 4 }]);
  });
});
