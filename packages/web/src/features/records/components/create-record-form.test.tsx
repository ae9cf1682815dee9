import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { stubFetch } from '../../../testing/fetch-stub';
import { renderSignedIn } from '../../../testing/render';
import type { Patient } from '../../../types/entities';
import { CreateRecordForm } from './create-record-form';

const MILOS: Patient = {
  _id: '27c5e47361af401987d5a7f0cbba3d99',
  first_name: 'Miloš',
  last_name: 'Jovanović',
  personal_id: '1205990710034',
  date_of_birth: '1976-05-11',
  gender: 'Male',
  address: 'Kralja Petra 14, Belgrade, Serbi',
  phone: '+381 64 215 884',
  citizenship: 'Serbian',
};

async function type(label: string, value: string) {
  await userEvent.click(screen.getByLabelText(label, { selector: 'input, textarea' }));
  await userEvent.paste(value);
}

describe('CreateRecordForm', () => {
  it('sends patient_id from the search result and normalised field keys', async () => {
    const net = stubFetch({
      'POST /api/health-records': {
        status: 201,
        body: {
          message: 'Health record successfully added and confirmed on blockchain',
          id: 'bb'.repeat(16),
          transaction_id: 'cc'.repeat(32),
          block_hash: 'dd'.repeat(32),
          height: 7,
        },
      },
    });
    renderSignedIn(<CreateRecordForm patient={MILOS} />);
    expect(screen.queryByLabelText(/patient id/i, { selector: 'input' })).toBeNull();
    await type('Diagnosis *', 'Hypertension');
    await type('New Field', 'Blood Pressure');
    await userEvent.click(screen.getByRole('button', { name: 'Add Field' }));
    await type('Blood Pressure *', '140/90');
    await userEvent.click(screen.getByRole('button', { name: 'Add Health Record' }));
    expect(
      await screen.findByText('Health record successfully added and confirmed on blockchain'),
    ).toBeTruthy();
    expect(screen.getByText('7')).toBeTruthy();
    expect(screen.getByText('dd'.repeat(32))).toBeTruthy();
    expect(net.called('POST', '/api/health-records')[0]!.body).toEqual({
      patient_id: MILOS._id,
      diagnosis: 'Hypertension',
      blood_pressure: '140/90',
    });
  });

  it('sends one Idempotency-Key per record, retries a lost answer with it, and clears the form once saved', async () => {
    let n = 0;
    const net = stubFetch({
      'POST /api/health-records': () =>
        ++n === 1
          ? { drop: true }
          : {
              status: 201,
              body: {
                message: 'Health record successfully added and confirmed on blockchain',
                id: 'bb'.repeat(16),
                transaction_id: 'cc'.repeat(32),
                block_hash: 'dd'.repeat(32),
                height: 7,
              },
            },
    });
    renderSignedIn(<CreateRecordForm patient={MILOS} />);
    await type('Diagnosis *', 'Hypertension');
    await userEvent.dblClick(screen.getByRole('button', { name: 'Add Health Record' }));
    expect(
      await screen.findByText(
        'Health record successfully added and confirmed on blockchain',
        {},
        { timeout: 5_000 },
      ),
    ).toBeTruthy();
    const posts = net.called('POST', '/api/health-records');
    expect(posts).toHaveLength(2); // the lost one and its retry; the double click sent nothing more
    const key = posts[0]!.headers['Idempotency-Key'];
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(posts[1]!.headers['Idempotency-Key']).toBe(key);
    expect(
      (screen.getByLabelText('Diagnosis *', { selector: 'input, textarea' }) as HTMLTextAreaElement).value,
    ).toBe('');
  });

  it('reuses the key when the same fields are sent again after an error, and makes a new one for changed fields', async () => {
    const net = stubFetch({
      'POST /api/health-records': { status: 503, body: { error: 'Blockchain unavailable: x', message: 'x' } },
    });
    renderSignedIn(<CreateRecordForm patient={MILOS} />);
    await type('Diagnosis *', 'Flu');
    const add = screen.getByRole('button', { name: 'Add Health Record' });
    await userEvent.click(add);
    await screen.findByText(/Blockchain unavailable/);
    await userEvent.click(add);
    await type('Diagnosis *', ' B');
    await userEvent.click(add);
    await vi.waitFor(() => expect(net.called('POST', '/api/health-records')).toHaveLength(3));
    const keys = net.called('POST', '/api/health-records').map((c) => c.headers['Idempotency-Key']);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('renames and removes fields', async () => {
    const net = stubFetch({
      'POST /api/health-records': { status: 201, body: { message: 'ok', id: 'x', transaction_id: 'y' } },
    });
    renderSignedIn(<CreateRecordForm patient={MILOS} />);
    await type('New Field', 'Symptoms');
    await userEvent.click(screen.getByRole('button', { name: 'Add Field' }));
    const name = screen.getByLabelText('Field 1 name *', { selector: 'input' });
    await userEvent.clear(name);
    await userEvent.click(name);
    await userEvent.paste('Main Complaint');
    expect(screen.getByText('Stored as main_complaint')).toBeTruthy();
    await type('Main Complaint *', 'Headache');
    await userEvent.click(screen.getByRole('button', { name: 'Remove field Symptoms' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add Health Record' }));
    await screen.findByText('ok');
    expect(net.called('POST', '/api/health-records')[0]!.body).toEqual({
      patient_id: MILOS._id,
      main_complaint: 'Headache',
    });
  });

  it('refuses empty values, server-owned names and duplicates before sending', async () => {
    const net = stubFetch({});
    renderSignedIn(<CreateRecordForm patient={MILOS} />);
    await type('New Field', 'Doctor Id');
    await userEvent.click(screen.getByRole('button', { name: 'Add Field' }));
    await type('New Field', 'diagnosis');
    await userEvent.click(screen.getByRole('button', { name: 'Add Field' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add Health Record' }));
    expect(screen.getAllByText('A value is required').length).toBeGreaterThan(0);
    expect(screen.getByText('This name is set by the server')).toBeTruthy();
    expect(screen.getByText('Field names must be unique')).toBeTruthy();
    expect(net.calls).toEqual([]);
  });

  it('shows progress while the record is anchored', async () => {
    stubFetch({ 'POST /api/health-records': { hang: true } });
    renderSignedIn(<CreateRecordForm patient={MILOS} />);
    await type('Diagnosis *', 'Flu');
    await userEvent.click(screen.getByRole('button', { name: 'Add Health Record' }));
    expect(await screen.findByText(/waiting for the validators to acknowledge/)).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Anchoring the record' })).toBeTruthy();
  });

  it("shows the server's error verbatim", async () => {
    stubFetch({
      'POST /api/health-records': {
        status: 404,
        body: { error: 'Patient not found', message: 'Patient not found' },
      },
    });
    renderSignedIn(<CreateRecordForm patient={MILOS} />);
    await type('Diagnosis *', 'Flu');
    await userEvent.click(screen.getByRole('button', { name: 'Add Health Record' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Patient not found');
  });
});
