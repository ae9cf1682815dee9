import type { ReactNode } from 'react';
import { AuthProvider } from '../features/auth/auth-provider';

/** What every page needs, login included; the signed-in providers live in routes/app-shell. */
export function AppProvider({ children }: { children: ReactNode }) {
  return <AuthProvider>{children}</AuthProvider>;
}
