import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { stubFetch } from '../../../testing/fetch-stub';
import { renderSignedIn, signInAs } from '../../../testing/render';
import DoctorDashboard from './doctor-dashboard';

const MARKO = '0271f15a69394cacb71cab62665e0592';
const PID = '1205990710034';
const MILOS = {
  _id: '27c5e47361af401987d5a7f0cbba3d99',
  first_name: 'Miloš',
  last_name: 'Jovanović',
  personal_id: PID,
  date_of_birth: '1976-05-11',
  gender: 'Male',
  address: 'Kralja Petra 14, Belgrade, Serbi',
  phone: '+381 64 215 884',
  citizenship: 'Serbian',
};
const ext = (id: string, extra: object) => ({
  health_record_id: id,
  health_authority_name: 'Central Health Institute',
  added_at_blockchain: '2025-11-04T12:17:34.969Z',
  patient_id: MILOS._id,
  ...extra,
});

describe('Doctor: search patients', () => {
  it('makes the three calls of 7.E2 and shows each external record with its state and action', async () => {
    signInAs(MARKO, 'doctors');
    let sends = 0;
    const net = stubFetch({
      'POST /api/auth/verify': { body: { valid: true } },
      [`GET /api/patients/personal_id/${PID}`]: { body: MILOS },
      [`GET /api/health-records/patient/${PID}?own=true`]: { body: { health_records: [] } },
      [`GET /api/health-records/patient/${PID}`]: {
        body: {
          blockchain_response: [
            ext('e2e659351b784cddad9ecfa02b541f36', { request_status: 'none' }),
            ext('ef468370a25443f1876094546327d4b0', { request_status: 'pending' }),
            ext('11111111111111111111111111111111', { request_status: 'accepted', key: 'grant-token' }),
            ext('22222222222222222222222222222222', { request_status: 'revoked' }),
          ],
        },
      },
      'GET /api/requests/doctors': { body: [] },
      // The first answer is lost on the way: the app retries with the same Idempotency-Key.
      'POST /api/requests': () => (++sends === 1 ? { drop: true } : { status: 201, body: { _id: 'r1' } }),
    });
    renderSignedIn(<DoctorDashboard />);
    await userEvent.click(screen.getByLabelText(/^Personal ID/, { selector: 'input' }));
    await userEvent.paste(PID);
    await userEvent.click(screen.getByRole('button', { name: 'Search Patients' }));

    expect(await screen.findByText('Kralja Petra 14, Belgrade, Serbi')).toBeTruthy();
    expect(await screen.findByText('No Health Records')).toBeTruthy();
    for (const path of [
      `/api/patients/personal_id/${PID}`,
      `/api/health-records/patient/${PID}?own=true`,
      `/api/health-records/patient/${PID}`,
    ]) {
      expect(net.called('GET', path)).toHaveLength(1);
    }

    const card = (id: string) => screen.getByRole('article', { name: `External health record ${id}` });
    const first = card('e2e659351b784cddad9ecfa02b541f36');
    expect(within(first).getByText('No request')).toBeTruthy();
    expect(
      within(card('ef468370a25443f1876094546327d4b0')).getByRole('button', { name: 'Request Sent' }),
    ).toBeTruthy();
    expect(
      within(card('11111111111111111111111111111111')).getByRole('button', { name: 'Load Health Record' }),
    ).toBeTruthy();
    expect(
      within(card('22222222222222222222222222222222')).getByText('The patient revoked your access.'),
    ).toBeTruthy();

    await userEvent.click(within(first).getByRole('button', { name: 'Send Request' }));
    // Pending at once (optimistic); the retry of the lost answer goes on behind it.
    expect(await within(first).findByRole('button', { name: 'Request Sent' })).toBeTruthy();
    expect(within(first).getByText('Pending')).toBeTruthy();
    await waitFor(() => expect(net.called('POST', '/api/requests')).toHaveLength(2), { timeout: 5_000 });
    const posts = net.called('POST', '/api/requests');
    expect(posts[0]!.body).toEqual({
      health_record_id: 'e2e659351b784cddad9ecfa02b541f36',
      patient_id: MILOS._id,
    });
    expect(posts[0]!.headers['Idempotency-Key']).toMatch(/^[0-9a-f]{32}$/);
    expect(posts[1]!.headers['Idempotency-Key']).toBe(posts[0]!.headers['Idempotency-Key']);
    expect(screen.getByRole('heading', { name: 'Add Health Record for Miloš Jovanović' })).toBeTruthy();
  });

  it('shows its own spelling of the server\'s "Patinet not found!" for an unknown personal ID', async () => {
    signInAs(MARKO, 'doctors');
    const notFound = { status: 404, body: { error: 'Patinet not found!', message: 'Patinet not found!' } };
    stubFetch({
      'POST /api/auth/verify': { body: { valid: true } },
      'GET /api/patients/personal_id/000': notFound,
      'GET /api/health-records/patient/000?own=true': notFound,
      'GET /api/health-records/patient/000': notFound,
    });
    renderSignedIn(<DoctorDashboard />, { route: '/dashboard?pid=000' });
    expect((await screen.findAllByText('Patient not found!')).length).toBeGreaterThan(0);
    expect(screen.queryByText(/Patinet/)).toBeNull();
    expect(screen.queryByRole('heading', { name: /Add Health Record/ })).toBeNull();
  });

  it('encodes a personal ID from the address bar into each path: "../../audit?x=" never reaches /api/audit', async () => {
    signInAs(MARKO, 'doctors');
    const pid = '../../audit?x=';
    const encoded = encodeURIComponent(pid);
    const notFound = { status: 404, body: { error: 'Patinet not found!', message: 'Patinet not found!' } };
    const net = stubFetch({
      'POST /api/auth/verify': { body: { valid: true } },
      [`GET /api/patients/personal_id/${encoded}`]: notFound,
      [`GET /api/health-records/patient/${encoded}?own=true`]: notFound,
      [`GET /api/health-records/patient/${encoded}`]: notFound,
    });
    renderSignedIn(<DoctorDashboard />, { route: '/dashboard?tab=search&pid=..%2F..%2Faudit%3Fx%3D' });
    expect((await screen.findAllByText('Patient not found!')).length).toBeGreaterThan(0);
    const paths = net.calls
      .filter((c) => c.method === 'GET')
      .map((c) => new URL(c.url, 'http://app.invalid').pathname);
    expect(paths.sort()).toEqual(
      [
        `/api/health-records/patient/${encoded}`,
        `/api/health-records/patient/${encoded}`,
        `/api/patients/personal_id/${encoded}`,
      ].sort(),
    );
    expect(
      net.calls.some((c) => new URL(c.url, 'http://app.invalid').pathname.startsWith('/api/audit')),
    ).toBe(false);
  });
});
