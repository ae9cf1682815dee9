/**
 * The server's own secrets: the master key (wraps data keys and private keys) and the JWT
 * secret. Given in the environment, they are validated; absent, the embedded default creates
 * them once under `<data>/api` with mode 0600 and says so. A JWT secret under 32 bytes, or a
 * master key that is not 32 bytes, refuses to start (contract F4).
 */
import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from './config.js';

export interface ServerSecrets {
  readonly masterKey: Uint8Array;
  /** A short public fingerprint of the master key, stored with the data it protects. */
  readonly masterKeyId: string;
  readonly jwtSecret: Uint8Array;
  /** HMAC key of the capability tokens, derived from the master key. */
  readonly capabilitySecret: Uint8Array;
}

function parseMasterKey(text: string, where: string): Uint8Array {
  const t = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (bytes.length !== 32 || (!/^[0-9a-fA-F]{64}$/.test(t) && bytes.toString('base64') !== t)) {
    throw new ConfigError(`${where}: expected 32 bytes as 64 hex digits or base64 (openssl rand -hex 32)`);
  }
  return bytes;
}

function parseJwtSecret(text: string, where: string): Uint8Array {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length < 32) {
    throw new ConfigError(
      `${where}: the JWT secret is ${bytes.length} bytes, at least 32 random bytes are required (openssl rand -hex 32)`,
    );
  }
  return bytes;
}

function loadOrCreate(path: string, make: () => string, say: (line: string) => void): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const value = make();
  writeFileSync(path, `${value}\n`, { mode: 0o600, flag: 'wx' });
  say(`created ${path} (mode 0600); keep it private and back it up: without it the data cannot be read`);
  return value;
}

export function loadSecrets(
  options: { dataDir: string; masterKey: string | null; jwtSecret: string | null },
  say: (line: string) => void,
): ServerSecrets {
  const dir = join(options.dataDir, 'api');
  const masterKey =
    options.masterKey !== null
      ? parseMasterKey(options.masterKey, 'CHARTPROOF_MASTER_KEY')
      : parseMasterKey(
          loadOrCreate(join(dir, 'master.key'), () => randomBytes(32).toString('hex'), say),
          join(dir, 'master.key'),
        );
  const jwtSecret =
    options.jwtSecret !== null
      ? parseJwtSecret(options.jwtSecret, 'JWT_SECRET')
      : parseJwtSecret(
          loadOrCreate(join(dir, 'jwt.secret'), () => randomBytes(32).toString('hex'), say),
          join(dir, 'jwt.secret'),
        );
  return {
    masterKey,
    masterKeyId: createHash('sha256')
      .update('chartproof/master-key-id')
      .update(masterKey)
      .digest('hex')
      .slice(0, 16),
    jwtSecret,
    capabilitySecret: Buffer.from(hkdfSync('sha256', masterKey, '', 'chartproof/api/capability/v1', 32)),
  };
}
