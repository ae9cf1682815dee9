import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Container from '@mui/material/Container';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { type ReactNode, useState } from 'react';
import { NavLink, Link as RouterLink } from 'react-router';

export const ROLE_LABEL = {
  patients: 'Patient',
  doctors: 'Doctor',
  health_authorities: 'Health authority',
  central_authority: 'Central authority',
} as const;

interface AppLayoutProps {
  roleLabel: string;
  /** null while the user may see nothing but the password change. */
  details: ReactNode;
  /** The password screen, linked under the details on every dashboard. */
  passwordHref: string;
  onSignOut: () => void;
  children: ReactNode;
}

const navSx = {
  color: 'inherit',
  '&.active': { textDecoration: 'underline', textUnderlineOffset: '0.3em', fontWeight: 700 },
} as const;

/** Header (app name, navigation, the signed-in person, sign out), then the page. */
export function AppLayout({ roleLabel, details, passwordHref, onSignOut, children }: AppLayoutProps) {
  // Open on wide screens; folded on phones, where it would push the dashboard a screen down.
  const [openAtStart] = useState(() => window.matchMedia?.('(min-width: 900px)').matches ?? true);
  return (
    <Box sx={{ minHeight: '100dvh', bgcolor: 'background.default' }}>
      <Box
        component="a"
        href="#main"
        sx={{
          position: 'absolute',
          left: -9999,
          '&:focus': { left: 8, top: 8, zIndex: 2000, bgcolor: 'background.paper', p: 1 },
        }}
      >
        Skip to content
      </Box>
      <AppBar position="static" component="header">
        {/* One row down to 320 px: on phones the role label folds into "Your details" below. */}
        <Toolbar sx={{ gap: { xs: 0.5, sm: 1 }, flexWrap: 'nowrap', px: { xs: 1, sm: 2 }, minWidth: 0 }}>
          <Typography
            component="p"
            variant="h6"
            sx={{ mr: { xs: 0.5, sm: 2 }, fontWeight: 700, fontSize: { xs: '1rem', sm: '1.25rem' } }}
          >
            ChartProof
          </Typography>
          <Box
            component="nav"
            aria-label="Main"
            sx={{ display: 'flex', gap: { xs: 0, sm: 0.5 }, flexGrow: 1, minWidth: 0 }}
          >
            <Button
              component={NavLink}
              to="/dashboard"
              sx={{ ...navSx, minWidth: 0, px: { xs: 0.75, sm: 1 } }}
            >
              Dashboard
            </Button>
            <Button
              component={NavLink}
              to="/explorer"
              sx={{ ...navSx, minWidth: 0, px: { xs: 0.75, sm: 1 } }}
            >
              <Box component="span" sx={{ display: { xs: 'none', sm: 'inline' } }}>
                Chain&nbsp;
              </Box>
              Explorer
            </Button>
          </Box>
          <Typography
            component="span"
            variant="body2"
            sx={{ opacity: 0.9, display: { xs: 'none', sm: 'inline' }, whiteSpace: 'nowrap' }}
          >
            {roleLabel}
          </Typography>
          <Button
            color="inherit"
            variant="outlined"
            onClick={onSignOut}
            sx={{ whiteSpace: 'nowrap', flexShrink: 0, px: { xs: 1, sm: 2 } }}
          >
            Sign out
          </Button>
        </Toolbar>
      </AppBar>
      <Container maxWidth="lg" sx={{ py: 2 }}>
        <Paper component="aside" aria-label="Signed in as" variant="outlined" sx={{ p: 2, mb: 2 }}>
          <Box
            component="details"
            open={openAtStart}
            sx={{ '& > summary': { cursor: 'pointer', fontWeight: 600, mb: 1, color: 'primary.main' } }}
          >
            <summary>Your details ({roleLabel})</summary>
            {details}
          </Box>
          <Link component={RouterLink} to={passwordHref} sx={{ display: 'inline-block', mt: 1 }}>
            Change password
          </Link>
        </Paper>
        <Box component="main" id="main" tabIndex={-1} sx={{ outline: 'none' }}>
          {children}
        </Box>
      </Container>
    </Box>
  );
}
