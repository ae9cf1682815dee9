/** Display forms used across screens (contract 1.7 and 2.9). */

/** "04-11-2025" or "1978-04-25" → "04. 11. 2025." / "1978. 04. 25.", as the reference client prints. */
export function formatDate(value: string): string {
  const parts = value.split('-');
  return parts.length === 3 ? `${parts.join('. ')}.` : value;
}

/** A UTC timestamp (with or without an offset) → local "DD.MM.YYYY. HH:MM:SS". */
export function formatDateTime(value: string | number): string {
  const d =
    typeof value === 'number'
      ? new Date(value)
      : new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value.slice(0, 23)}Z`);
  if (Number.isNaN(d.getTime())) return String(value);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()}. ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
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
