import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { stubFetch } from '../../../testing/fetch-stub';
import { renderSignedIn } from '../../../testing/render';
import { NodeStatusTable } from './node-status-table';

const STATUS = {
  network: 'chartproof-local',
  genesis: 'ab'.repeat(32),
  node_key: 'cd'.repeat(32),
  validator: true,
  height: 42,
  tip: 'ef'.repeat(32),
  tip_timestamp: 1796292114626,
  mempool: 3,
  syncing: false,
  peers: [
    {
      key: '11'.repeat(32),
      direction: 'outbound',
      address: 'ws://127.0.0.1:5002',
      height: 42,
      validator: true,
    },
  ],
  acknowledged_heights: { ['aa'.repeat(32)]: 42, ['bb'.repeat(32)]: 41 },
  quorum: 2,
  block_interval_ms: 1000,
};

describe('NodeStatusTable', () => {
  it("shows each node's height, peers, mempool and acknowledged heights, and a down node's error", async () => {
    stubFetch({
      'GET http://n1/status': { body: STATUS },
      'GET http://n2/status': {
        status: 503,
        body: { error: 'node is starting', message: 'node is starting' },
      },
    });
    renderSignedIn(<NodeStatusTable nodes={['http://n1', 'http://n2']} />);
    expect(await screen.findByText('42')).toBeTruthy();
    expect(screen.getByText('In sync')).toBeTruthy();
    expect(screen.getByText('1 (1 validator)')).toBeTruthy();
    expect(screen.getByText(': 41', { exact: false })).toBeTruthy();
    expect(await screen.findByText('node is starting')).toBeTruthy();
  });
});
