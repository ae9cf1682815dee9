/**
 * `npm run bench -w packages/web [-- --json] [--runs N] [--nodes URL,URL]`: builds the app and
 * reports gzipped JS of the first load and of each screen, and time to first render of the
 * login page and the explorer in headless Chromium. The API is not started: the explorer's few
 * API calls (session check, header, network) are answered by this script's stand-in, so its
 * figure measures the app and the JS it loads, not the server; node status comes from --nodes if
 * given, otherwise the explorer renders with no node. Also counts the screens (login, central
 * authority dashboard, explorer) that scroll sideways at 390 px. Prints figures only; never fails on timing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSizes } from './bundle-sizes.mjs';
import { phoneOverflow } from './phone-overflow.mjs';
import { CHROMIUM, renderTimes } from './render-times.mjs';
import { serveDist } from './static-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const web = join(here, '..');
const dist = join(web, 'dist');
const argv = process.argv.slice(2);
const json = argv.includes('--json');
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const runs = Number(opt('--runs') ?? 5);
const nodes = (opt('--nodes') ?? '').split(',').filter(Boolean);
const say = (line) => (json ? process.stderr : process.stdout).write(`${line}\n`);

execFileSync(
  process.execPath,
  [join(web, '../../node_modules/vite/bin/vite.js'), 'build', '--manifest', '--logLevel', 'warn'],
  {
    cwd: web,
    stdio: ['ignore', json ? 'ignore' : 'inherit', 'inherit'],
  },
);
const sizes = bundleSizes(dist);
say(`first load JS (gzip): ${sizes.first_load_js_gzip_kb} KB`);
say(`signed-in shell: +${sizes.shell_js_gzip_kb} KB; roles: ${JSON.stringify(sizes.role_js_gzip_kb)} KB`);
say(
  `explorer: +${sizes.explorer_js_gzip_kb} KB; in-browser proof check: +${sizes.proof_check_js_gzip_kb} KB; all JS: ${sizes.total_js_gzip_kb} KB`,
);

const CA = '4c1b2e8f9a3d47e39b25f0c6a7d18b52';
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const token = `${b64({ alg: 'HS256' })}.${b64({ sub: CA, user_type: 'central_authority', exp: 4102444800 })}.c2ln`;
const api = (method, path) => {
  if (method === 'POST' && path === '/api/auth/verify')
    return { body: { valid: true, message: 'Token is valid' } };
  if (path === `/api/central-authority/${CA}`) return { body: { _id: CA, name: 'Serbian Government' } };
  if (path === '/api/patients') return { body: { patients: [] } };
  if (path === '/api/health-authorities') return { body: { health_authorities: [] } };
  if (path === '/api/network')
    return { body: { network: 'bench', genesis_hash: '0'.repeat(64), genesis: {}, nodes } };
  return null;
};

let times = null;
let overflowing = null;
let note = 'api stubbed by the bench (session check, header, network)';
if (existsSync(CHROMIUM)) {
  const server = await serveDist(dist, api);
  try {
    times = await renderTimes(
      server.url,
      [
        { name: 'login', path: '/login', selector: 'button[type=submit]' },
        { name: 'explorer', path: '/explorer', selector: 'main h2', token },
      ],
      runs,
    );
    say(`login: first render ${times.login.render_ms} ms (FCP ${times.login.fcp_ms} ms), median of ${runs}`);
    say(`explorer: first render ${times.explorer.render_ms} ms (FCP ${times.explorer.fcp_ms} ms), ${note}`);
    overflowing = await phoneOverflow(server.url, [
      { name: 'login', path: '/login', selector: 'button[type=submit]' },
      { name: 'central authority dashboard', path: '/dashboard', selector: 'main h2', token },
      { name: 'explorer', path: '/explorer', selector: 'main h2', token },
    ]);
    say(
      `screens scrolling sideways at 390 px: ${overflowing.length === 0 ? 'none' : overflowing.join(', ')}`,
    );
  } finally {
    await server.close();
  }
} else {
  note = `${CHROMIUM} not found: render times not measured (apt-get install -y chromium)`;
  say(note);
}

process.stdout.write(
  `${JSON.stringify({
    ...sizes,
    login_render_ms: times?.login.render_ms ?? null,
    login_fcp_ms: times?.login.fcp_ms ?? null,
    explorer_render_ms: times?.explorer.render_ms ?? null,
    explorer_fcp_ms: times?.explorer.fcp_ms ?? null,
    phone_overflow_screens: overflowing?.length ?? null,
    runs,
    nodes: nodes.length,
    note,
  })}\n`,
);
