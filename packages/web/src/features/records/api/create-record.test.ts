import { describe, expect, it } from 'vitest';
import { recordFieldsSchema } from './create-record';

const firstIssue = (fields: { key: string; value: string }[]) => {
  const r = recordFieldsSchema.safeParse(fields);
  return r.success ? null : r.error.issues[0]!.message;
};
const key = (k: string) => firstIssue([{ key: k, value: 'v' }]);

describe("record form rules (the server's, checked before sending)", () => {
  it('accepts free-form fields', () => {
    expect(firstIssue([{ key: 'blood_pressure', value: '120/80' }])).toBeNull();
  });
  it('words each field-name refusal for the form', () => {
    expect(key('')).toBe('Field name is required');
    expect(key('k'.repeat(65))).toBe('Field name must be at most 64 characters');
    expect(key('$where')).toBe('Field name must not start with $');
    expect(key('42')).toBe('Field name must not be only digits');
    expect(key('__proto__')).toBe('Field name "__proto__" is not allowed');
    expect(key('patient_id')).toBe('This name is set by the server');
    expect(key('health_authority_name')).toBe('This name is set by the server');
  });
  it('bounds values and the number of fields (patient_id is the hundredth)', () => {
    expect(firstIssue([{ key: 'd', value: 'x'.repeat(10_001) }])).toBe('At most 10,000 characters');
    expect(firstIssue([{ key: 'd', value: '  ' }])).toBe('A value is required');
    const many = Array.from({ length: 100 }, (_, i) => ({ key: `f${i}`, value: 'x' }));
    expect(firstIssue(many.slice(0, 99))).toBeNull();
    expect(firstIssue(many)).toBe('At most 99 fields');
  });
});
