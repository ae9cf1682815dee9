import { type FieldSpec, SchemaForm } from '../../../components/ui/schema-form';
import { PERSONAL_ID_HINT, PHONE_HINT } from '../../../lib/validation';
import { createPatientSchema, useCreatePatient } from '../api/create-patient';

const FIELDS: readonly FieldSpec[] = [
  { name: 'first_name', label: 'First Name', autoComplete: 'off' },
  { name: 'last_name', label: 'Last Name' },
  { name: 'personal_id', label: 'Personal ID', helper: PERSONAL_ID_HINT, inputMode: 'numeric' },
  { name: 'date_of_birth', label: 'Date of Birth', type: 'date' },
  { name: 'gender', label: 'Gender' },
  { name: 'address', label: 'Address' },
  { name: 'phone', label: 'Phone', type: 'tel', helper: PHONE_HINT },
  { name: 'citizenship', label: 'Citizenship' },
  {
    name: 'password',
    label: 'Password',
    type: 'password',
    autoComplete: 'new-password',
    helper: 'At least 8 characters',
  },
];

export function CreatePatientForm() {
  return (
    <SchemaForm
      fields={FIELDS}
      schema={createPatientSchema}
      mutation={useCreatePatient()}
      submitLabel="Add Patient"
    />
  );
}
