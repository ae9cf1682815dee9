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

test('an ended session goes back to login with a message', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await login(page, USERS.ana);
  await page.evaluate(() =>
    localStorage.setItem('authToken', 'x.eyJzdWIiOiJ4IiwidXNlcl90eXBlIjoicGF0aWVudHMifQ.y'),
  );
  await page.getByRole('tab', { name: 'Who has access' }).click();
  await expect(page.getByRole('button', { name: 'Sign In' })).toBeVisible();
  await expect(page.getByText(/Your session has ended/)).toBeVisible();
});
