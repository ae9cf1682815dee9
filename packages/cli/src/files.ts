/** Reading and writing the operator's files: keys (mode 0600) and genesis documents. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  encodeKeyFile,
  type Genesis,
  type GenesisDoc,
  generateKeyPair,
  type KeyPair,
  parseGenesis,
  parseKeyFile,
} from '@chartproof/ledger';
import { UsageError } from './errors.js';

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(
      `cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${what} ${path} is not JSON: ${(e as Error).message}`);
  }
}

export function readKeyFile(path: string): KeyPair {
  try {
    return parseKeyFile(readJson(path, 'key file'));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`key file ${path} is invalid: ${firstLine(e)}`);
  }
}

/** Loads the key at `path`, creating one (mode 0600) if the file does not exist. */
export function loadOrCreateKey(path: string): { key: KeyPair; created: boolean } {
  if (existsSync(path)) return { key: readKeyFile(path), created: false };
  const key = generateKeyPair();
  writeKeyFile(path, key);
  return { key, created: true };
}

export function writeKeyFile(path: string, key: KeyPair): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(encodeKeyFile(key), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
}

export function readGenesis(path: string): Genesis {
  try {
    return parseGenesis(readJson(path, 'genesis file'));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`genesis file ${path} is invalid: ${firstLine(e)}`);
  }
}

export function writeGenesis(path: string, doc: GenesisDoc): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`, { flag: 'wx' });
}

export function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0]!;
}
