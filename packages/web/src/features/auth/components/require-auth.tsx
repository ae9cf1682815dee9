import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { paths } from '../../../config/paths';
import { useAuth } from '../auth-provider';

/** Sends a signed-out visitor to the login page, remembering where they were going. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'checking') return <SessionCheck />;
  if (state.status === 'signed-out') {
    return <Navigate to={paths.login.getHref(location.pathname + location.search)} replace />;
  }
  return children;
}

/** Plain markup: shown before MUI has loaded. */
export function SessionCheck({ label = 'Checking your session…' }: { label?: string }) {
  return (
    <div className="cp-wait" role="status">
      <span className="cp-spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
