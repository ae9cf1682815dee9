/**
 * Issue #14 point 7 in the browser, on a real system beside the demo one: `chartproof init`
 * makes a central authority (password shown once) in a folder of its own that shares the demo
 * network's genesis and nodes, and `chartproof api --no-demo` serves the app from it. The first
 * sign-in leads to the password change and nowhere else; afterwards the password is changed again
 * from the dashboard, and only the newest one signs in.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, screenshot, USERS } from './support';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '../../../cli/dist/main.js');
const DEMO_DATA = process.env.CHARTPROOF_E2E_DATA;
const NODE_BASE_PORT = Number(process.env.E2E_API_PORT ?? 6200) + 1;
// Only what node needs: no API setting of the shell reaches the real system's API.
const childEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function signIn(page: Page, base: string, id: string, password: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel('ID').fill(id);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign In' }).click();
}

async function changePassword(page: Page, current: string, next: string) {
  await page.getByLabel(/^Current password/).fill(current);
  await page.getByLabel(/^New password/).fill(next);
  await page.getByLabel(/^Repeat the new password/).fill(next);
  await page.getByRole('button', { name: 'Change password' }).click();
}

test.describe
  .serial('a real system made by chartproof init', () => {
    test.skip(DEMO_DATA === undefined || process.env.E2E_BASE_URL !== undefined, 'needs the local system');
    let dir = '';
    let api: ChildProcess | null = null;
    let base = '';
    let ca = { id: '', password: '' };
    const first = 'the ministry passphrase';
    const second = 'a second ministry passphrase';

    test.beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'chartproof-e2e-real-'));
      mkdirSync(join(dir, 'keys'), { mode: 0o700 });
      // The demo network's genesis and central-authority key: this API joins the same nodes.
      copyFileSync(join(DEMO_DATA!, 'genesis.json'), join(dir, 'genesis.json'));
      copyFileSync(
        join(DEMO_DATA!, 'keys', 'central-authority.json'),
        join(dir, 'keys', 'central-authority.json'),
      );
      const init = spawnSync(process.execPath, [CLI, 'init', '--data', dir], {
        encoding: 'utf8',
        env: childEnv,
      });
      expect(init.status, init.stderr).toBe(0);
      const id = /^ {2}ID {8}([0-9a-f]{32})$/m.exec(init.stdout)?.[1];
      const password = /^ {2}password {2}(\S+)$/m.exec(init.stdout)?.[1];
      expect(id && password, init.stdout).toBeTruthy();
      ca = { id: id!, password: password! };

      const port = await freePort();
      const peers = [0, 1, 2].map((i) => `ws://127.0.0.1:${NODE_BASE_PORT + i}`).join(',');
      api = spawn(
        process.execPath,
        [
          CLI,
          'api',
          '--data',
          dir,
          '--port',
          String(port),
          '--peers',
          peers,
          '--no-demo',
          '--log-level',
          'warn',
        ],
        { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      api.stdout?.on('data', (d) => (out += d));
      api.stderr?.on('data', (d) => (out += d));
      const deadline = Date.now() + 60_000;
      while (!out.includes('api listening on') && Date.now() < deadline && api.exitCode === null)
        await new Promise((r) => setTimeout(r, 100));
      expect(out).toContain('api listening on');
      base = `http://127.0.0.1:${port}`;
    });

    test.afterAll(async () => {
      if (api !== null && api.exitCode === null) {
        const exited = new Promise((r) => api!.once('exit', r));
        api.kill('SIGTERM');
        await exited;
      }
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    });

    test('has no demo login, and the generated password leads only to its change, on a phone too', async ({
      page,
    }, info) => {
      await signIn(page, base, USERS.ca.id, USERS.ca.password);
      await expect(page.getByRole('alert')).toHaveText('Invalid credentials!');

      await page.setViewportSize({ width: 390, height: 844 });
      await signIn(page, base, ca.id, ca.password);
      await expect(page).toHaveURL(/\/account\/password$/);
      await expect(page.getByText(/Your password was generated for you/)).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Change password' })).toBeVisible();
      // Elsewhere is out of reach until the password is changed.
      await page.goto(`${base}/dashboard`);
      await expect(page).toHaveURL(/\/account\/password$/);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await expectAccessible(page);
      await screenshot(page, info, 'first-sign-in-password');

      await changePassword(page, ca.password, 'short');
      await expect(page.getByText('At least 12 characters')).toBeVisible();
      await page.getByLabel(/^New password/).fill('');
      await page.getByLabel(/^Repeat the new password/).fill('');
      await changePassword(page, ca.password, first);
      await expect(page).toHaveURL(/\/dashboard$/);
      await expect(page.getByRole('heading', { name: 'Add Patient' })).toBeVisible();
    });

    test('changes the password from the dashboard; only the newest one signs in', async ({ page }) => {
      await signIn(page, base, ca.id, first);
      await expect(page.getByRole('heading', { name: 'Add Patient' })).toBeVisible();
      await page.getByRole('link', { name: 'Change password' }).click();
      await expect(page.getByRole('heading', { name: 'Change password' })).toBeVisible();
      await expect(page.getByText(/Your password was generated/)).toHaveCount(0);

      await changePassword(page, 'not my password', second);
      await expect(page.getByText('Is not your current password')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
      await page.getByLabel(/^Current password/).fill(first);
      await page.getByRole('button', { name: 'Change password' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Password changed' })).toBeVisible();
      await expectAccessible(page);
      // The session continues on the new token.
      await page.getByRole('link', { name: 'Dashboard' }).click();
      await expect(page.getByRole('heading', { name: 'Add Patient' })).toBeVisible();

      await page.getByRole('button', { name: 'Sign out' }).click();
      await signIn(page, base, ca.id, first);
      await expect(page.getByRole('alert')).toHaveText('Invalid credentials!');
      await signIn(page, base, ca.id, second);
      await expect(page.getByRole('heading', { name: 'Add Patient' })).toBeVisible();
    });
  });
