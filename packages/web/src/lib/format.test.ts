import { describe, expect, it } from 'vitest';
import { formatDate, humanizeKey, shortHex } from './format';

describe('display formats', () => {
  it('prints record and birth dates as the reference client does', () => {
    expect(formatDate('04-11-2025')).toBe('04. 11. 2025.');
    expect(formatDate('1978-04-25')).toBe('1978. 04. 25.');
  });
  it('humanises field keys', () => {
    expect(humanizeKey('blood_pressure')).toBe('Blood Pressure');
    expect(humanizeKey('diagnosis')).toBe('Diagnosis');
  });
  it('shortens long hex only', () => {
    expect(shortHex('ab'.repeat(32))).toBe('abababab…abababab');
    expect(shortHex('abcd')).toBe('abcd');
  });
});
