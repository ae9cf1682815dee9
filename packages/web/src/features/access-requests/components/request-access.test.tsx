import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { stubFetch } from '../../../testing/fetch-stub';
import { renderSignedIn } from '../../../testing/render';
import { RequestAccess } from './request-access';

const ITEM = {
  health_record_id: 'e2e659351b784cddad9ecfa02b541f36',
  health_authority_name: 'Clinic Health Institute',
  added_at_blockchain: '2026-12-03 10:00:00',
  patient_id: '27c5e47361af401987d5a7f0cbba3d99',
};

describe('RequestAccess', () => {
  it('shows Pending the moment "Send Request" is pressed, before the server answers', async () => {
    const net = stubFetch({
      'GET /api/requests/doctors': { body: [] },
      'POST /api/requests': { hang: true },
    });
    renderSignedIn(<RequestAccess item={ITEM} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Send Request' }));
    expect(await screen.findByText('Pending')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Request Sent' })).toHaveProperty('disabled', true);
    expect(net.called('POST', '/api/requests')[0]!.body).toEqual({
      health_record_id: ITEM.health_record_id,
      patient_id: ITEM.patient_id,
    });
  });

  it('takes Pending back and says why when the server refuses', async () => {
    stubFetch({
      'GET /api/requests/doctors': { body: [] },
      'POST /api/requests': {
        status: 400,
        body: { error: 'Request aleady exists!', message: 'Request aleady exists!' },
      },
    });
    renderSignedIn(<RequestAccess item={ITEM} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Send Request' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Request aleady exists!');
    await waitFor(() => expect(screen.queryByText('Pending')).toBeNull());
    expect(screen.getByRole('button', { name: 'Send Request' })).toBeTruthy();
  });
});
