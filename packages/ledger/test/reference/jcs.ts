/**
 * A naive RFC 8785 serializer written from the RFC's text, independent of the `canonicalize`
 * package that jcs.ts wraps: §3.2.2.2 string escaping spelled out character by character,
 * §3.2.2.3 numbers as ECMAScript Number::toString (which the RFC adopts verbatim), §3.2.3 keys
 * sorted by UTF-16 code units. Used by the vector generator only.
 */

const SHORT_ESCAPES: Record<number, string> = {
  8: '\\b',
  9: '\\t',
  10: '\\n',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  92: '\\\\',
};

function refString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) throw new Error('lone high surrogate');
      out += s[i]! + s[i + 1]!;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      throw new Error('lone low surrogate');
    } else if (SHORT_ESCAPES[c] !== undefined) {
      out += SHORT_ESCAPES[c];
    } else if (c < 0x20) {
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else {
      out += s[i];
    }
  }
  return `${out}"`;
}

/** Orders strings by their UTF-16 code units, as §3.2.3 requires (not by code points). */
export function compareUtf16(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export function refCanonical(value: unknown): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('NaN and Infinity are not JSON');
    return Object.is(value, -0) ? '0' : String(value);
  }
  if (typeof value === 'string') return refString(value);
  if (Array.isArray(value)) return `[${value.map(refCanonical).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).sort(compareUtf16);
    return `{${keys.map((k) => `${refString(k)}:${refCanonical(obj[k])}`).join(',')}}`;
  }
  throw new Error(`not a JSON value: ${typeof value}`);
}
