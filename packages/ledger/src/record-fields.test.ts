import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FieldNameProblem,
  fieldNameProblem,
  MAX_KEY,
  RESERVED_FIELDS,
  SERVER_FIELDS,
} from './record-fields.js';

describe('record field names', () => {
  it('name each refusal', () => {
    expect(fieldNameProblem('')).toBe(FieldNameProblem.EMPTY);
    expect(fieldNameProblem('k'.repeat(MAX_KEY))).toBeNull();
    expect(fieldNameProblem('k'.repeat(MAX_KEY + 1))).toBe(FieldNameProblem.TOO_LONG);
    expect(fieldNameProblem('$where')).toBe(FieldNameProblem.DOLLAR);
    expect(fieldNameProblem('42')).toBe(FieldNameProblem.DIGITS);
    expect(fieldNameProblem('4a')).toBeNull();
    expect(fieldNameProblem('__proto__')).toBe(FieldNameProblem.PROTO);
    expect(fieldNameProblem('blood_pressure')).toBeNull();
  });

  it('accept exactly the names of 1 to 64 characters, not starting with $, not all digits, not __proto__', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.stringMatching(/^\$?\d{0,3}$/)), (key) => {
        const fine =
          key.length >= 1 &&
          key.length <= MAX_KEY &&
          !key.startsWith('$') &&
          !/^\d+$/.test(key) &&
          key !== '__proto__';
        expect(fieldNameProblem(key) === null, JSON.stringify(key)).toBe(fine);
      }),
    );
  });

  it('reserve the server fields and patient_id, and nothing else', () => {
    expect([...RESERVED_FIELDS].sort()).toEqual(['patient_id', ...SERVER_FIELDS].sort());
    expect(RESERVED_FIELDS.has('diagnosis')).toBe(false);
  });
});
