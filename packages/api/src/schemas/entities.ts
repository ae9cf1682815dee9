/** Bodies of the provisioning routes (contract 2.3–2.5) and the entity shapes they answer with. */
import { z } from 'zod';
import { PathParam, storableText } from './text.js';

const text = (max = 200) =>
  storableText(
    z.string('expected a string').trim().min(1, 'must not be empty').max(max, `at most ${max} characters`),
  );

/** New accounts need 8 characters; the demo accounts' shorter passwords stay valid for login. */
const newPassword = storableText(
  z.string('expected a string').min(8, 'at least 8 characters').max(256, 'at most 256 characters'),
);

const pastDate = z
  .string('expected a string')
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => {
    const t = Date.parse(`${s}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s && t < Date.now();
  }, 'expected a real date in the past');

export const PATIENT_FIELDS = [
  'first_name',
  'last_name',
  'personal_id',
  'date_of_birth',
  'gender',
  'address',
  'phone',
  'citizenship',
  'password',
] as const;

export const CreatePatientBody = z.object({
  first_name: text(),
  last_name: text(),
  personal_id: text(64),
  date_of_birth: pastDate,
  gender: text(),
  address: text(),
  phone: text(),
  citizenship: text(),
  password: newPassword,
});
export type CreatePatient = z.output<typeof CreatePatientBody>;

export const HEALTH_AUTHORITY_FIELDS = ['name', 'type', 'address', 'phone', 'password'] as const;

export const CreateHealthAuthorityBody = z.object({
  name: text(),
  type: text(),
  address: text(),
  phone: text(),
  password: newPassword,
});
export type CreateHealthAuthority = z.output<typeof CreateHealthAuthorityBody>;

export const DOCTOR_FIELDS = ['first_name', 'last_name', 'password'] as const;

export const CreateDoctorBody = z.object({ first_name: text(), last_name: text(), password: newPassword });
export type CreateDoctor = z.output<typeof CreateDoctorBody>;

export const LoginBody = z.object({
  id: z.string().min(1).max(256),
  password: z.string().min(1).max(256),
});

export const IdParams = z.object({ id: PathParam });
