/**
 * The password screen, reachable from every dashboard ("Change password" under your details).
 * A user whose password was generated (the central authority made by `chartproof init`) is sent
 * here by the shell and sees nothing else until the password is changed.
 */
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import { useNavigate } from 'react-router';
import { Section } from '../../components/ui/section';
import { paths } from '../../config/paths';
import { ChangePasswordForm } from '../../features/account/components/change-password-form';
import { useUser } from '../../features/auth/auth-provider';

export default function ChangePasswordRoute() {
  const user = useUser();
  const navigate = useNavigate();
  const forced = user.mustChangePassword === true;
  return (
    <Stack spacing={2}>
      {forced && (
        <Alert severity="info">
          Your password was generated for you when this system was set up. Choose your own before you
          continue.
        </Alert>
      )}
      <Section title="Change password">
        <ChangePasswordForm
          onChanged={forced ? () => navigate(paths.dashboard.path, { replace: true }) : undefined}
        />
      </Section>
    </Stack>
  );
}
