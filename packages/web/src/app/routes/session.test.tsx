import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { stubFetch } from '../../testing/fetch-stub';
import { renderApp, signInAs, testToken } from '../../testing/render';

const CA = '4c1b2e8f9a3d47e39b25f0c6a7d18b52';
const signedInCa = {
  'POST /api/auth/verify': { body: { valid: true, message: 'Token is valid' } },
  [`GET /api/central-authority/${CA}`]: { body: { _id: CA, name: 'Serbian Government' } },
  'GET /api/patients': { body: { patients: [] } },
  'GET /api/health-authorities': { body: { health_authorities: [] } },
};

describe('session', () => {
  it('checks a stored token with POST /api/auth/verify (Bearer, JSON content type, no body) at start', async () => {
    signInAs(CA, 'central_authority');
    const net = stubFetch(signedInCa);
    renderApp('/dashboard');
    expect(await screen.findByText('Serbian Government')).toBeTruthy();
    const [verify] = net.called('POST', '/api/auth/verify');
    expect(verify!.headers.Authorization).toBe(`Bearer ${localStorage.getItem('authToken')}`);
    expect(verify!.headers['Content-Type']).toBe('application/json');
    expect(verify!.body).toBeUndefined();
  });

  it('sends a visitor without a token to the login page', async () => {
    stubFetch({});
    renderApp('/dashboard');
    expect(await screen.findByRole('button', { name: 'Sign In' })).toBeTruthy();
  });

  it('goes back to login with the server message when the stored token is refused at start', async () => {
    signInAs(CA, 'central_authority');
    stubFetch({
      'POST /api/auth/verify': { status: 401, body: { valid: false, message: 'Token is invalid!' } },
    });
    renderApp('/dashboard');
    expect(await screen.findByText(/Token is invalid!/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign In' })).toBeTruthy();
    expect(localStorage.getItem('authToken')).toBeNull();
  });

  it('signs out with a message when any call answers 401 mid-session', async () => {
    signInAs(CA, 'central_authority');
    stubFetch({
      ...signedInCa,
      'GET /api/patients': { status: 401, body: { error: 'Token expired', message: 'Token expired' } },
    });
    renderApp('/dashboard');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Sign In' })).toBeTruthy());
    expect(screen.getByText(/Token expired/)).toBeTruthy();
    expect(localStorage.getItem('authToken')).toBeNull();
  });

  it('brings a deep link back after signing in', async () => {
    const token = testToken(CA, 'central_authority');
    stubFetch({
      'POST /api/login': { body: { access_token: token, message: 'Login successful' } },
      'GET /api/network': {
        body: { network: 'chartproof-local', genesis_hash: 'ab'.repeat(32), genesis: {}, nodes: [] },
      },
      [`GET /api/central-authority/${CA}`]: { body: { _id: CA, name: 'Serbian Government' } },
    });
    renderApp('/explorer');
    await userEvent.type(await screen.findByLabelText('ID'), CA);
    await userEvent.type(screen.getByLabelText('Password'), '12345');
    await userEvent.click(screen.getByRole('button', { name: 'Sign In' }));
    expect(await screen.findByRole('heading', { name: 'Chain nodes' })).toBeTruthy();
    expect(await screen.findByText('The API lists no chain nodes.')).toBeTruthy();
  });

  it('signs out on the button, with no API call', async () => {
    signInAs(CA, 'central_authority');
    const net = stubFetch(signedInCa);
    renderApp('/dashboard');
    await screen.findByText('Serbian Government');
    const before = net.calls.length;
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('button', { name: 'Sign In' })).toBeTruthy();
    expect(screen.getByText('You signed out.')).toBeTruthy();
    expect(net.calls.length).toBe(before);
  });
});
