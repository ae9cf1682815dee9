/**
 * A new record for the patient the doctor found: patient_id comes from the search result and is
 * never typed. Fields are free-form (add, rename, remove); names follow the contract's rule
 * (lower-cased, spaces to `_`), shown as the key that will be stored.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type FormEvent, useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { CopyableId } from '../../../components/ui/copyable-id';
import { DetailList } from '../../../components/ui/detail-list';
import { paths } from '../../../config/paths';
import { errorText } from '../../../lib/api-error';
import { newIdempotencyKey } from '../../../lib/idempotency';
import type { Patient } from '../../../types/entities';
import { normalizeFieldKey, recordFieldsSchema, useCreateRecord } from '../api/create-record';

interface Field {
  uid: number;
  label: string;
  value: string;
}

const STARTING_FIELDS = ['Diagnosis'];
const startingFields = (): Field[] => STARTING_FIELDS.map((label, uid) => ({ uid, label, value: '' }));

export function CreateRecordForm({ patient }: { patient: Patient }) {
  const nextUid = useRef(STARTING_FIELDS.length);
  const [fields, setFields] = useState<Field[]>(startingFields);
  // One Idempotency-Key per record meant: sending the same fields again (after an error, or a
  // second click) reuses it, so the server never makes a second record; changed fields get a new one.
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const [newLabel, setNewLabel] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useCreateRecord(patient._id, patient.personal_id);

  const update = (uid: number, patch: Partial<Field>) =>
    setFields((fs) => fs.map((f) => (f.uid === uid ? { ...f, ...patch } : f)));

  const addField = () => {
    if (newLabel.trim() === '') return;
    setFields((fs) => [...fs, { uid: nextUid.current++, label: newLabel.trim(), value: '' }]);
    setNewLabel('');
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const entries = fields.map((f) => ({ key: normalizeFieldKey(f.label), value: f.value }));
    const parsed = recordFieldsSchema.safeParse(entries);
    if (!parsed.success) {
      const out: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const [index, part] = issue.path;
        const where = typeof index === 'number' ? `${fields[index]!.uid}.${String(part)}` : 'form';
        out[where] ??= issue.message;
      }
      setErrors(out);
      return;
    }
    setErrors({});
    if (create.isPending) return;
    const record = Object.fromEntries(parsed.data.map((f) => [f.key, f.value]));
    const body = JSON.stringify(record);
    if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() };
    create.mutate(
      { fields: record, idempotencyKey: attempt.current.key },
      {
        // Saved: the form starts empty, so the same record cannot be sent again by mistake.
        onSuccess: () => {
          attempt.current = null;
          setFields(startingFields());
          nextUid.current = STARTING_FIELDS.length;
        },
      },
    );
  };

  const name = `${patient.first_name} ${patient.last_name}`;
  return (
    <Box
      component="form"
      onSubmit={submit}
      noValidate
      sx={{ display: 'grid', gap: 2 }}
      aria-label={`New health record for ${name}`}
    >
      <Typography variant="body2">
        For <strong>{name}</strong> (personal ID {patient.personal_id}; patient ID <code>{patient._id}</code>)
      </Typography>
      {fields.map((f, i) => (
        <Box
          key={f.uid}
          role="group"
          aria-label={`Field ${i + 1}`}
          sx={{
            display: 'grid',
            gap: 1,
            gridTemplateColumns: { xs: 'minmax(0, 1fr)', sm: '14rem minmax(0, 1fr) auto' },
            alignItems: 'start',
          }}
        >
          <TextField
            label={`Field ${i + 1} name`}
            value={f.label}
            onChange={(e) => update(f.uid, { label: e.target.value })}
            error={errors[`${f.uid}.key`] !== undefined}
            helperText={errors[`${f.uid}.key`] ?? `Stored as ${normalizeFieldKey(f.label) || '…'}`}
            required
          />
          <TextField
            label={f.label.trim() || `Field ${i + 1} value`}
            value={f.value}
            onChange={(e) => update(f.uid, { value: e.target.value })}
            error={errors[`${f.uid}.value`] !== undefined}
            helperText={errors[`${f.uid}.value`]}
            multiline
            minRows={1}
            required
          />
          <Button
            onClick={() => setFields((fs) => fs.filter((x) => x.uid !== f.uid))}
            disabled={fields.length === 1}
            aria-label={`Remove field ${f.label || i + 1}`}
          >
            Remove
          </Button>
        </Box>
      ))}
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'start' }}>
        <TextField
          label="New Field"
          value={newLabel}
          onChange={(e) => setNewLabel(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              addField();
            }
          }}
          helperText="e.g. Blood Pressure"
        />
        <Button variant="outlined" onClick={addField} disabled={newLabel.trim() === ''}>
          Add Field
        </Button>
      </Box>
      {errors.form !== undefined && (
        <Alert severity="error" role="alert">
          {errors.form}
        </Alert>
      )}
      <Box>
        <Button type="submit" variant="contained" disabled={create.isPending}>
          Add Health Record
        </Button>
      </Box>
      {create.isPending && (
        <Box role="status" sx={{ display: 'grid', gap: 1 }}>
          <Typography variant="body2">
            Encrypting and anchoring on the chain; waiting for the validators to acknowledge…
          </Typography>
          <LinearProgress aria-label="Anchoring the record" />
        </Box>
      )}
      {create.isError && (
        <Alert severity="error" role="alert">
          {errorText(create.error)}
        </Alert>
      )}
      {create.isSuccess && (
        <Alert severity="success" role="status">
          <Box sx={{ mb: 1 }}>{create.data.message}</Box>
          <DetailList
            dense
            rows={[
              ['Record', <CopyableId key="id" value={create.data.id} label="Record ID" />],
              ...(create.data.height !== undefined ? [['Height', String(create.data.height)] as const] : []),
              ...(create.data.block_hash !== undefined
                ? [
                    [
                      'Block',
                      <Link key="b" component={RouterLink} to={paths.block.getHref(create.data.block_hash)}>
                        <code>{create.data.block_hash}</code>
                      </Link>,
                    ] as const,
                  ]
                : []),
              ['Transaction', <code key="t">{create.data.transaction_id}</code>],
            ]}
          />
        </Alert>
      )}
    </Box>
  );
}
