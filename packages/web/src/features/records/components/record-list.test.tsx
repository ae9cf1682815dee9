import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../../lib/format';
import { stubFetch } from '../../../testing/fetch-stub';
import { renderSignedIn } from '../../../testing/render';
import { useMyRecords } from '../api/get-my-records';
import { RecordList } from './record-list';
import { ServerVerify } from './server-verify';

const ANA_RECORD = {
  _id: '8ee9c6326d1d4438a1945af1d3320a98',
  date: '04-11-2025',
  diagnosis: 'Type 2 Diabetes Mellitus',
  doctor_first_name: 'Ivana',
  doctor_id: '9140861a23e34503995d4416798517ce',
  doctor_last_name: 'Đurić',
  health_authority_id: '6d041a6bf3f741fabb9e0bd7d2518479',
  health_authority_name: 'Saint Mary General Hospital',
  patient_first_name: 'Ana',
  patient_id: 'ffbe84df20d043178300a21710312068',
  patient_last_name: 'Petrović',
  blood_pressure: '140/90',
};

function MyRecords() {
  return (
    <RecordList
      query={useMyRecords()}
      actions={(item) => <ServerVerify recordId={item.health_record._id} secretKey={item.key} />}
    />
  );
}

describe('RecordList (patient records)', () => {
  it('shows "No Health Records" for an empty list', async () => {
    stubFetch({ 'GET /api/health-records': { body: { health_records: [] } } });
    renderSignedIn(<MyRecords />);
    expect(await screen.findByText('No Health Records')).toBeTruthy();
  });

  it("shows the server's error, with a retry", async () => {
    stubFetch({
      'GET /api/health-records': {
        status: 500,
        body: { error: 'Internal server error', message: 'Internal server error' },
      },
    });
    renderSignedIn(<MyRecords />);
    expect((await screen.findByRole('alert')).textContent).toContain('Internal server error');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('renders a record with humanised details and no metadata keys', async () => {
    stubFetch({
      'GET /api/health-records': { body: { health_records: [{ health_record: ANA_RECORD, key: 'k' }] } },
    });
    renderSignedIn(<MyRecords />);
    expect(await screen.findByText(formatDate('04-11-2025'))).toBeTruthy();
    expect(screen.getByText('Saint Mary General Hospital')).toBeTruthy();
    expect(screen.getByText('Dr. Ivana Đurić')).toBeTruthy();
    expect(screen.getByText('Blood Pressure')).toBeTruthy();
    expect(screen.getByText('Diagnosis')).toBeTruthy();
    for (const hidden of ['Doctor Id', 'Patient Id', 'Health Authority Id', 'Patient First Name']) {
      expect(screen.queryByText(hidden)).toBeNull();
    }
  });

  it('shows the server verdict green, and red when it says "invalid"', async () => {
    let answer = 'Health record is valid!';
    const net = stubFetch({
      'GET /api/health-records': { body: { health_records: [{ health_record: ANA_RECORD, key: 'tok' }] } },
      [`POST /api/health-records/verify/${ANA_RECORD._id}`]: () => ({
        body: { blockchain_response: answer },
      }),
    });
    renderSignedIn(<MyRecords />);
    await userEvent.click(await screen.findByRole('button', { name: 'Verify' }));
    const ok = await screen.findByText('Server: Health record is valid!');
    expect(ok.closest('.MuiAlert-colorSuccess')).not.toBeNull();
    expect(net.called('POST', `/api/health-records/verify/${ANA_RECORD._id}`)[0]!.body).toEqual({
      secret_key: 'tok',
    });
    answer = 'Health record is invalid! (not anchored on blockchain)';
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    const bad = await screen.findByText('Server: Health record is invalid! (not anchored on blockchain)');
    expect(bad.closest('.MuiAlert-colorError')).not.toBeNull();
  });

  it('shows a record that no longer decrypts in red, marked as possible tampering, beside the readable ones', async () => {
    const broken = {
      health_record: { _id: 'b'.repeat(32), patient_id: ANA_RECORD.patient_id, date: '05-11-2025' },
      key: 'k2',
      unreadable: true,
      problem: 'Health record is unreadable: its stored ciphertext does not decrypt (possible tampering)',
    };
    stubFetch({
      'GET /api/health-records': {
        body: { health_records: [{ health_record: ANA_RECORD, key: 'k' }, broken] },
      },
    });
    renderSignedIn(<MyRecords />);
    const card = await screen.findByRole('article', { name: `Health record ${'b'.repeat(32)} (unreadable)` });
    const alert = within(card).getByRole('alert');
    expect(alert.textContent).toMatch(/possible tampering/);
    expect(alert.closest('.MuiAlert-colorError')).not.toBeNull();
    expect(within(card).queryByRole('button', { name: 'Verify' })).toBeNull();
    expect(screen.getByRole('article', { name: `Health record ${ANA_RECORD._id}` })).toBeTruthy();
  });
});
