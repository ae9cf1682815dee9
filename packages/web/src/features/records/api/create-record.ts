import {
  type FieldNameProblem,
  fieldNameProblem,
  MAX_FIELDS,
  MAX_KEY,
  MAX_VALUE,
  RESERVED_FIELDS,
} from '@chartproof/ledger/record-fields';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { retryLostAnswers } from '../../../lib/idempotency';

/** The form's key rule (contract 2.6): lower-cased, spaces to `_`, other characters kept. */
export const normalizeFieldKey = (label: string): string => label.trim().toLowerCase().replace(/\s+/g, '_');

const KEY_MESSAGES: Readonly<Record<FieldNameProblem | 'reserved', string>> = {
  empty: 'Field name is required',
  too_long: `Field name must be at most ${MAX_KEY} characters`,
  dollar: 'Field name must not start with $',
  digits: 'Field name must not be only digits',
  proto: 'Field name "__proto__" is not allowed',
  reserved: 'This name is set by the server',
};

/** The server's field-name rules (shared with it), plus: no name the server writes itself. */
const fieldKey = z.string().superRefine((key, ctx) => {
  const problem = fieldNameProblem(key) ?? (RESERVED_FIELDS.has(key) ? 'reserved' : null);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: KEY_MESSAGES[problem] });
});

/** A record's free-form fields, checked as the server would (2.6 Target) before anything is sent. */
export const recordFieldsSchema = z
  .array(
    z.object({
      key: fieldKey,
      value: z
        .string()
        .trim()
        .min(1, 'A value is required')
        .max(MAX_VALUE, `At most ${MAX_VALUE.toLocaleString('en')} characters`),
    }),
  )
  .min(1, 'Add at least one field')
  // patient_id is the body's other field.
  .max(MAX_FIELDS - 1, `At most ${MAX_FIELDS - 1} fields`)
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.key))
        ctx.addIssue({ code: 'custom', path: [i, 'key'], message: 'Field names must be unique' });
      seen.add(f.key);
    });
  });

export interface CreateRecordResponse {
  message: string;
  id: string;
  transaction_id: string;
  blockchain_status?: string;
  block_hash?: string;
  height?: number;
}

export interface CreateRecordInput {
  fields: Record<string, string>;
  /** One per record the doctor means to create (lib/idempotency.ts). */
  idempotencyKey: string;
}

/**
 * POST /api/health-records: {patient_id, ...fields}. Answers 201 only once a majority of the
 * validators acknowledged the anchor, so it takes a block interval or two.
 */
export const createRecord = (
  patientId: string,
  { fields, idempotencyKey }: CreateRecordInput,
): Promise<CreateRecordResponse> =>
  api('/api/health-records', {
    method: 'POST',
    body: { patient_id: patientId, ...fields },
    idempotencyKey,
  });

export function useCreateRecord(patientId: string, personalId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateRecordInput) => createRecord(patientId, input),
    // A lost answer is retried with the same key: the server answers for the record it made.
    retry: retryLostAnswers,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['health-records', 'patient', personalId] }),
  });
}
