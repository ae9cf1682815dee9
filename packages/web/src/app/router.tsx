/**
 * Routes. Only the login page is in the first chunk; the signed-in shell, each role's dashboard
 * and the explorer load on demand, so a visitor downloads nothing they cannot use.
 */
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { SessionCheck } from '../features/auth/components/require-auth';
import { LoginRoute } from './routes/login';

const AppShell = lazy(() => import('./routes/app-shell'));
const DashboardRoute = lazy(() => import('./routes/dashboard'));
const ExplorerRoute = lazy(() => import('./routes/explorer'));
const BlockRoute = lazy(() => import('./routes/block'));
const TxRoute = lazy(() => import('./routes/tx'));
const ChangePasswordRoute = lazy(() => import('./routes/change-password'));

export function AppRoutes() {
  return (
    <Suspense fallback={<SessionCheck />}>
      <Routes>
        <Route path="/login" element={<LoginRoute />} />
        <Route element={<AppShell />}>
          <Route path="/dashboard" element={<DashboardRoute />} />
          <Route path="/explorer" element={<ExplorerRoute />} />
          <Route path="/explorer/blocks/:hash" element={<BlockRoute />} />
          <Route path="/explorer/tx/:id" element={<TxRoute />} />
          <Route path="/account/password" element={<ChangePasswordRoute />} />
        </Route>
        <Route path="*" element={<Navigate to="/dashboard" replace />} />
      </Routes>
    </Suspense>
  );
}
