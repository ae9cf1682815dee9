/**
 * The receipt verifier runs in the browser, so its static import graph must reach no Node
 * built-in. Walks relative imports from verify.ts (or, until it exists, from the verification
 * modules), resolving `#crypto` to src/crypto/web.ts as the `browser` condition does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Static `import ... from 'x'`, `export ... from 'x'` and side-effect `import 'x'` (not type-only). */
function staticImports(source: string): string[] {
  const out: string[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (const m of source.matchAll(re)) if (!m[2]) out.push(m[3]!);
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

function resolveLocal(from: string, spec: string): string {
  if (spec === '#crypto') return join(SRC, 'crypto/web.ts');
  return resolve(dirname(from), spec.replace(/\.js$/, '.ts'));
}

function walk(entries: string[]): { files: string[]; external: Map<string, string> } {
  const seen = new Set<string>();
  const external = new Map<string, string>();
  const stack = [...entries];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.') || spec.startsWith('#')) stack.push(resolveLocal(file, spec));
      else external.set(spec, relative(SRC, file));
    }
  }
  return { files: [...seen].map((f) => relative(SRC, f)).sort(), external };
}

describe('browser safety', () => {
  const verify = join(SRC, 'verify.ts');
  // record-fields.ts is the web's other ledger import (the record form's rules).
  const entries = existsSync(verify)
    ? [verify, join(SRC, 'record-fields.ts')]
    : ['merkle.ts', 'header.ts', 'jcs.ts', 'keys.ts', 'hash.ts', 'commitment.ts'].map((f) => join(SRC, f));
  const graph = walk(entries);

  it('the verification modules import no node: module or Node built-in', () => {
    expect(graph.files).toContain('crypto/web.ts');
    expect(graph.files).not.toContain('crypto/node.ts');
    const offenders = [...graph.external].filter(
      ([spec]) => NODE_BUILTINS.has(spec) || spec.startsWith('node:'),
    );
    expect(offenders).toEqual([]);
  });

  it('the walker does catch Node imports', () => {
    // crypto/node.ts is the one module that must be reported.
    const nodeGraph = walk([join(SRC, 'crypto/node.ts')]);
    expect([...nodeGraph.external.keys()]).toContain('node:crypto');
    expect(
      staticImports("import type { X } from 'node:fs';\nimport 'node:os';\nexport * from './a.js';"),
    ).toEqual(['node:os', './a.js']);
  });
});
