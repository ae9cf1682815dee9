import { createTheme } from '@mui/material/styles';

/** Colours picked for WCAG AA contrast on white (text ≥ 4.5:1). */
export const theme = createTheme({
  palette: {
    primary: { main: '#0b5394' },
    secondary: { main: '#5b3a8e' },
    success: { main: '#1b6e2a' },
    error: { main: '#b3261e' },
    background: { default: '#f4f6f9' },
  },
  shape: { borderRadius: 8 },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiTextField: { defaultProps: { size: 'small' } },
  },
});
