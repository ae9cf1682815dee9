/** Reads the committed JSON vectors under test/vectors/: the source of truth for every suite. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SignatureCheck } from '../src/crypto/backend.js';
import { isLedgerError } from '../src/errors.js';
import type { Ed25519File } from './vector-types.js';

export const VECTORS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'vectors');

export function loadVector<T>(path: string): T {
  return JSON.parse(readFileSync(join(VECTORS_DIR, path), 'utf8')) as T;
}

/** Every .json file under `dir` (relative to vectors/), sorted, as paths relative to vectors/. */
export function listVectors(dir = ''): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.json')) out.push(relative(VECTORS_DIR, p));
    }
  };
  walk(join(VECTORS_DIR, dir));
  return out.sort();
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
export const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

/** The LedgerError code `f` throws, or null if it returns; anything else is rethrown. */
export function errorCode(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    if (isLedgerError(e)) return e.code;
    throw e;
  }
}

/** Every Ed25519 vector case, three times over: one batch past the parallel threshold of keys.ts. */
export function ed25519Batch(): { cases: Ed25519File['cases']; checks: SignatureCheck[] } {
  const once = ['ed25519/rfc8032.json', 'ed25519/edge-cases.json'].flatMap(
    (f) => loadVector<Ed25519File>(f).cases,
  );
  const cases = [...once, ...once, ...once];
  const checks = cases.map((c) => ({
    publicKey: unhex(c.publicKey),
    message: unhex(c.message),
    signature: unhex(c.signature),
  }));
  return { cases, checks };
}
