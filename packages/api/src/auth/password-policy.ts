/**
 * What a new password must be when a user chooses one (POST /api/auth/password), as a pure rule:
 * the reason it is refused, or null. Length is what makes a password strong (NIST SP 800-63B
 * §3.1.1.2: no composition rules, a length floor, a check against known-bad values), so the
 * rules are a floor of 12 characters, a ceiling, and refusals of the guessable: the current
 * password, the user's own id, a run of few distinct characters, and the well-known weak ones,
 * among them every public demo password (a demo password copied into a real system is public).
 * Accounts created by an authority keep the 8-character floor of contract 2.3–2.5.
 */
import { textProblem } from '../schemas/text.js';

export const MIN_LENGTH = 12;
export const MAX_LENGTH = 256;
const MIN_DISTINCT = 5;

/** Lower-cased; compared after lower-casing the candidate. */
const KNOWN_WEAK: ReadonlySet<string> = new Set([
  '123456789012',
  '1234567890123',
  'password1234',
  'passwordpassword',
  'qwertyuiop12',
  'qwertyuiopasdf',
  'chartproof123',
  'changeme1234',
  'administrator',
  // The demo logins of contract 3.7 (the longer ones; the rest fail on length).
  'smh@2025secure',
  'chi!securepass',
  'petar_clinic99',
  'nikola#secure22',
]);

/** The text shown beside the field, and by the API's OpenAPI description. */
export const PASSWORD_RULES = `at least ${MIN_LENGTH} characters, not your current password or your ID, not a common or demo password`;

/** Why `next` cannot become the password of user `userId` whose password is `current`, or null. */
export function newPasswordProblem(next: string, current: string, userId: string): string | null {
  const text = textProblem(next);
  if (text !== null) return text;
  const length = [...next].length;
  if (length < MIN_LENGTH) return `must be at least ${MIN_LENGTH} characters`;
  if (length > MAX_LENGTH) return `must be at most ${MAX_LENGTH} characters`;
  if (next === current) return 'must differ from the current password';
  const lower = next.toLowerCase();
  if (userId !== '' && lower.includes(userId.toLowerCase())) return 'must not contain your ID';
  if (new Set(lower).size < MIN_DISTINCT) return `must use at least ${MIN_DISTINCT} different characters`;
  if (KNOWN_WEAK.has(lower)) return 'is a well-known password; choose another';
  return null;
}
