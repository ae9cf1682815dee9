import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NodeConfigError, parseNodeConfig } from './config.js';

const issues = (env: Record<string, string>) => {
  try {
    parseNodeConfig(env);
  } catch (e) {
    if (e instanceof NodeConfigError) return e.issues;
    throw e;
  }
  return [];
};

describe('parseNodeConfig', () => {
  it('gives the defaults of `chartproof node` for an empty environment', () => {
    expect(parseNodeConfig({})).toEqual({
      port: 5001,
      host: '127.0.0.1',
      peers: [],
      dataDir: 'data/node-5001',
      genesisPath: 'data/genesis.json',
      keyPath: null,
      defaultKeyPath: 'data/keys/node-5001.json',
      tls: null,
      advertise: null,
      mine: true,
      discover: true,
      allowPlaintextRemote: false,
      logLevel: 'warn',
      metricsToken: null,
      rpc: {
        maxConnections: 64,
        maxUnauthenticated: 8,
        authTimeoutMs: 10_000,
        idleTimeoutMs: 300_000,
        maxInFlight: 5000,
      },
    });
  });

  it('reads the RPC limits, and keeps room for authenticated clients', () => {
    expect(
      parseNodeConfig({
        CHARTPROOF_NODE_RPC_MAX_CONNECTIONS: '20',
        CHARTPROOF_NODE_RPC_MAX_UNAUTHENTICATED: '4',
        CHARTPROOF_NODE_RPC_AUTH_TIMEOUT_MS: '1500',
        CHARTPROOF_NODE_RPC_IDLE_TIMEOUT_MS: '60000',
        CHARTPROOF_NODE_RPC_MAX_IN_FLIGHT: '100',
      }).rpc,
    ).toEqual({
      maxConnections: 20,
      maxUnauthenticated: 4,
      authTimeoutMs: 1500,
      idleTimeoutMs: 60_000,
      maxInFlight: 100,
    });
    expect(issues({ CHARTPROOF_NODE_RPC_MAX_UNAUTHENTICATED: '64' })).toEqual([
      {
        name: 'CHARTPROOF_NODE_RPC_MAX_UNAUTHENTICATED',
        message:
          'must be less than CHARTPROOF_NODE_RPC_MAX_CONNECTIONS (64), so that authenticated clients always find a slot',
      },
    ]);
    expect(
      issues({
        CHARTPROOF_NODE_RPC_MAX_CONNECTIONS: '0',
        CHARTPROOF_NODE_RPC_AUTH_TIMEOUT_MS: '10s',
        CHARTPROOF_NODE_RPC_IDLE_TIMEOUT_MS: '999',
        CHARTPROOF_NODE_RPC_MAX_IN_FLIGHT: '-1',
      }),
    ).toEqual([
      { name: 'CHARTPROOF_NODE_RPC_MAX_CONNECTIONS', message: 'expected an integer in 1..10000, got "0"' },
      {
        name: 'CHARTPROOF_NODE_RPC_AUTH_TIMEOUT_MS',
        message: 'expected an integer in 100..600000, got "10s"',
      },
      {
        name: 'CHARTPROOF_NODE_RPC_IDLE_TIMEOUT_MS',
        message: 'expected an integer in 1000..86400000, got "999"',
      },
      { name: 'CHARTPROOF_NODE_RPC_MAX_IN_FLIGHT', message: 'expected an integer in 1..100000, got "-1"' },
    ]);
  });

  it('reads every variable', () => {
    const c = parseNodeConfig({
      CHARTPROOF_NODE_PORT: '6002',
      CHARTPROOF_NODE_PEERS: 'ws://127.0.0.1:6001/, wss://b.example:443',
      CHARTPROOF_NODE_TLS_CERT: 'c.pem',
      CHARTPROOF_NODE_TLS_KEY: 'k.pem',
      CHARTPROOF_NODE_MINE: 'false',
      CHARTPROOF_NODE_ALLOW_PLAINTEXT_REMOTE: 'yes',
      CHARTPROOF_NODE_LOG_LEVEL: 'debug',
      METRICS_TOKEN: 'scrape-secret-of-24-chars',
    });
    expect(c).toMatchObject({
      metricsToken: 'scrape-secret-of-24-chars',
      port: 6002,
      peers: ['ws://127.0.0.1:6001', 'wss://b.example:443'],
      dataDir: 'data/node-6002',
      tls: { certPath: 'c.pem', keyPath: 'k.pem', caPath: null },
      mine: false,
      allowPlaintextRemote: true,
      logLevel: 'debug',
    });
  });

  it('reports every bad variable at once, each by name', () => {
    expect(
      issues({
        CHARTPROOF_NODE_PORT: '65536',
        CHARTPROOF_NODE_PEERS: 'ws://ok:1,ftp://x',
        CHARTPROOF_NODE_DISCOVER: 'perhaps',
        CHARTPROOF_NODE_TLS_KEY: 'k.pem',
        CHARTPROOF_NODE_ADVERTISE: 'http://me',
        METRICS_TOKEN: 'short',
      }).map((i) => i.name),
    ).toEqual([
      'CHARTPROOF_NODE_PORT',
      'CHARTPROOF_NODE_PEERS',
      'CHARTPROOF_NODE_ADVERTISE',
      'CHARTPROOF_NODE_DISCOVER',
      'METRICS_TOKEN',
      'CHARTPROOF_NODE_TLS_CERT',
    ]);
  });

  it('takes exactly the ports 0..65535 written in digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 7 }), (s) => {
        const ok = /^\d{1,5}$/.test(s) && Number(s) <= 65535;
        const found = issues({ CHARTPROOF_NODE_PORT: s });
        if (ok) expect(found).toEqual([]);
        else
          expect(found).toEqual([
            {
              name: 'CHARTPROOF_NODE_PORT',
              message: `expected an integer in 0..65535, got ${JSON.stringify(s)}`,
            },
          ]);
      }),
    );
  });
});
