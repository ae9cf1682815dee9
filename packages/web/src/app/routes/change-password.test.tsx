/**
 * The password screen: reachable from a dashboard; checked before sending; the server's refusal
 * shown at the field it names (a wrong current password does not sign the user out); the new
 * token kept on success; and a generated password sends its user here and nowhere else.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { stubFetch } from '../../testing/fetch-stub';
import { renderApp, testToken } from '../../testing/render';

const CA = '4c1b2e8f9a3d47e39b25f0c6a7d18b52';
const ANA = 'ffbe84df20d043178300a21710312068';

/** testToken with the must-change claim the API adds for a generated password. */
function mustChangeToken(sub: string): string {
  const [head, , sig] = testToken(sub, 'central_authority').split('.');
  const b64 = (o: unknown) =>
    btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const claims = {
    sub,
    user_type: 'central_authority',
    exp: Math.floor(Date.now() / 1000) + 3600,
    must_change_password: true,
  };
  return `${head}.${b64(claims)}.${sig}`;
}

const patientScreens = {
  'POST /api/auth/verify': { body: { valid: true, message: 'Token is valid' } },
  [`GET /api/patients/${ANA}`]: { body: { _id: ANA, first_name: 'Ana', last_name: 'Petrović' } },
  'GET /api/health-records': { body: { health_records: [] } },
  'GET /api/requests/patient': { body: [] },
  'GET /api/grants/patient': { body: [] },
};

async function fill(current: string, next: string, repeat = next) {
  if (current !== '') await userEvent.type(screen.getByLabelText(/^Current password/), current);
  await userEvent.type(screen.getByLabelText(/^New password/), next);
  await userEvent.type(screen.getByLabelText(/^Repeat the new password/), repeat);
  await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('change password', () => {
  it('is linked from a dashboard, checks the form first, shows a wrong current password at its field, and keeps the new token', async () => {
    localStorage.setItem('authToken', testToken(ANA, 'patients'));
    const fresh = testToken(ANA, 'patients');
    let attempt = 0;
    const net = stubFetch({
      ...patientScreens,
      'POST /api/auth/password': () =>
        ++attempt === 1
          ? { status: 401, body: { error: 'current_password: is not your current password', message: 'x' } }
          : { body: { access_token: `${fresh}x`, message: 'Password changed' } },
    });
    renderApp('/dashboard');
    await userEvent.click(await screen.findByRole('link', { name: 'Change password' }));
    expect(await screen.findByRole('heading', { name: 'Change password' })).toBeTruthy();

    await fill('', 'short', 'other');
    expect(screen.getByText('Enter your current password')).toBeTruthy();
    expect(screen.getByText('At least 12 characters')).toBeTruthy();
    expect(screen.getByText('The two new passwords differ')).toBeTruthy();
    expect(net.called('POST', '/api/auth/password')).toHaveLength(0);

    await userEvent.clear(screen.getByLabelText(/^New password/));
    await userEvent.clear(screen.getByLabelText(/^Repeat the new password/));
    await fill('wrong one', 'a long new passphrase');
    expect(await screen.findByText('Is not your current password')).toBeTruthy();
    // Still signed in: a wrong password typed into the form is not an ended session.
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(net.called('POST', '/api/auth/password')[0]!.body).toEqual({
      current_password: 'wrong one',
      new_password: 'a long new passphrase',
    });

    await userEvent.clear(screen.getByLabelText(/^Current password/));
    await userEvent.clear(screen.getByLabelText(/^New password/));
    await userEvent.clear(screen.getByLabelText(/^Repeat the new password/));
    await fill('Ana!Health1', 'a long new passphrase');
    expect(await screen.findByText(/Password changed/)).toBeTruthy();
    expect(localStorage.getItem('authToken')).toBe(`${fresh}x`);
  });

  it('sends a user with a generated password to the change screen, and to the dashboard after it', async () => {
    localStorage.setItem('authToken', mustChangeToken(CA));
    const net = stubFetch({
      'POST /api/auth/verify': {
        body: { valid: true, message: 'Token is valid', must_change_password: true },
      },
      [`GET /api/central-authority/${CA}`]: { body: { _id: CA, name: 'Ministry of Health' } },
      'GET /api/patients': { body: { patients: [] } },
      'GET /api/health-authorities': { body: { health_authorities: [] } },
      'POST /api/auth/password': {
        body: { access_token: testToken(CA, 'central_authority'), message: 'Password changed' },
      },
    });
    renderApp('/dashboard');
    expect(await screen.findByText(/Your password was generated for you/)).toBeTruthy();
    // Nothing the API would refuse is asked for meanwhile.
    expect(net.called('GET', `/api/central-authority/${CA}`)).toHaveLength(0);
    await fill('Gen3r-ated0-passw-ord12', 'the ministry passphrase');
    expect(await screen.findByRole('heading', { name: 'Add Patient' })).toBeTruthy();
    await waitFor(() => expect(net.called('GET', `/api/central-authority/${CA}`).length).toBeGreaterThan(0));
  });

  it('signs out when the change answers a 401 that is not about the current password', async () => {
    localStorage.setItem('authToken', testToken(ANA, 'patients'));
    stubFetch({
      ...patientScreens,
      'POST /api/auth/password': { status: 401, body: { error: 'Token expired', message: 'Token expired' } },
    });
    renderApp('/account/password');
    await screen.findByRole('heading', { name: 'Change password' });
    await fill('Ana!Health1', 'a long new passphrase');
    expect(await screen.findByRole('button', { name: 'Sign In' })).toBeTruthy();
    expect(screen.getByText(/Token expired/)).toBeTruthy();
  });
});
