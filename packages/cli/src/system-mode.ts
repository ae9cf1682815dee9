/**
 * What a data folder was made for, written by `chartproof init` to `<data>/system.json`: a real
 * system (its central authority made by init, no demo users ever) or a demo (the demo users,
 * whose passwords are public, created at first start). `chartproof up` starts the API to match.
 * A folder without the file is an older one or a newcomer's: `up` runs it as a demo, as before.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './errors.js';

export type SystemMode =
  | { readonly mode: 'real'; readonly central_authority: string }
  | { readonly mode: 'demo' };

/** The file's content as a SystemMode, or why it is not one. */
export function parseSystemMode(json: unknown): SystemMode | string {
  if (typeof json !== 'object' || json === null) return 'expected an object';
  const { mode, central_authority } = json as { mode?: unknown; central_authority?: unknown };
  if (mode === 'demo') return { mode };
  if (mode !== 'real') return 'mode: expected "real" or "demo"';
  if (typeof central_authority !== 'string' || !/^[0-9a-f]{32}$/.test(central_authority))
    return 'central_authority: expected a 32-hex-digit id';
  return { mode, central_authority };
}

const fileOf = (data: string) => join(data, 'system.json');

export function readSystemMode(data: string): SystemMode | null {
  const path = fileOf(data);
  if (!existsSync(path)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`${path} is not JSON: ${(e as Error).message}`);
  }
  const mode = parseSystemMode(json);
  if (typeof mode === 'string') throw new UsageError(`${path} is not a system file: ${mode}`);
  return mode;
}

export function writeSystemMode(data: string, mode: SystemMode): void {
  mkdirSync(data, { recursive: true, mode: 0o700 });
  writeFileSync(fileOf(data), `${JSON.stringify(mode, null, 2)}\n`);
}
