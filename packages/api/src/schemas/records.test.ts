import { MAX_FIELDS } from '@chartproof/ledger/record-fields';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import {
  buildRecord,
  clientTimestamp,
  parseRecordBody,
  recordDate,
  type ServerValues,
  sortedRecord,
} from './records.js';

const PID = 'ffbe84df20d043178300a21710312068';
const server: ServerValues = {
  _id: 'server-_id',
  date: 'server-date',
  doctor_id: 'server-doctor_id',
  doctor_first_name: 'server-doctor_first_name',
  doctor_last_name: 'server-doctor_last_name',
  health_authority_id: 'server-health_authority_id',
  health_authority_name: 'server-health_authority_name',
  patient_first_name: 'server-patient_first_name',
  patient_last_name: 'server-patient_last_name',
};

function reason(body: unknown): string | null {
  try {
    parseRecordBody(body);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(400);
    return (e as ApiError).message;
  }
}

describe('record body', () => {
  it('names what is wrong', () => {
    expect(reason(undefined)).toBe('No data provided');
    expect(reason({})).toBe('No data provided');
    expect(reason([1])).toMatch(/JSON object/);
    expect(reason({ diagnosis: 'x' })).toBe('Missing required field: patient_id');
    expect(reason({ patient_id: 7 })).toMatch(/^patient_id: /);
    expect(reason({ patient_id: PID, diagnosis: 3 })).toBe('diagnosis: expected a string value');
    expect(reason({ patient_id: PID, $where: 'x' })).toMatch(/must not start with "\$"/);
    expect(reason({ patient_id: PID, '42': 'x' })).toMatch(/all digits/);
    expect(reason({ patient_id: PID, '': 'x' })).toMatch(/empty/);
    expect(reason({ patient_id: PID, ['k'.repeat(65)]: 'x' })).toMatch(/longer than 64/);
    expect(reason({ patient_id: PID, d: 'x'.repeat(10_001) })).toBe('d: at most 10000 characters');
    const many = Object.fromEntries(Array.from({ length: MAX_FIELDS + 1 }, (_, i) => [`f${i}`, 'x']));
    expect(reason({ patient_id: PID, ...many })).toMatch(/too many fields/);
    expect(reason({ patient_id: PID, diagnosis: 'x' })).toBeNull();
  });

  it('accepts exactly the bodies of text fields within the limits, never throwing anything else', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        const r = reason(body);
        const ok =
          body !== null &&
          typeof body === 'object' &&
          !Array.isArray(body) &&
          /^[0-9a-f]{32}$/.test(String((body as Record<string, unknown>).patient_id)) &&
          typeof (body as Record<string, unknown>).patient_id === 'string' &&
          Object.entries(body).length <= MAX_FIELDS &&
          Object.entries(body).every(
            ([k, v]) =>
              typeof v === 'string' &&
              v.length <= 10_000 &&
              k.length >= 1 &&
              k.length <= 64 &&
              !k.startsWith('$') &&
              !/^\d+$/.test(k) &&
              k !== '__proto__',
          );
        expect(r === null).toBe(ok);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the client order, appends the server fields in the contract order, and overwrites in place', () => {
    const r = buildRecord(
      parseRecordBody({ diagnosis: 'd', patient_id: PID, date: 'client', symptoms: 's' }),
      server,
    );
    expect(Object.keys(r)).toEqual([
      'diagnosis',
      'patient_id',
      'date',
      'symptoms',
      '_id',
      'doctor_id',
      'doctor_first_name',
      'doctor_last_name',
      'health_authority_id',
      'health_authority_name',
      'patient_first_name',
      'patient_last_name',
    ]);
    expect(r.date).toBe('server-date');
    expect(Object.keys(sortedRecord(r))).toEqual(Object.keys(r).sort());
  });

  it('formats dates as the client parses them', () => {
    expect(recordDate(new Date('2025-11-04T23:59:00Z'))).toBe('04-11-2025');
    expect(clientTimestamp('2025-11-04T12:17:34.969Z')).toBe('2025-11-04T12:17:34.969');
  });
});
