import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { paths } from '../../config/paths';
import { useAuth } from '../../features/auth/auth-provider';
import { LoginForm } from '../../features/auth/components/login-form';
import { SessionCheck } from '../../features/auth/components/require-auth';

/** Only same-app paths: a crafted ?redirectTo=//evil.example must not leave the app. */
export function safeRedirect(target: string | null): string {
  return target?.startsWith('/') && !target.startsWith('//') && !target.startsWith('/login')
    ? target
    : paths.dashboard.path;
}

export function LoginRoute() {
  const { state } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const redirectTo = safeRedirect(params.get('redirectTo'));

  if (state.status === 'checking') return <SessionCheck />;
  if (state.status === 'signed-in') return <Navigate to={redirectTo} replace />;
  return (
    <main className="cp-login">
      <div className="cp-card">
        <h1>ChartProof</h1>
        <p className="cp-muted">Sign in with the ID and password your health authority gave you.</p>
        {state.notice !== null && (
          <div className="cp-alert cp-alert-warning" role="status">
            {state.notice}
          </div>
        )}
        <LoginForm onSuccess={() => navigate(redirectTo, { replace: true })} />
      </div>
    </main>
  );
}
