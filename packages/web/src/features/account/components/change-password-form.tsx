/**
 * Current password, new password twice. Checked here first (length, difference, the repeat),
 * then by the server, whose refusal is shown at the field it names; a wrong current password is
 * a field error, not a signed-out session. On success the new token replaces the old one (the
 * server has ended every earlier session).
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { type FormEvent, useState } from 'react';
import { errorText } from '../../../lib/api-error';
import { fieldErrors } from '../../../lib/validation';
import { useAuth } from '../../auth/auth-provider';
import {
  type ChangePasswordInput,
  changePasswordSchema,
  fieldOf,
  PASSWORD_HINT,
  useChangePassword,
} from '../api/change-password';

const FIELDS = [
  {
    name: 'current_password',
    label: 'Current password',
    autoComplete: 'current-password',
    helper: undefined,
  },
  { name: 'new_password', label: 'New password', autoComplete: 'new-password', helper: PASSWORD_HINT },
  {
    name: 'repeat_password',
    label: 'Repeat the new password',
    autoComplete: 'new-password',
    helper: undefined,
  },
] as const;

const empty: ChangePasswordInput = { current_password: '', new_password: '', repeat_password: '' };

/** "new_password: must be at least 12 characters" → "Must be at least 12 characters". */
const fieldText = (message: string) => {
  const rest = message.replace(/^\w+: /, '');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
};

export function ChangePasswordForm({ onChanged }: { onChanged?: () => void }) {
  const { signIn } = useAuth();
  const mutation = useChangePassword();
  const [values, setValues] = useState<ChangePasswordInput>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = changePasswordSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setDone(false);
    mutation.mutate(parsed.data, {
      onSuccess: (data) => {
        signIn(data.access_token);
        setValues(empty);
        setDone(true);
        onChanged?.();
      },
      onError: (err) => {
        const field = fieldOf(errorText(err));
        if (field !== null) setErrors({ [field]: fieldText(errorText(err)) });
      },
    });
  };

  const change = (name: keyof ChangePasswordInput, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors(({ [name]: _, ...rest }) => rest);
    setDone(false);
  };
  const serverError = mutation.isError && fieldOf(errorText(mutation.error)) === null;

  return (
    <Box
      component="form"
      onSubmit={submit}
      noValidate
      aria-label="Change password"
      sx={{ display: 'grid', gap: 2, maxWidth: 480 }}
    >
      {FIELDS.map((f) => (
        <TextField
          key={f.name}
          name={f.name}
          label={f.label}
          type="password"
          value={values[f.name]}
          onChange={(e) => change(f.name, e.target.value)}
          error={errors[f.name] !== undefined}
          helperText={errors[f.name] ?? f.helper}
          autoComplete={f.autoComplete}
          required
          fullWidth
        />
      ))}
      <Box>
        <Button type="submit" variant="contained" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Change password'}
        </Button>
      </Box>
      {serverError && (
        <Alert severity="error" role="alert">
          {errorText(mutation.error)}
        </Alert>
      )}
      {done && (
        <Alert severity="success" role="status">
          Password changed. Any other session of yours has been signed out.
        </Alert>
      )}
    </Box>
  );
}
