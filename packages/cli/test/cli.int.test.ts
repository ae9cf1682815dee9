import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGenesis, parseKeyFile } from '@chartproof/ledger';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'chartproof-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  return cliWith({}, ...args);
}

function cliWith(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A usage error: exit 1 and exactly one line on stderr, naming the problem, no stack. */
function expectUsageError(r: ReturnType<typeof cli>, pattern: RegExp) {
  expect(r.code).toBe(1);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^chartproof: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+\)?$/m);
}

describe('the chartproof command', () => {
  it('lists its commands, and the options of one', () => {
    const all = cli('help');
    expect(all.code).toBe(0);
    for (const c of ['up', 'node', 'keygen', 'genesis']) expect(all.stdout).toContain(c);
    expect(cli('help', 'node').stdout).toMatch(/--peers/);
  });

  it('api: --help prints its options; bad configuration is one line and exit 1', () => {
    const h = cli('api', '--help');
    expect(h.code).toBe(0);
    for (const v of [
      'DATABASE_URL',
      'PEER_FOR_COMMUNICATION',
      'CHARTPROOF_MASTER_KEY',
      'JWT_SECRET',
      'CORS_ORIGINS',
    ]) {
      expect(h.stdout).toContain(v);
    }
    expectUsageError(
      cli('api', '--port', 'abc', '--peers', 'http://x'),
      /invalid configuration: PORT: .*; PEER_FOR_COMMUNICATION/,
    );
    expectUsageError(cli('api', '--data', join(dir, 'missing')), /genesis file .* does not exist/);
    expectUsageError(cli('api', 'extra'), /unexpected argument "extra"/);
  });

  it('refuses an unknown command or option in one line', () => {
    expectUsageError(cli('frobnicate'), /unknown command "frobnicate"/);
    expectUsageError(cli('node', '--colour'), /node: .*--colour/);
    expectUsageError(cli('node', '--port', 'abc'), /--port: expected an integer in 0\.\.65535, got "abc"/);
    expectUsageError(cli('node', '--port', '5001', '--peers', 'http://x'), /--peers: "http:\/\/x" is not ws/);
  });

  it('node: every bad flag and variable at once, each by its name with the form it expects', () => {
    const r = cliWith(
      { CHARTPROOF_NODE_MINE: 'maybe', CHARTPROOF_NODE_HOST: '' },
      'node',
      '--port',
      '70000',
      '--peers',
      'ws://127.0.0.1:5001,http://x',
      '--log-level',
      'loud',
      '--tls-cert',
      'node.pem',
    );
    expectUsageError(r, /^chartproof: node: invalid configuration: /);
    for (const problem of [
      /--port: expected an integer in 0\.\.65535, got "70000"/,
      /--peers: "http:\/\/x" is not ws:\/\/host:port or wss:\/\/host:port/,
      /--log-level: expected one of fatal, error, warn, info, debug, trace, silent/,
      /--tls-key: the TLS certificate and key go together: give both or neither/,
      /CHARTPROOF_NODE_MINE: expected true or false, got "maybe"/,
      /CHARTPROOF_NODE_HOST: expected a host name or address/,
    ]) {
      expect(r.stderr).toMatch(problem);
    }
    // A flag overrides its variable: the variable's bad value is not reported.
    expectUsageError(
      cliWith({ CHARTPROOF_NODE_PORT: 'abc' }, 'node', '--port', '0', '--genesis', 'missing.json'),
      /cannot read genesis file missing\.json/,
    );
  });

  it('up: --help lists the variables it passes on and those it sets', () => {
    const h = cli('up', '--help');
    expect(h.code).toBe(0);
    const passed = (who: string) =>
      h.stdout.match(new RegExp(`passed on to the ${who}: (.*)`))?.[1]?.split(' ') ?? [];
    expect(passed('API')).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'CHARTPROOF_MASTER_KEY', 'JWT_SECRET']),
    );
    expect(passed('API')).not.toContain('PEER_FOR_COMMUNICATION');
    expect(passed('nodes')).toEqual(
      expect.arrayContaining(['CHARTPROOF_NODE_TLS_CERT', 'CHARTPROOF_NODE_MINE']),
    );
    expect(passed('nodes')).not.toContain('CHARTPROOF_NODE_PORT');
    expect(h.stdout).toMatch(/set by up from its flags: .*PEER_FOR_COMMUNICATION.*CHARTPROOF_NODE_PEERS/);
  });

  it('writes a key file with mode 0600, and never overwrites one', () => {
    const path = join(dir, 'keys', 'a.json');
    const r = cli('keygen', '--out', path);
    expect(r.code).toBe(0);
    const key = parseKeyFile(JSON.parse(readFileSync(path, 'utf8')));
    expect(r.stdout.trim()).toBe(key.publicKey);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expectUsageError(cli('keygen', '--out', path), /exists; refusing to overwrite/);
  });

  it('writes a genesis from key files and public keys that parses, and names a bad key', () => {
    for (const n of ['ca', 'v1', 'v2']) expect(cli('keygen', '--out', join(dir, `${n}.json`)).code).toBe(0);
    const v2 = parseKeyFile(JSON.parse(readFileSync(join(dir, 'v2.json'), 'utf8'))).publicKey;
    const out = join(dir, 'genesis.json');
    const r = cli(
      'genesis',
      '--ca',
      'ca.json',
      '--validator',
      'v1.json',
      '--validator',
      v2,
      '--out',
      out,
      '--network',
      'test-net',
    );
    expect(r.code).toBe(0);
    const g = parseGenesis(JSON.parse(readFileSync(out, 'utf8')));
    expect(g.validators.size).toBe(2);
    expect(g.doc.network).toBe('test-net');
    expectUsageError(
      cli('genesis', '--ca', 'nope.json', '--validator', v2, '--out', join(dir, 'g2.json')),
      /--ca: "nope.json"/,
    );
    expectUsageError(
      cli('genesis', '--ca', 'ca.json', '--out', join(dir, 'g3.json')),
      /at least one --validator/,
    );
  });

  it('refuses to start a node on a missing or invalid genesis, in one line', () => {
    expectUsageError(
      cli('node', '--port', '0', '--genesis', 'missing.json'),
      /cannot read genesis file missing.json: ENOENT/,
    );
    writeFileSync(join(dir, 'bad-genesis.json'), '{"chartproof_genesis": 2}');
    expectUsageError(
      cli('node', '--port', '0', '--genesis', 'bad-genesis.json'),
      /genesis file bad-genesis.json is invalid/,
    );
  });
});
