/**
 * The session: who is signed in, and why they were signed out. At start a stored token is
 * checked with the server (7.A); afterwards any 401 from any call ends the session with the
 * server's message, which the login page then shows. Free of MUI and TanStack Query on purpose:
 * it is part of the first chunk.
 */
import { createContext, type ReactNode, use, useCallback, useEffect, useMemo, useState } from 'react';
import { errorText } from '../../lib/api-error';
import { onSessionExpired } from '../../lib/session-expiry';
import { clearToken, getToken, type SessionUser, setToken, userFromToken } from '../../lib/token';
import { verifyToken } from './api/verify-token';

export type AuthState =
  | { status: 'checking' }
  | { status: 'signed-in'; user: SessionUser }
  | { status: 'signed-out'; notice: string | null };

interface AuthContextValue {
  state: AuthState;
  signIn(token: string): SessionUser | null;
  signOut(notice?: string | null): void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export const SESSION_ENDED = 'Your session has ended. Please sign in again.';

function initialState(): AuthState {
  const token = getToken();
  if (token === null) return { status: 'signed-out', notice: null };
  return userFromToken(token) === null
    ? { status: 'signed-out', notice: SESSION_ENDED }
    : { status: 'checking' };
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>(initialState);

  const signOut = useCallback((notice: string | null = null) => {
    clearToken();
    setState({ status: 'signed-out', notice });
  }, []);

  const signIn = useCallback((token: string) => {
    const user = userFromToken(token);
    if (user === null) return null;
    setToken(token);
    setState({ status: 'signed-in', user });
    return user;
  }, []);

  useEffect(() => onSessionExpired((message) => signOut(`${SESSION_ENDED} (${message})`)), [signOut]);

  useEffect(() => {
    if (state.status !== 'checking') return;
    let live = true;
    verifyToken().then(
      () => {
        const token = getToken();
        const user = token === null ? null : userFromToken(token);
        if (!live) return;
        if (user === null) signOut(SESSION_ENDED);
        else setState({ status: 'signed-in', user });
      },
      (e: unknown) => {
        if (live) signOut(`${SESSION_ENDED} (${errorText(e)})`);
      },
    );
    return () => {
      live = false;
    };
  }, [state.status, signOut]);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthContextValue {
  const ctx = use(AuthContext);
  if (ctx === null) throw new Error('useAuth outside <AuthProvider>');
  return ctx;
}

/** The signed-in user; only for screens behind <RequireAuth>. */
export function useUser(): SessionUser {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useUser without a signed-in user');
  return state.user;
}
