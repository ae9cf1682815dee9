import { expect, test } from '@playwright/test';
import { expectAccessible, login, screenshot, USERS } from './support';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const noSideways = async (page: import('@playwright/test').Page) =>
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);

test('login works and is accessible at phone width', async ({ page }, info) => {
  await page.goto('/login');
  await noSideways(page);
  await expectAccessible(page);
  await screenshot(page, info, 'phone-login');
});

for (const [role, user] of [
  ['patient', USERS.ana],
  ['doctor', USERS.marko],
  ['health-authority', USERS.saintMary],
  ['central-authority', USERS.ca],
] as const) {
  test(`${role} dashboard fits a phone and has no serious accessibility violation`, async ({
    page,
  }, info) => {
    await login(page, user);
    await page.waitForLoadState('networkidle');
    await noSideways(page);
    await expectAccessible(page);
    await screenshot(page, info, `phone-${role}`);
  });
}

test('the patient dashboard tabs work by touch at phone width', async ({ page }) => {
  await login(page, USERS.ana);
  await page.getByRole('tab', { name: 'Who has access' }).tap();
  await expect(page.getByRole('region', { name: 'Access you granted', exact: true })).toBeVisible();
});
