import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAge, formatDate, formatDateTime, humanizeKey, shortHex } from './format';

const GB = { locale: 'en-GB', timeZone: 'UTC' };

describe('display formats', () => {
  it('prints record dates (DD-MM-YYYY) and birth dates (YYYY-MM-DD) in one locale-aware form', () => {
    expect(formatDate('04-11-2025', GB)).toBe('4 Nov 2025');
    expect(formatDate('1978-04-25', GB)).toBe('25 Apr 1978');
    expect(formatDate('1978-04-25', { locale: 'en-US' })).toBe('Apr 25, 1978');
    expect(formatDate('1978-04-25', { locale: 'sr-Latn' })).toMatch(/1978/);
  });

  it('never moves a calendar date to another day, whatever the time zone', () => {
    expect(formatDate('01-01-2025', { locale: 'en-GB', timeZone: 'Pacific/Kiritimati' })).toBe('1 Jan 2025');
  });

  it('gives back what is not a real date as it came', () => {
    for (const v of ['', '2025-02-30', '31-04-2025', 'yesterday', '2025-1-1']) expect(formatDate(v)).toBe(v);
  });

  it('prints a moment as date and time with seconds, naive ISO strings taken as UTC', () => {
    expect(formatDateTime('2026-12-07T10:42:05.123456', GB)).toBe('7 Dec 2026, 10:42:05');
    expect(formatDateTime('2026-12-07T10:42:05.123Z', GB)).toBe('7 Dec 2026, 10:42:05');
    expect(formatDateTime(Date.UTC(2026, 11, 7, 10, 42, 5), GB)).toBe('7 Dec 2026, 10:42:05');
    expect(
      formatDateTime(Date.UTC(2026, 11, 7, 10, 42, 5), { locale: 'en-GB', timeZone: 'Europe/Belgrade' }),
    ).toBe('7 Dec 2026, 11:42:05');
    expect(formatDateTime('not a date')).toBe('not a date');
  });

  it('formats every date the same way as its moment at midnight UTC', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const midnight = formatDateTime(`${iso}T00:00:00.000Z`, GB);
          expect(midnight.startsWith(`${formatDate(iso, GB)}, `)).toBe(true);
        },
      ),
    );
  });

  it('says how old a block is', () => {
    const now = 1_000_000_000;
    expect(formatAge(now - 12_400, now)).toBe('12 s ago');
    expect(formatAge(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatAge(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatAge(now - 86_400_000, now)).toBe('1 day ago');
    expect(formatAge(now + 5000, now)).toBe('0 s ago');
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
