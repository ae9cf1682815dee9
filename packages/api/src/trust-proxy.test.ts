/**
 * Behind HAProxy every request comes from the proxy's address: without believing its
 * X-Forwarded-For, one busy client would exhaust the login limit of everyone (and the audit log
 * would name the proxy). Only the configured proxies are believed: a client sending the header
 * itself keeps its own address.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeKeyFile } from '@chartproof/ledger';
import { testGenesisDoc, testKey } from '@chartproof/ledger/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiApp, buildApp } from './app.js';
import { ConfigError, configFromEnv, parseEnv } from './config.js';
import { createApiLogger } from './log.js';

const PROXY = '10.77.0.2';

describe('TRUST_PROXY', () => {
  let api: ApiApp;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-proxy-'));
    writeFileSync(join(dir, 'genesis.json'), JSON.stringify(testGenesisDoc()));
    writeFileSync(join(dir, 'ca.json'), JSON.stringify(encodeKeyFile(testKey('central-authority'))));
    const env = parseEnv({
      CHARTPROOF_DATA: dir,
      CHARTPROOF_GENESIS: join(dir, 'genesis.json'),
      CHARTPROOF_CA_KEY: join(dir, 'ca.json'),
      PEER_FOR_COMMUNICATION: 'ws://127.0.0.1:1',
      CHARTPROOF_DEMO: 'false',
      LOGIN_RATE_LIMIT_PER_MINUTE: '2',
      TRUST_PROXY: `${PROXY}, 10.78.0.0/16`,
    });
    api = await buildApp(configFromEnv(env), { say: () => {}, logger: createApiLogger('silent') });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  const login = (remoteAddress: string, forwardedFor?: string) =>
    api.app.inject({
      method: 'POST',
      url: '/api/login',
      remoteAddress,
      headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
      payload: { id: 'nobody', password: 'wrong' },
    });

  it('limits each client behind a trusted proxy by its own address', async () => {
    for (const client of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4']) {
      expect((await login(PROXY, client)).statusCode).not.toBe(429);
    }
    // A range is trusted as well; the same client through it shares its own bucket.
    expect((await login('10.78.3.4', '198.51.100.1')).statusCode).not.toBe(429);
    expect((await login(PROXY, '198.51.100.1')).statusCode).toBe(429);
  });

  it('ignores the header from anyone else: a client cannot choose its own address', async () => {
    const direct = '203.0.113.9';
    expect((await login(direct, '198.51.100.50')).statusCode).not.toBe(429);
    expect((await login(direct, '198.51.100.51')).statusCode).not.toBe(429);
    expect((await login(direct, '198.51.100.52')).statusCode).toBe(429);
  });
});

describe('TRUST_PROXY parsing', () => {
  const parse = (v: string) => parseEnv({ TRUST_PROXY: v }).TRUST_PROXY;

  it('takes addresses and ranges of both families', () => {
    expect(parse('10.0.0.1, 10.1.0.0/16,::1,fd00::/8')).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      '::1',
      'fd00::/8',
    ]);
  });

  it('refuses anything else by name', () => {
    for (const bad of ['*', 'haproxy', '10.0.0.1/33', '::1/129', '10.0.0.1/8/1', '10.0.0.1/x', 'true']) {
      expect(() => parse(bad), bad).toThrow(ConfigError);
      expect(() => parse(bad)).toThrow(/TRUST_PROXY/);
    }
    fc.assert(
      fc.property(fc.string(), (s) => {
        try {
          const out = parse(s) ?? [];
          // Whatever is accepted is an address, optionally with a prefix length.
          for (const x of out) expect(x).toMatch(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/);
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError);
        }
      }),
    );
  });
});
