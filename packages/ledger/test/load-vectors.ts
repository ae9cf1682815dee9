/** Reads the committed JSON vectors under test/vectors/: the source of truth for every suite. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLedgerError } from '../src/errors.js';

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
