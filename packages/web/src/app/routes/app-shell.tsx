import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { AppLayout, ROLE_LABEL } from '../../components/layouts/app-layout';
import { useAuth } from '../../features/auth/auth-provider';
import { RequireAuth, SessionCheck } from '../../features/auth/components/require-auth';
import { UserDetails } from '../../features/users/components/user-details';
import { SignedInProvider } from '../signed-in-provider';

function SignedIn() {
  const { state, signOut } = useAuth();
  if (state.status !== 'signed-in') return null;
  return (
    <AppLayout
      roleLabel={ROLE_LABEL[state.user.role]}
      details={<UserDetails user={state.user} />}
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
