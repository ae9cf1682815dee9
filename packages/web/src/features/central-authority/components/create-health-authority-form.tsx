import { type FieldSpec, SchemaForm } from '../../../components/ui/schema-form';
import { PHONE_HINT } from '../../../lib/validation';
import { createHealthAuthoritySchema, useCreateHealthAuthority } from '../api/create-health-authority';

const FIELDS: readonly FieldSpec[] = [
  { name: 'name', label: 'Name' },
  { name: 'type', label: 'Type', helper: 'e.g. Hospital, Clinic' },
  { name: 'address', label: 'Address' },
  { name: 'phone', label: 'Phone', type: 'tel', helper: PHONE_HINT },
  {
    name: 'password',
    label: 'Password',
    type: 'password',
    autoComplete: 'new-password',
    helper: 'At least 8 characters',
  },
];

export function CreateHealthAuthorityForm() {
  return (
    <SchemaForm
      fields={FIELDS}
      schema={createHealthAuthoritySchema}
      mutation={useCreateHealthAuthority()}
      submitLabel="Add Health Authority"
    />
  );
}
