import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { stubFetch } from '../../testing/fetch-stub';
import { renderApp, signInAs } from '../../testing/render';

const CA = '4c1b2e8f9a3d47e39b25f0c6a7d18b52';
const HA = '6d041a6bf3f741fabb9e0bd7d2518479';
const N1 = 'http://n1';
const N2 = 'http://n2';
const CA_KEY = 'ca'.repeat(32);
const HA_KEY = 'ab'.repeat(32);
const PATIENT_KEY = 'cd'.repeat(32);
const V1 = '11'.repeat(32);
const V2 = '22'.repeat(32);
const TX = 'ee'.repeat(32);
const BLOCK = 'bb'.repeat(32);
const RECORD = '8ee9c6326d1d4438a1945af1d3320a98';

const status = (key: string, height: number) => ({
  network: 'chartproof-local',
  genesis: '00'.repeat(32),
  node_key: key,
  validator: true,
  height,
  tip: BLOCK,
  tip_timestamp: 1_796_292_114_626,
  mempool: 0,
  syncing: false,
  peers: [],
  acknowledged_heights: {},
  quorum: 2,
  block_interval_ms: 1000,
});

const anchor = {
  tx_id: TX,
  tx: {
    type: 'record.anchor',
    signer: HA_KEY,
    body: {
      record_id: RECORD,
      patient: PATIENT_KEY,
      creator: HA_KEY,
      date: '2026-12-07T10:42:05.123Z',
      commitment: 'cc'.repeat(32),
    },
    sig: '99'.repeat(64),
  },
  status: 'acknowledged',
  block_hash: BLOCK,
  height: 64,
  index: 0,
  timestamp: 1_796_292_114_626,
  confirmations: 3,
};

const blocks = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    height: from - i,
    hash: (from - i).toString(16).padStart(64, '0'),
    timestamp: 1_796_292_114_626 - i * 1000,
    miner: i % 2 === 0 ? V1 : V2,
    txs: i % 3,
  }));

const world = {
  'POST /api/auth/verify': { body: { valid: true, message: 'Token is valid' } },
  [`GET /api/central-authority/${CA}`]: { body: { _id: CA, name: 'Serbian Government' } },
  'GET /api/network': {
    body: {
      network: 'chartproof-local',
      genesis_hash: '00'.repeat(32),
      genesis: { central_authority: CA_KEY, validators: [V1, V2] },
      nodes: [N1, N2],
    },
  },
  [`GET ${N1}/status`]: { body: status(V1, 120) },
  [`GET ${N2}/status`]: { body: status(V2, 120) },
  [`GET ${N1}/tx/${TX}`]: { body: anchor },
  [`GET ${N1}/accounts/${HA_KEY}`]: { body: { key: HA_KEY, role: 'health_authority', subject: HA } },
  [`GET ${N1}/accounts/${PATIENT_KEY}`]: {
    body: { key: PATIENT_KEY, role: 'patient', subject: 'ff'.repeat(16) },
  },
  'GET /api/health-authorities': {
    body: {
      health_authorities: [
        { _id: HA, name: 'Saint Mary General Hospital', type: 'Hospital', address: 'a', phone: 'p' },
      ],
    },
  },
  [`GET ${N1}/blocks?limit=25`]: { body: { height: 120, blocks: blocks(120, 25) } },
  [`GET ${N1}/blocks?limit=25&before=96`]: { body: { height: 120, blocks: blocks(95, 25) } },
  [`GET ${N1}/blocks?limit=100`]: { body: { height: 120, blocks: blocks(120, 100) } },
  [`GET ${N1}/records/${RECORD}`]: { body: { ...anchor, record_id: RECORD } },
};

describe('explorer', () => {
  it('tells a transaction in words, naming the hospital from its on-chain registration and never the patient', async () => {
    signInAs(CA, 'central_authority');
    stubFetch(world);
    renderApp(`/explorer/tx/${TX}`);
    const sentence = await screen.findByText(
      (_, el) => el?.tagName === 'P' && el.textContent === 'Record anchored by Saint Mary General Hospital',
    );
    expect(sentence).toBeTruthy();
    expect(screen.getByText('Confirmed by the quorum of nodes')).toBeTruthy();
    expect(await screen.findByText('a patient')).toBeTruthy();
    expect(screen.getByRole('button', { name: `Copy transaction id ${TX}` })).toBeTruthy();
    expect(screen.getByText('eeeeeeee…eeeeeeee')).toBeTruthy();
  });

  it('pages through every block, not only the newest, and names the miners', async () => {
    signInAs(CA, 'central_authority');
    const net = stubFetch(world);
    renderApp('/explorer');
    expect(await screen.findByText('Blocks 120 to 96 of 121')).toBeTruthy();
    expect((await screen.findAllByText('Node 1 (n1)')).length).toBeGreaterThan(0);
    await userEvent.click(screen.getByRole('link', { name: 'Older' }));
    expect(await screen.findByText('Blocks 95 to 71 of 121')).toBeTruthy();
    expect(net.called('GET', '/blocks?limit=25&before=96')).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'Block 71' })).toBeTruthy();
  });

  it('finds a record id through its anchor and opens the transaction page', async () => {
    signInAs(CA, 'central_authority');
    stubFetch(world);
    renderApp('/explorer');
    await userEvent.type(await screen.findByLabelText('Block, transaction or record'), RECORD);
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(
      await screen.findByText(
        (_, el) => el?.tagName === 'P' && el.textContent === 'Record anchored by Saint Mary General Hospital',
      ),
    ).toBeTruthy();
  });

  it('names the hospital to a patient from her own records, and says "a health authority" when it cannot', async () => {
    const ANA = 'ffbe84df20d043178300a21710312068';
    signInAs(ANA, 'patients');
    const patient = {
      ...world,
      [`GET /api/patients/${ANA}`]: { body: { _id: ANA, first_name: 'Ana', last_name: 'Petrović' } },
      'GET /api/health-records': {
        status: 201,
        body: {
          health_records: [
            {
              key: 'k',
              health_record: {
                _id: RECORD,
                date: '04-11-2025',
                health_authority_id: HA,
                health_authority_name: 'Saint Mary General Hospital',
              },
            },
          ],
        },
      },
    };
    stubFetch(patient);
    const view = renderApp(`/explorer/tx/${TX}`);
    expect(
      await screen.findByText(
        (_, el) => el?.tagName === 'P' && el.textContent === 'Record anchored by Saint Mary General Hospital',
      ),
    ).toBeTruthy();
    view.unmount();
    stubFetch({ ...patient, 'GET /api/health-records': { status: 201, body: { health_records: [] } } });
    renderApp(`/explorer/tx/${TX}`);
    expect(
      await screen.findByText(
        (_, el) => el?.tagName === 'P' && el.textContent === 'Record anchored by a health authority',
      ),
    ).toBeTruthy();
  });

  it('says what a search box takes when given something else', async () => {
    signInAs(CA, 'central_authority');
    const net = stubFetch(world);
    renderApp('/explorer');
    await userEvent.type(await screen.findByLabelText('Block, transaction or record'), 'hospital');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(screen.getByText(/^Not a height, hash or id\./)).toBeTruthy();
    expect(net.calls.filter((c) => /\/(records|tx|blocks)\//.test(c.url))).toEqual([]);
  });
});
