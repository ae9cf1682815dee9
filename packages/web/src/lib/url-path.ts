/**
 * Paths with values from user input or from the address bar: each value is one path segment,
 * percent-encoded, so that "../../audit?x=" stays inside its segment instead of walking the path
 * or starting a query. "", "." and ".." cannot be made safe (URL parsers resolve "." and ".."
 * even when percent-encoded), so they are refused, and so is text with no UTF-8 form.
 */
export class UnsafePathValue extends Error {
  constructor(value: string) {
    super(`${JSON.stringify(value)} cannot be part of an address`);
    this.name = 'UnsafePathValue';
  }
}

export function pathSegment(value: string | number): string {
  const s = String(value);
  if (s === '' || s === '.' || s === '..') throw new UnsafePathValue(s);
  try {
    return encodeURIComponent(s);
  } catch {
    throw new UnsafePathValue(s); // a lone UTF-16 surrogate has no UTF-8 form to encode
  }
}

/** A tagged template: `path\`/api/patients/${id}\`` encodes `id` as one segment. */
export function path(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? pathSegment(values[i]!) : ''), '');
}
