/**
 * Byte helpers shared by every ledger module: hex codecs, input assertions, big-endian integer
 * fields and a constant-time comparison. Browser-safe: no Node built-ins, no Buffer.
 *
 * Assertion wording follows noble: `"key" expected Uint8Array of length 32, got length=31`.
 * A wrong type is a TypeError, a wrong value a RangeError.
 */

const HEX_CHARS = '0123456789abcdef';
const BYTE_TO_HEX: string[] = Array.from({ length: 256 }, (_, i) => HEX_CHARS[i >> 4]! + HEX_CHARS[i & 15]!);
// Digit values by char code, 0xff for every char that is not a lowercase hex digit: one lookup
// per digit both decodes and validates (keys and signatures are decoded per transaction).
const HEX_VALUE = new Uint8Array(256).fill(0xff);
for (let i = 0; i < 16; i++) HEX_VALUE[HEX_CHARS.charCodeAt(i)] = i;

export function assertBytes(name: string, value: unknown, length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`"${name}" expected Uint8Array, got ${describe(value)}`);
  }
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`"${name}" expected Uint8Array of length ${length}, got length=${value.length}`);
  }
}

export function assertSafeUint(
  name: string,
  value: unknown,
  max = Number.MAX_SAFE_INTEGER,
): asserts value is number {
  if (typeof value !== 'number') throw new TypeError(`"${name}" expected number, got ${describe(value)}`);
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new RangeError(`"${name}" expected integer in 0..${max}, got ${value}`);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Lowercase hex only: one spelling per value, so hex strings can be compared and hashed as-is. */
export function hexToBytes(hex: string, name = 'hex'): Uint8Array {
  if (typeof hex !== 'string') throw new TypeError(`"${name}" expected hex string, got ${describe(hex)}`);
  const bad = () =>
    new RangeError(
      `"${name}" expected lowercase hex of even length, got ${JSON.stringify(hex.slice(0, 16))}`,
    );
  if (hex.length % 2 !== 0) throw bad();
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    // Char codes above 0xff index past the table: undefined, refused like any other non-digit.
    const hi = HEX_VALUE[hex.charCodeAt(2 * i)] ?? 0xff;
    const lo = HEX_VALUE[hex.charCodeAt(2 * i + 1)] ?? 0xff;
    if (hi > 15 || lo > 15) throw bad();
    out[i] = (hi << 4) | lo;
  }
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  assertBytes('bytes', bytes);
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += BYTE_TO_HEX[bytes[i]!];
  return s;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Compares in time that depends only on the lengths, never on where the inputs differ. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Lexicographic comparison, i.e. big-endian unsigned integer order for equal lengths. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return a.length - b.length;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8ToBytes(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Throws on invalid UTF-8 rather than inserting U+FFFD: altered bytes must never decode quietly. */
export function bytesToUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function writeU32BE(buf: Uint8Array, offset: number, value: number): void {
  buf[offset] = value >>> 24;
  buf[offset + 1] = (value >>> 16) & 0xff;
  buf[offset + 2] = (value >>> 8) & 0xff;
  buf[offset + 3] = value & 0xff;
}

export function readU32BE(buf: Uint8Array, offset: number): number {
  return ((buf[offset]! << 24) | (buf[offset + 1]! << 16) | (buf[offset + 2]! << 8) | buf[offset + 3]!) >>> 0;
}

/** 64-bit fields hold integers up to 2^53-1 (timestamps in ms, nonces): plain numbers, no BigInt. */
export function writeU64BE(buf: Uint8Array, offset: number, value: number): void {
  writeU32BE(buf, offset, Math.floor(value / 0x1_0000_0000));
  writeU32BE(buf, offset + 4, value >>> 0);
}

export function readU64BE(buf: Uint8Array, offset: number): number {
  const hi = readU32BE(buf, offset);
  const lo = readU32BE(buf, offset + 4);
  if (hi > 0x1f_ffff) throw new RangeError(`u64 at offset ${offset} exceeds 2^53-1`);
  return hi * 0x1_0000_0000 + lo;
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytesToHex(bytes)}`);
}

export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  if (value < 0n) throw new RangeError(`"value" expected non-negative bigint, got ${value}`);
  const hex = value.toString(16).padStart(length * 2, '0');
  if (hex.length > length * 2) throw new RangeError(`"value" does not fit in ${length} bytes`);
  return hexToBytes(hex);
}
