import { type FieldSpec, SchemaForm } from '../../../components/ui/schema-form';
import { createDoctorSchema, useCreateDoctor } from '../api/create-doctor';

const FIELDS: readonly FieldSpec[] = [
  { name: 'first_name', label: 'First Name' },
  { name: 'last_name', label: 'Last Name' },
  {
    name: 'password',
    label: 'Password',
    type: 'password',
    autoComplete: 'new-password',
    helper: 'At least 8 characters',
  },
];

export function CreateDoctorForm() {
  return (
    <SchemaForm
      fields={FIELDS}
      schema={createDoctorSchema}
      mutation={useCreateDoctor()}
      submitLabel="Add Doctor"
    />
  );
}
