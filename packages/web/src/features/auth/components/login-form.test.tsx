import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { stubFetch } from '../../../testing/fetch-stub';
import { renderSignedIn, testToken } from '../../../testing/render';
import { LoginForm } from './login-form';

const ANA = 'ffbe84df20d043178300a21710312068';

describe('LoginForm', () => {
  it('keeps Sign In disabled until both ID and password are filled', async () => {
    stubFetch({});
    renderSignedIn(<LoginForm onSuccess={() => {}} />);
    const button = screen.getByRole('button', { name: 'Sign In' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(screen.getByLabelText('ID'), ANA);
    expect((button as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(screen.getByLabelText('Password'), 'Ana!Health1');
    expect((button as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows and hides the password', async () => {
    stubFetch({});
    renderSignedIn(<LoginForm onSuccess={() => {}} />);
    const password = screen.getByLabelText('Password') as HTMLInputElement;
    expect(password.type).toBe('password');
    await userEvent.click(screen.getByRole('button', { name: 'Show password' }));
    expect(password.type).toBe('text');
    await userEvent.click(screen.getByRole('button', { name: 'Hide password' }));
    expect(password.type).toBe('password');
  });

  it("shows the server's message verbatim when the login is refused", async () => {
    const net = stubFetch({
      'POST /api/login': {
        status: 401,
        body: { error: 'Invalid credentials!', message: 'Invalid credentials!' },
      },
    });
    const onSuccess = vi.fn();
    renderSignedIn(<LoginForm onSuccess={onSuccess} />);
    await userEvent.type(screen.getByLabelText('ID'), ANA);
    await userEvent.type(screen.getByLabelText('Password'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign In' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Invalid credentials!');
    expect(onSuccess).not.toHaveBeenCalled();
    expect(net.called('POST', '/api/login')[0]!.body).toEqual({ id: ANA, password: 'wrong' });
    expect(localStorage.getItem('authToken')).toBeNull();
  });

  it('shows a readable message when the server cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    renderSignedIn(<LoginForm onSuccess={() => {}} />);
    await userEvent.type(screen.getByLabelText('ID'), ANA);
    await userEvent.type(screen.getByLabelText('Password'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Sign In' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Cannot reach the server/);
  });

  it('stores the token in localStorage["authToken"] and reports the user on success', async () => {
    const token = testToken(ANA, 'patients');
    stubFetch({ 'POST /api/login': { body: { access_token: token, message: 'Login successful' } } });
    const onSuccess = vi.fn();
    renderSignedIn(<LoginForm onSuccess={onSuccess} />);
    await userEvent.type(screen.getByLabelText('ID'), `  ${ANA} `);
    await userEvent.type(screen.getByLabelText('Password'), 'Ana!Health1');
    await userEvent.click(screen.getByRole('button', { name: 'Sign In' }));
    await waitFor(() =>
      expect(onSuccess).toHaveBeenCalledWith({ id: ANA, role: 'patients', exp: expect.any(Number) }),
    );
    expect(localStorage.getItem('authToken')).toBe(token);
  });
});
