import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv, parseEnv } from './config.js';
import { loadSecrets } from './secrets.js';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = configFromEnv(parseEnv({}));
    expect(c).toMatchObject({
      port: 5000,
      host: '127.0.0.1',
      databaseUrl: null,
      nodeUrls: ['ws://127.0.0.1:5001'],
      corsOrigins: ['http://localhost:5173', 'http://127.0.0.1:5173'],
      genesisPath: join('data', 'genesis.json'),
    });
  });

  it('reports every bad variable at once, by name', () => {
    try {
      parseEnv({
        PORT: 'x',
        PEER_FOR_COMMUNICATION: 'http://a',
        DATABASE_URL: 'mysql://x',
        CORS_ORIGINS: '*',
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const m = (e as Error).message;
      for (const name of ['PORT', 'PEER_FOR_COMMUNICATION', 'DATABASE_URL', 'CORS_ORIGINS'])
        expect(m).toContain(name);
    }
  });

  it('refuses a JWT secret under 32 bytes and a malformed master key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-cfg-'));
    expect(() => loadSecrets({ dataDir: dir, masterKey: null, jwtSecret: 'secret' }, () => {})).toThrow(
      /at least 32/,
    );
    expect(() => loadSecrets({ dataDir: dir, masterKey: 'abc', jwtSecret: null }, () => {})).toThrow(
      /32 bytes/,
    );
  });

  it('creates missing secrets once, mode 0600, and says so once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-cfg-'));
    const said: string[] = [];
    const a = loadSecrets({ dataDir: dir, masterKey: null, jwtSecret: null }, (l) => said.push(l));
    const b = loadSecrets({ dataDir: dir, masterKey: null, jwtSecret: null }, (l) => said.push(l));
    expect(said).toHaveLength(2);
    expect(Buffer.from(a.masterKey).equals(Buffer.from(b.masterKey))).toBe(true);
    expect(statSync(join(dir, 'api', 'master.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'api', 'jwt.secret')).mode & 0o777).toBe(0o600);
  });
});
