import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { AppProvider } from '../app/provider';
import { AppRoutes } from '../app/router';
import { SignedInProvider } from '../app/signed-in-provider';
import type { Role } from '../lib/token';

/** An unsigned JWT with the claims the app reads (the server is stubbed, so nothing checks it). */
export function testToken(sub: string, role: Role, exp = Math.floor(Date.now() / 1000) + 3600): string {
  const b64 = (o: unknown) =>
    btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, user_type: role, exp })}.c2ln`;
}

export function signInAs(sub: string, role: Role): void {
  localStorage.setItem('authToken', testToken(sub, role));
}

const quietClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: { retry: false, staleTime: Number.POSITIVE_INFINITY },
      mutations: { retry: false },
    },
  });

/** A component that needs the signed-in providers (theme, query cache, router, session). */
export function renderSignedIn(ui: ReactElement, { route = '/dashboard' }: { route?: string } = {}) {
  return render(
    <MemoryRouter initialEntries={[route]}>
      <AppProvider>
        <SignedInProvider queryClient={quietClient()}>{ui}</SignedInProvider>
      </AppProvider>
    </MemoryRouter>,
  );
}

/** The whole app at a URL, as a browser would open it. */
export function renderApp(route: string) {
  return render(
    <MemoryRouter initialEntries={[route]}>
      <AppProvider>
        <AppRoutes />
      </AppProvider>
    </MemoryRouter>,
  );
}
