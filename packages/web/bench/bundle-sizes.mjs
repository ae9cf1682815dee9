/**
 * Gzipped JS per screen, from Vite's manifest: a screen costs its chunk plus every chunk it
 * imports statically, less what an earlier stage (first load, signed-in shell) already brought.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function bundleSizes(dist) {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
  const gz = new Map();
  const size = (file) => {
    if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).length);
    return gz.get(file);
  };
  const closure = (key, seen = new Set()) => {
    const chunk = manifest[key];
    if (chunk === undefined || seen.has(chunk.file)) return seen;
    seen.add(chunk.file);
    for (const dep of chunk.imports ?? []) closure(dep, seen);
    return seen;
  };
  const kb = (files) => Math.round(([...files].reduce((s, f) => s + size(f), 0) / 1024) * 10) / 10;
  const minus = (a, ...bs) => new Set([...a].filter((f) => !bs.some((b) => b.has(f))));
  const find = (suffix) => {
    const key = Object.keys(manifest).find((k) => k.endsWith(suffix));
    if (key === undefined) throw new Error(`bench: no chunk for ${suffix} in the manifest`);
    return key;
  };

  const first = closure(Object.keys(manifest).find((k) => manifest[k].isEntry));
  const shell = minus(closure(find('src/app/routes/app-shell.tsx')), first);
  const dashboard = minus(closure(find('src/app/routes/dashboard.tsx')), first, shell);
  const screen = (suffix) => kb(minus(closure(find(suffix)), first, shell, dashboard));
  return {
    first_load_js_gzip_kb: kb(first),
    shell_js_gzip_kb: kb(shell),
    role_js_gzip_kb: {
      patients: screen('dashboards/patient-dashboard.tsx'),
      doctors: screen('dashboards/doctor-dashboard.tsx'),
      health_authorities: screen('dashboards/health-authority-dashboard.tsx'),
      central_authority: screen('dashboards/central-authority-dashboard.tsx'),
    },
    explorer_js_gzip_kb: screen('src/app/routes/explorer.tsx'),
    proof_check_js_gzip_kb: screen('features/verify/check-proof.ts'),
    total_js_gzip_kb: kb(
      new Set(
        Object.values(manifest)
          .map((c) => c.file)
          .filter((f) => f.endsWith('.js')),
      ),
    ),
  };
}
