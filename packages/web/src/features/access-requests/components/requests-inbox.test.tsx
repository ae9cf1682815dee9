import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../../lib/format';
import { stubFetch } from '../../../testing/fetch-stub';
import { renderSignedIn } from '../../../testing/render';
import { RequestsInbox } from './requests-inbox';

const RECORD = 'e2e659351b784cddad9ecfa02b541f36';
const REQUEST = {
  _id: 'ab'.repeat(16),
  health_authority_id: '6d041a6bf3f741fabb9e0bd7d2518479',
  health_authority_name: 'Saint Mary General Hospital',
  health_record_id: RECORD,
  patient_id: '27c5e47361af401987d5a7f0cbba3d99',
};

describe('RequestsInbox', () => {
  it('shows a loading state, then "No Requests" when the inbox is empty', async () => {
    stubFetch({ 'GET /api/requests/patient': { body: [] } });
    renderSignedIn(<RequestsInbox />);
    expect(screen.getByRole('status').textContent).toMatch(/Loading requests/);
    expect(await screen.findByText('No Requests')).toBeTruthy();
  });

  it('sends only Authorization on the inbox call, as the reference does', async () => {
    const net = stubFetch({ 'GET /api/requests/patient': { body: [] } });
    renderSignedIn(<RequestsInbox />);
    await screen.findByText('No Requests');
    expect(net.called('GET', '/api/requests/patient')[0]!.headers['Content-Type']).toBeUndefined();
  });

  it("shows the server's message when the inbox cannot load", async () => {
    stubFetch({
      'GET /api/requests/patient': {
        status: 503,
        body: { error: 'Database unavailable', message: 'Database unavailable' },
      },
    });
    renderSignedIn(<RequestsInbox />);
    expect((await screen.findByRole('alert')).textContent).toContain('Database unavailable');
  });

  it('accepts: GET the secret key, PATCH the request with that very body, and the card goes', async () => {
    let accepted = false;
    const net = stubFetch({
      'GET /api/requests/patient': () => ({ body: accepted ? [] : [REQUEST] }),
      [`GET /api/health-records/secret_key/${RECORD}`]: { body: { secret_key: 'tok-123' } },
      [`PATCH /api/requests/${REQUEST._id}`]: () => {
        accepted = true;
        return { body: { message: 'Request accepted!' } };
      },
    });
    renderSignedIn(<RequestsInbox />);
    expect((await screen.findByRole('article')).textContent).toMatch(
      /^Saint Mary General Hospital asks to read your record with ID/,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(screen.getByText('No Requests')).toBeTruthy());
    expect(net.called('PATCH', `/api/requests/${REQUEST._id}`)[0]!.body).toEqual({ secret_key: 'tok-123' });
  });

  it('declines with DELETE and shows a refusal verbatim', async () => {
    const net = stubFetch({
      'GET /api/requests/patient': { body: [REQUEST] },
      [`DELETE /api/requests/${REQUEST._id}`]: {
        status: 404,
        body: { error: 'Request not found!', message: 'Request not found!' },
      },
    });
    renderSignedIn(<RequestsInbox />);
    await userEvent.click(await screen.findByRole('button', { name: 'Decline' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Request not found!');
    expect(net.called('DELETE', `/api/requests/${REQUEST._id}`)).toHaveLength(1);
  });

  it('names the doctor, the hospital, the record by its title and date, and when it was asked', async () => {
    stubFetch({
      'GET /api/requests/patient': {
        body: [
          {
            ...REQUEST,
            doctor_id: '0271f15a69394cacb71cab62665e0592',
            doctor_name: 'Dr. Marko Popović',
            created_at: '2026-12-07T09:30:00.000Z',
          },
        ],
      },
      'GET /api/health-records': {
        body: {
          health_records: [
            {
              key: 'k',
              health_record: {
                _id: RECORD,
                date: '04-11-2025',
                patient_id: REQUEST.patient_id,
                diagnosis: 'Hypertension ',
                therapy: 'Rest',
              },
            },
          ],
        },
      },
    });
    renderSignedIn(<RequestsInbox />);
    const card = await screen.findByRole('article');
    await waitFor(() => expect(card.textContent).toContain('“Hypertension”'));
    expect(card.textContent).toContain(
      'Dr. Marko Popović of Saint Mary General Hospital asks to read your record',
    );
    expect(card.textContent).toContain(`of ${formatDate('04-11-2025')}`); // the app's one date format
    expect(card.textContent).toContain(RECORD);
    expect(card.textContent).toContain(`Asked ${formatDateTime('2026-12-07T09:30:00.000Z')}`);
  });
});
