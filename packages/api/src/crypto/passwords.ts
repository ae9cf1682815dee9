/**
 * Password hashes in Werkzeug's scrypt format `scrypt:N:r:p$salt$hex` (contract 1.8): the salt is
 * the literal ASCII string, the key 64 bytes. The reference's demo hashes verify unchanged, and
 * new hashes use the same format with N = 2^15. Comparison is constant-time, and an unknown user
 * costs the same scrypt run as a wrong password (contract F2).
 */
import { randomInt, scrypt, timingSafeEqual } from 'node:crypto';

const N = 32768;
const R = 8;
const P = 1;
const KEY_LEN = 64;
// scrypt needs 128·N·r bytes (32 MiB at N = 2^15), which is exactly Node's default limit: raise it.
const MAX_MEM = 64 * 1024 * 1024;
const SALT_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const FORMAT = /^scrypt:(\d{1,7}):(\d{1,3}):(\d{1,3})\$([^$]{1,64})\$([0-9a-f]{2,256})$/;

function derive(password: string, salt: string, n: number, r: number, p: number, len: number) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(
      Buffer.from(password, 'utf8'),
      Buffer.from(salt, 'utf8'),
      len,
      { N: n, r, p, maxmem: MAX_MEM },
      (e, k) => (e ? reject(e) : resolve(k)),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  let salt = '';
  for (let i = 0; i < 16; i++) salt += SALT_ALPHABET[randomInt(SALT_ALPHABET.length)];
  const key = await derive(password, salt, N, R, P, KEY_LEN);
  return `scrypt:${N}:${R}:${P}$${salt}$${key.toString('hex')}`;
}

export interface ParsedHash {
  readonly n: number;
  readonly r: number;
  readonly p: number;
  readonly salt: string;
  readonly key: Buffer;
}

/** The parts of a stored hash, or null when it is not one this server can check. */
export function parseHash(stored: string): ParsedHash | null {
  const m = FORMAT.exec(stored);
  if (m === null) return null;
  const [n, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Only parameters this server would produce or the reference used: a stored hash is trusted
  // data, but a corrupted one must not make one login take minutes or gigabytes.
  if (n < 2 || n > 1 << 17 || (n & (n - 1)) !== 0 || r < 1 || r > 16 || p < 1 || p > 4) return null;
  return { n, r, p, salt: m[4]!, key: Buffer.from(m[5]!, 'hex') };
}

/** False for a wrong password or a hash in a form this server does not know (never throws). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parseHash(stored);
  if (h === null) return false;
  const got = await derive(password, h.salt, h.n, h.r, h.p, h.key.length);
  return timingSafeEqual(got, h.key);
}

export const DUMMY_HASH = `scrypt:${N}:${R}:${P}$chartproofdummy0$${'0'.repeat(KEY_LEN * 2)}`;

/** The same work as a real check, for an id that does not exist. Always false. */
export async function burnPasswordCheck(password: string): Promise<false> {
  await verifyPassword(password, DUMMY_HASH);
  return false;
}
