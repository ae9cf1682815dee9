/** Demo users (contract 3.7) and the steps every spec repeats. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

export const USERS = {
  ca: { id: '4c1b2e8f9a3d47e39b25f0c6a7d18b52', password: '12345' },
  saintMary: { id: '6d041a6bf3f741fabb9e0bd7d2518479', password: 'Smh@2025Secure' },
  ana: { id: 'ffbe84df20d043178300a21710312068', password: 'Ana!Health1' },
  milos: { id: '27c5e47361af401987d5a7f0cbba3d99', password: 'Milos@2025' },
  marko: { id: '0271f15a69394cacb71cab62665e0592', password: 'MarkoDoc#2025' },
} as const;

export const MILOS_PID = '1205990710034';
export const ANA_PID = '2308992715066';
export const MILOS_RECORD = 'e2e659351b784cddad9ecfa02b541f36';
export const ANA_RECORD = '8ee9c6326d1d4438a1945af1d3320a98';

export async function login(page: Page, user: { id: string; password: string }, path = '/dashboard') {
  await page.goto(path);
  await page.getByLabel('ID').fill(user.id);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign In' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

export async function logout(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign In' })).toBeVisible();
}

/** Into the run's output, and into packages/web/screenshots/ (the README shows those). */
export async function screenshot(page: Page, info: TestInfo, name: string) {
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../screenshots');

/** No serious or critical axe violation on the page as it stands. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual(
    [],
  );
}

/** Searches a patient as a doctor; the three calls of 7.E2 go out together. */
export async function searchPatient(page: Page, pid: string) {
  await page.getByLabel(/^Personal ID/).fill(pid);
  await page.getByRole('button', { name: 'Search Patients' }).click();
}

export const externalCard = (page: Page, recordId: string) =>
  page.getByRole('article', { name: `External health record ${recordId}` });

export const recordCard = (page: Page, recordId: string) =>
  page.getByRole('article', { name: `Health record ${recordId}` });
