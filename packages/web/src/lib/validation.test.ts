import { describe, expect, it } from 'vitest';
import { pastDate, requiredText } from './validation';

describe('form rules', () => {
  const dob = pastDate('Date of Birth');
  const issue = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
    r.error?.issues[0]?.message;

  it('accepts a real past date', () => expect(dob.safeParse('1978-04-25').success).toBe(true));
  it('rejects a date that does not exist', () =>
    expect(issue(dob.safeParse('1978-02-30'))).toBe('Date of Birth is not a real date'));
  it('rejects another format', () =>
    expect(issue(dob.safeParse('25.04.1978'))).toBe('Date of Birth must be a date (YYYY-MM-DD)'));
  it('rejects a future date', () =>
    expect(issue(dob.safeParse('2999-01-01'))).toBe('Date of Birth must be in the past'));
  it('trims and bounds text', () => {
    expect(requiredText('Name').parse('  Ana ')).toBe('Ana');
    expect(issue(requiredText('Name').safeParse('   '))).toBe('Name is required');
    expect(issue(requiredText('Name').safeParse('x'.repeat(201)))).toBe(
      'Name must be at most 200 characters',
    );
  });
});
