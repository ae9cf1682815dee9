import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { anchoredRecord, RECORD, RECORD_ID, SALT } from '../../../testing/anchored-record';
import { stubFetch } from '../../../testing/fetch-stub';
import { renderSignedIn } from '../../../testing/render';
import { OfflineCheck } from './offline-check';

const fixture = await anchoredRecord();
const bundle = {
  chartproof_proof: 1,
  record_id: RECORD_ID,
  record: RECORD,
  salt: SALT,
  commitment: fixture.commitment,
  receipt: fixture.receipt,
  genesis: fixture.genesisDoc,
  node: 'http://127.0.0.1:5002',
  saved_at: '2026-12-03T10:00:00.000Z',
};
const file = (value: unknown, name = 'proof.json') =>
  new File([JSON.stringify(value)], name, { type: 'application/json' });

describe('OfflineCheck', () => {
  it('verifies a saved proof file with no network call', async () => {
    const net = stubFetch({});
    renderSignedIn(<OfflineCheck trustedGenesisHash={fixture.genesisHash} />);
    await userEvent.upload(screen.getByLabelText('Proof file'), file(bundle));
    expect(await screen.findByText(/Proof verified in your browser in proof.json, offline/)).toBeTruthy();
    expect(net.calls.filter((c) => !c.path.startsWith('/api/auth'))).toEqual([]);
  });

  it('shows a record edited inside the file in red, naming the failed checks', async () => {
    stubFetch({});
    renderSignedIn(<OfflineCheck />);
    await userEvent.upload(
      screen.getByLabelText('Proof file'),
      file({ ...bundle, record: { ...RECORD, diagnosis: 'Healthy' } }),
    );
    const verdict = await screen.findByText(/Tampering or a broken proof detected/);
    expect(verdict.closest('.MuiAlert-colorError')).not.toBeNull();
    expect(screen.getAllByText('✗ Fail').length).toBeGreaterThanOrEqual(2);
    expect(screen.getByText(/Compare it with your network's published genesis hash/)).toBeTruthy();
  });

  it('accepts a dropped file', async () => {
    stubFetch({});
    renderSignedIn(<OfflineCheck trustedGenesisHash={fixture.genesisHash} />);
    const zone = screen.getByText(/Drop a saved proof file here/).parentElement!;
    fireEvent.drop(zone, { dataTransfer: { files: [file(bundle, 'dropped.json')] } });
    expect(await screen.findByText(/in dropped.json, offline/)).toBeTruthy();
  });

  it('explains a file that is not a proof', async () => {
    stubFetch({});
    renderSignedIn(<OfflineCheck />);
    await userEvent.upload(screen.getByLabelText('Proof file'), file({ hello: 1 }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Not a ChartProof proof file/);
  });
});
