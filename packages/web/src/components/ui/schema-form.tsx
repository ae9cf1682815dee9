/**
 * A create form: labelled fields checked with a zod schema before anything is sent, the
 * server's `error` shown verbatim on failure, and the new id from the 201 body on success.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import type { UseMutationResult } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import { errorText } from '../../lib/api-error';
import { fieldErrors } from '../../lib/validation';
import { CopyableId } from './copyable-id';

export interface FieldSpec {
  name: string;
  label: string;
  type?: 'text' | 'password' | 'date' | 'tel';
  autoComplete?: string;
  /** The expected format, shown beside the field until there is an error to show instead. */
  helper?: string;
  inputMode?: 'numeric' | 'tel' | 'text';
}

interface SchemaFormProps<S extends z.ZodType<Record<string, string>>> {
  fields: readonly FieldSpec[];
  schema: S;
  mutation: UseMutationResult<{ id: string; message: string }, unknown, z.output<S>>;
  submitLabel: string;
}

export function SchemaForm<S extends z.ZodType<Record<string, string>>>({
  fields,
  schema,
  mutation,
  submitLabel,
}: SchemaFormProps<S>) {
  const empty = Object.fromEntries(fields.map((f) => [f.name, '']));
  const [values, setValues] = useState<Record<string, string>>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    mutation.mutate(parsed.data, { onSuccess: () => setValues(empty) });
  };

  // Typing clears a field's error; leaving the field checks it, so a wrong format shows before
  // anything is sent. Leaving never removes an error: a message vanishing on the mousedown of
  // "Add" would move the button from under the pointer and lose the click.
  const change = (name: string, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors(({ [name]: _, ...rest }) => rest);
  };
  const checkField = (name: string) => {
    if ((values[name] ?? '') === '') return;
    const parsed = schema.safeParse(values);
    const problem = parsed.success ? undefined : fieldErrors(parsed.error)[name];
    if (problem !== undefined) setErrors((e) => ({ ...e, [name]: problem }));
  };

  return (
    <Box component="form" onSubmit={submit} noValidate sx={{ display: 'grid', gap: 2 }}>
      <Box
        sx={{
          display: 'grid',
          gap: 2,
          gridTemplateColumns: { xs: 'minmax(0, 1fr)', sm: 'minmax(0, 1fr) minmax(0, 1fr)' },
        }}
      >
        {fields.map((f) => (
          <TextField
            key={f.name}
            name={f.name}
            label={f.label}
            type={f.type ?? 'text'}
            value={values[f.name] ?? ''}
            onChange={(e) => change(f.name, e.target.value)}
            onBlur={() => checkField(f.name)}
            error={errors[f.name] !== undefined}
            helperText={errors[f.name] ?? f.helper}
            autoComplete={f.autoComplete ?? 'off'}
            required
            fullWidth
            slotProps={{
              ...(f.type === 'date' ? { inputLabel: { shrink: true } } : {}),
              ...(f.inputMode !== undefined ? { htmlInput: { inputMode: f.inputMode } } : {}),
            }}
          />
        ))}
      </Box>
      <Box>
        <Button type="submit" variant="contained" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : submitLabel}
        </Button>
      </Box>
      {mutation.isError && (
        <Alert severity="error" role="alert">
          {errorText(mutation.error)}
        </Alert>
      )}
      {mutation.isSuccess && (
        <Alert severity="success" role="status">
          <Box sx={{ mb: 1 }}>{mutation.data.message}</Box>
          <CopyableId value={mutation.data.id} label="New ID" />
        </Alert>
      )}
    </Box>
  );
}
