import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { stubFetch } from '../../../testing/fetch-stub';
import { renderSignedIn } from '../../../testing/render';
import { GrantsList } from './grants-list';

const GRANT = {
  _id: 'ab'.repeat(16),
  health_record_id: 'e2e659351b784cddad9ecfa02b541f36',
  health_authority_id: '6d041a6bf3f741fabb9e0bd7d2518479',
  health_authority_name: 'Saint Mary General Hospital',
  status: 'accepted',
  accepted_at: '2026-12-03T10:00:00.000Z',
};

describe('GrantsList', () => {
  it('says so when nobody has access', async () => {
    stubFetch({ 'GET /api/grants': { body: [] } });
    renderSignedIn(<GrantsList />);
    expect(await screen.findByText('No one has access to your records.')).toBeTruthy();
  });

  it('revokes with DELETE /api/requests/{id} and the row goes', async () => {
    let revoked = false;
    const net = stubFetch({
      'GET /api/grants': () => ({ body: revoked ? [] : [GRANT] }),
      [`DELETE /api/requests/${GRANT._id}`]: () => {
        revoked = true;
        return { body: { message: 'Access revoked!' } };
      },
    });
    renderSignedIn(<GrantsList />);
    await userEvent.click(
      await screen.findByRole('button', {
        name: `Revoke access of Saint Mary General Hospital to record ${GRANT.health_record_id}`,
      }),
    );
    await waitFor(() => expect(screen.getByText('No one has access to your records.')).toBeTruthy());
    expect(net.called('DELETE', `/api/requests/${GRANT._id}`)).toHaveLength(1);
  });

  it("shows a failed revoke in the server's words", async () => {
    stubFetch({
      'GET /api/grants': { body: [GRANT] },
      [`DELETE /api/requests/${GRANT._id}`]: {
        status: 502,
        body: { error: 'Blockchain unavailable', message: 'Blockchain unavailable' },
      },
    });
    renderSignedIn(<GrantsList />);
    await userEvent.click(await screen.findByRole('button', { name: /^Revoke access/ }));
    expect((await screen.findByRole('alert')).textContent).toBe('Blockchain unavailable');
  });
});
