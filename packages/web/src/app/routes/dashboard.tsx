import { lazy } from 'react';
import { useUser } from '../../features/auth/auth-provider';

// One chunk per role: a patient never downloads the doctor's or the authorities' screens.
const dashboards = {
  patients: lazy(() => import('./dashboards/patient-dashboard')),
  doctors: lazy(() => import('./dashboards/doctor-dashboard')),
  health_authorities: lazy(() => import('./dashboards/health-authority-dashboard')),
  central_authority: lazy(() => import('./dashboards/central-authority-dashboard')),
} as const;

export default function DashboardRoute() {
  const Dashboard = dashboards[useUser().role];
  return <Dashboard />;
}
