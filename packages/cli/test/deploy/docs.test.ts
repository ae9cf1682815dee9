/**
 * The operator documents stay true of the code: every `chartproof` command line in docs/ names a
 * real command and only its flags, every variable of the API's environment file is one the API
 * reads (and every variable named in prose one the API or a node reads), every metric named exists, and the HAProxy configuration shown is the one the
 * deployment test runs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../../../api/src/config.js';
import { createMetrics as apiMetrics } from '../../../api/src/plugins/metrics.js';
import { NodeEnvSchema } from '../../../node/src/config.js';
import { createMetrics as nodeMetrics } from '../../../node/src/metrics.js';
import { apiCommand } from '../../src/commands/api.js';
import { genesisCommand } from '../../src/commands/genesis.js';
import { keygenCommand } from '../../src/commands/keygen.js';
import { nodeCommand } from '../../src/commands/node.js';
import { upCommand } from '../../src/commands/up.js';
import { CA_PASSWORD_VARIABLE } from '../../src/real-system.js';
import { renderHaproxyConfig } from './haproxy.js';

const doc = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../docs/${name}`, import.meta.url)), 'utf8');
const DOCS = ['architecture.md', 'operations.md', 'security.md'].map((n) => ({ name: n, text: doc(n) }));
const commands = [apiCommand, genesisCommand, keygenCommand, nodeCommand, upCommand];

/** Fenced code blocks, with shell line continuations joined. */
function codeBlocks(text: string): string[] {
  return [...text.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/\\\n\s*/g, ' '));
}

describe('docs/', () => {
  it('use only real chartproof commands and their flags', () => {
    let lines = 0;
    for (const { name, text } of DOCS) {
      for (const block of codeBlocks(text)) {
        for (const line of block.split('\n')) {
          const m = /^\s*chartproof (\w+)(.*)$/.exec(line.replace(/#.*$/, ''));
          if (m === null) continue;
          lines++;
          const command = commands.find((c) => c.name === m[1]);
          if (m[1] === 'help') continue;
          expect(command, `${name}: chartproof ${m[1]}`).toBeDefined();
          for (const flag of m[2]!.match(/--[a-z-]+/g) ?? [])
            expect(command!.usage, `${name}: chartproof ${m[1]} ${flag}`).toContain(flag);
        }
      }
    }
    expect(lines).toBeGreaterThanOrEqual(6);
  });

  it('set only variables the API reads (and Node.js’s own CA variable)', () => {
    const known = new Set([...Object.keys(EnvSchema.shape), 'NODE_EXTRA_CA_CERTS']);
    const envFile = codeBlocks(doc('operations.md')).find((b) => b.includes('DATABASE_URL='));
    expect(envFile).toBeDefined();
    const names = envFile!
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => l.split('=')[0]!);
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const n of names) expect(known, n).toContain(n);
    // Backticked variable names in prose too: the API's, a node's (CHARTPROOF_NODE_RPC_*, say), or
    // the one `chartproof init` reads.
    const anywhere = new Set([...known, ...Object.keys(NodeEnvSchema.shape), CA_PASSWORD_VARIABLE]);
    for (const { text } of DOCS)
      for (const m of text.matchAll(/`((?:CHARTPROOF|JWT|DATABASE|PEER|CORS|RATE|LOGIN|LOG)_[A-Z_]*)/g))
        expect(anywhere, m[1]).toContain(m[1]);
  });

  it('name only metrics that exist', async () => {
    const names = new Set<string>();
    for (const registry of [nodeMetrics().registry, apiMetrics().registry])
      for (const m of await registry.getMetricsAsJSON()) names.add(m.name);
    let seen = 0;
    for (const { name, text } of DOCS) {
      for (const m of text.matchAll(/\bchartproof_[a-z_]+[a-z]/g)) {
        const metric = m[0].replace(/_(bucket|count|sum)$/, '');
        if (metric === 'chartproof_api') continue; // the prefix itself
        seen++;
        expect(names, `${name}: ${m[0]}`).toContain(metric);
      }
    }
    expect(seen).toBeGreaterThanOrEqual(15);
  });

  it('show the HAProxy configuration the deployment test runs', () => {
    const shown = codeBlocks(doc('operations.md')).find((b) => b.startsWith('global'));
    expect(shown).toBe(
      renderHaproxyConfig({
        bind: ':443',
        certificate: '/etc/haproxy/chartproof.pem',
        servers: [
          { name: 'api-1', address: 'api-1.example:5000' },
          { name: 'api-2', address: 'api-2.example:5000' },
        ],
      }),
    );
  });
});
