import { Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { AppLayout, ROLE_LABEL } from '../../components/layouts/app-layout';
import { paths } from '../../config/paths';
import { useAuth } from '../../features/auth/auth-provider';
import { RequireAuth, SessionCheck } from '../../features/auth/components/require-auth';
import { UserDetails } from '../../features/users/components/user-details';
import { SignedInProvider } from '../signed-in-provider';

function SignedIn() {
  const { state, signOut } = useAuth();
  const { pathname } = useLocation();
  if (state.status !== 'signed-in') return null;
  // A generated password opens nothing but its change (the API refuses the rest until then).
  const mustChange = state.user.mustChangePassword === true;
  if (mustChange && pathname !== paths.password.path) return <Navigate to={paths.password.path} replace />;
  return (
    <AppLayout
      roleLabel={ROLE_LABEL[state.user.role]}
      details={mustChange ? null : <UserDetails user={state.user} />}
      passwordHref={paths.password.path}
      onSignOut={() => signOut('You signed out.')}
    >
      <Suspense fallback={<SessionCheck label="Loading…" />}>
        <Outlet />
      </Suspense>
    </AppLayout>
  );
}

/** Everything behind the login: one lazily loaded chunk shared by every role. */
export default function AppShell() {
  return (
    <RequireAuth>
      <SignedInProvider>
        <SignedIn />
      </SignedInProvider>
    </RequireAuth>
  );
}
