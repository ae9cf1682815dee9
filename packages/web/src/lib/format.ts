/** Display forms used across screens (contract 1.7 and 2.9): the app's only date and time format. */

/**
 * Dates and times. One format everywhere, in the reader's own locale through Intl: "7 Dec 2026"
 * for a calendar date, "7 Dec 2026, 10:42:05" for a moment (seconds, because blocks come a second
 * apart). Tests pin the locale and the time zone through `where`.
 */
export interface Where {
  locale?: string;
  timeZone?: string;
}

const DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit' };

/**
 * A calendar date with no time: a record's "04-11-2025" (DD-MM-YYYY, contract 1.7) or a birth
 * date "1978-04-25" (YYYY-MM-DD). Printed in UTC, so no time zone moves it to another day.
 */
export function formatDate(value: string, where: Where = {}): string {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m === null) return value;
  const [y, mo, d] = m[1]!.length === 4 ? [m[1]!, m[2]!, m[3]!] : [m[3]!, m[2]!, m[1]!];
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d));
  if (new Date(t).toISOString().slice(0, 10) !== `${y}-${mo}-${d}`) return value;
  return new Intl.DateTimeFormat(where.locale, { ...DATE, timeZone: 'UTC' }).format(t);
}

/**
 * A moment: milliseconds since the epoch, or an ISO string. A string without an offset is UTC
 * (contract 1.7: `added_at_blockchain` is "2025-11-04T12:17:34.969420", naive UTC).
 */
export function formatDateTime(value: string | number, where: Where = {}): string {
  const d =
    typeof value === 'number'
      ? new Date(value)
      : new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value.slice(0, 23)}Z`);
  if (Number.isNaN(d.getTime())) return String(value);
  return new Intl.DateTimeFormat(where.locale, {
    ...DATE,
    ...TIME,
    ...(where.timeZone !== undefined ? { timeZone: where.timeZone } : {}),
  }).format(d);
}

/** "12 s ago", "5 min ago", "3 h ago", "2 days ago": how old a block is, as explorers show it. */
export function formatAge(ms: number, now: number = Date.now()): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return plural(Math.floor(s / 86_400), 'day').concat(' ago');
}

/** blood_pressure → "Blood Pressure". */
export function humanizeKey(key: string): string {
  return key
    .split('_')
    .filter((w) => w.length > 0)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** A long hex string shortened for a narrow column; the full value stays in the title/copy. */
export function shortHex(hex: string, keep = 8): string {
  return hex.length <= keep * 2 + 1 ? hex : `${hex.slice(0, keep)}…${hex.slice(-keep)}`;
}

/** "1 patient", "3 patients". */
export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;
