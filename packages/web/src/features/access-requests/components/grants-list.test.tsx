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
  doctor_name: 'Dr. Marko Popović',
};

describe('GrantsList', () => {
  it('says so when nobody has access', async () => {
    stubFetch({ 'GET /api/grants': { body: [] } });
    renderSignedIn(<GrantsList />);
    expect(await screen.findByText('No one has access to your records.')).toBeTruthy();
  });

  it('revokes only after asking, with DELETE /api/requests/{id}, and says what happened', async () => {
    let revoked = false;
    const net = stubFetch({
      'GET /api/grants': () => ({ body: [{ ...GRANT, status: revoked ? 'revoked' : 'accepted' }] }),
      [`DELETE /api/requests/${GRANT._id}`]: () => {
        revoked = true;
        return { body: { message: 'Access revoked!' } };
      },
    });
    renderSignedIn(<GrantsList />);
    const open = await screen.findByRole('button', {
      name: `Revoke access of Saint Mary General Hospital to record ${GRANT.health_record_id}`,
    });
    await userEvent.click(open);
    const dialog = await screen.findByRole('dialog', { name: 'Revoke access?' });
    expect(dialog.textContent).toContain(
      'Dr. Marko Popović (Saint Mary General Hospital) will no longer be able to read',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Keep access' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(net.called('DELETE', `/api/requests/${GRANT._id}`)).toHaveLength(0);

    await userEvent.click(open);
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke access' }));
    expect((await screen.findByRole('status')).textContent).toMatch(
      /^Access revoked: Dr\. Marko Popović \(Saint Mary General Hospital\) can no longer read record e2e6.*written on the chain\.$/,
    );
    expect(net.called('DELETE', `/api/requests/${GRANT._id}`)).toHaveLength(1);
    expect(await screen.findByText('Revoked')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Revoke access of/ })).toBeNull();
  });

  it('shows doctor, hospital and a clear status for each grant: Active, Used, Expired, Revoked', async () => {
    stubFetch({
      'GET /api/grants': {
        body: [
          { ...GRANT, _id: '01'.repeat(16) },
          { ...GRANT, _id: '02'.repeat(16), status: 'consumed' },
          { ...GRANT, _id: '03'.repeat(16), expires_at: '2026-12-04T10:00:00.000Z' },
          { ...GRANT, _id: '04'.repeat(16), status: 'revoked' },
        ],
      },
    });
    renderSignedIn(<GrantsList />);
    await screen.findByText('Active');
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^Dr\. Marko Popović.*Saint Mary General Hospital.*Active/),
      expect.stringContaining('Used'),
      expect.stringContaining('Expired'),
      expect.stringContaining('Revoked'),
    ]);
    // Only a live or used grant can be revoked.
    expect(screen.getAllByRole('button', { name: /^Revoke access of/ })).toHaveLength(2);
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
    await userEvent.click(await screen.findByRole('button', { name: /^Revoke access of/ }));
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke access' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Blockchain unavailable');
  });
});
