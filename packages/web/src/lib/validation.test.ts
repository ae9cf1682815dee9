import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pastDate, personalId, phoneNumber, requiredText } from './validation';

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

describe('personal ID and phone formats (contract 2.3 examples)', () => {
  const issue = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
    r.error?.issues[0]?.message;
  const pid = personalId();
  const phone = phoneNumber();

  it('accepts the demo personal IDs and phones', () => {
    for (const v of ['2308992715066', '1512000715078', ' 1205990710034 '])
      expect(pid.safeParse(v).success).toBe(true);
    for (const v of ['+381 65 993 1270', '+381 11 234 5678', '021/456-789', '011 234.5678'])
      expect(phone.safeParse(v).success).toBe(true);
  });

  it('names what is wrong with a personal ID', () => {
    expect(issue(pid.safeParse(''))).toBe('Personal ID is required');
    expect(issue(pid.safeParse('230899271506'))).toBe('Personal ID must be 13 digits');
    expect(issue(pid.safeParse('23089927150661'))).toBe('Personal ID must be 13 digits');
    expect(issue(pid.safeParse('2308992a15066'))).toBe('Personal ID must be 13 digits');
  });

  it('names what is wrong with a phone', () => {
    expect(issue(phone.safeParse('call me'))).toBe(
      'Phone may hold only digits, spaces, ( ) . / - and a leading +',
    );
    expect(issue(phone.safeParse('381+65'))).toBe(
      'Phone may hold only digits, spaces, ( ) . / - and a leading +',
    );
    expect(issue(phone.safeParse('+381 6'))).toBe('Phone must have 6 to 15 digits');
    expect(issue(phone.safeParse('+1 234 567 890 123 456'))).toBe('Phone must have 6 to 15 digits');
  });

  it('accepts exactly the strings of 13 digits as personal IDs', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        expect(pid.safeParse(s).success).toBe(/^\d{13}$/.test(s.trim()));
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^\d{13}$/), (s) => {
        expect(pid.safeParse(s).success).toBe(true);
      }),
    );
  });

  it('accepts a phone exactly when it has 6 to 15 digits and only phone characters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+?[0-9][0-9 ()./-]{0,24}$/), (s) => {
        const digits = s.replace(/\D/g, '').length;
        expect(phone.safeParse(s).success).toBe(s.trim().length <= 200 && digits >= 6 && digits <= 15);
      }),
    );
  });
});
