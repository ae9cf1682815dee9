import { expect, type Page, test } from '@playwright/test';
import { ANA_RECORD, expectAccessible, login, recordCard, screenshot, USERS } from './support';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/** No sideways scrolling: the page is no wider than the phone. */
const noSideways = async (page: Page, screen: string) =>
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    `${screen} scrolls sideways`,
  ).toBeLessThanOrEqual(0);

/** The header is one row: everything in it sits on the same line, inside the screen. */
async function headerFitsOneRow(page: Page) {
  const header = page.locator('header');
  const box = (await header.boundingBox())!;
  expect(box.height).toBeLessThanOrEqual(64);
  for (const name of ['Dashboard', 'Explorer', 'Sign out']) {
    const b = (await header.getByRole(name === 'Sign out' ? 'button' : 'link', { name }).boundingBox())!;
    expect(b.y).toBeGreaterThanOrEqual(box.y);
    expect(b.y + b.height).toBeLessThanOrEqual(box.y + box.height);
    expect(b.x + b.width).toBeLessThanOrEqual(390);
  }
}

/** Each tab can be reached by touch, opens its panel, and no panel scrolls sideways. */
async function everyTabReachable(page: Page, screen: string) {
  const tabs = page.getByRole('tab');
  const count = await tabs.count();
  for (let i = 0; i < count; i++) {
    const tab = tabs.nth(i);
    await tab.tap();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel')).toBeVisible();
    await page.waitForLoadState('networkidle');
    await noSideways(page, `${screen}, tab ${await tab.textContent()}`);
  }
}

test('login works and is accessible at phone width', async ({ page }, info) => {
  await page.goto('/login');
  await noSideways(page, 'login');
  await expectAccessible(page);
  await screenshot(page, info, 'phone-login');
});

for (const [role, user] of [
  ['patient', USERS.ana],
  ['doctor', USERS.marko],
  ['health-authority', USERS.saintMary],
  ['central-authority', USERS.ca],
] as const) {
  test(`${role} dashboard fits a phone, header in one row, every tab reachable, no serious accessibility violation`, async ({
    page,
  }, info) => {
    await login(page, user);
    await page.waitForLoadState('networkidle');
    await headerFitsOneRow(page);
    await noSideways(page, `${role} dashboard`);
    await expectAccessible(page);
    await screenshot(page, info, `phone-${role}`);
    await everyTabReachable(page, `${role} dashboard`);
  });
}

test('a record and its proofs fit a phone: the server verdict, the browser check, its evidence', async ({
  page,
}) => {
  await login(page, USERS.ana);
  const card = recordCard(page, ANA_RECORD);
  await card.getByRole('button', { name: 'Verify' }).click();
  await card.getByRole('button', { name: 'Check proof in my browser' }).click();
  await expect(card.getByText(/^Proof verified in your browser against node /)).toBeVisible();
  await card.getByText('Evidence').click();
  await expect(card.getByText('Merkle path', { exact: true })).toBeVisible();
  await noSideways(page, 'record with proofs');
  await page.getByRole('tab', { name: 'Check a saved proof' }).tap();
  await noSideways(page, 'saved proof check');
});

test('the explorer, a block and a transaction fit a phone', async ({ page }, info) => {
  await login(page, USERS.ana, '/explorer');
  await expect(page.getByRole('navigation', { name: 'Block pages' })).toBeVisible();
  await expect(page.getByText('Transactions per block')).toBeVisible();
  await headerFitsOneRow(page);
  await noSideways(page, 'explorer');
  await screenshot(page, info, 'phone-explorer');

  const search = page.getByRole('search', { name: 'Search the chain' });
  await search.getByLabel('Block, transaction or record').fill(ANA_RECORD);
  await search.getByRole('button', { name: 'Search' }).tap();
  await expect(
    page.getByText('Record anchored by Saint Mary General Hospital', { exact: true }),
  ).toBeVisible();
  await noSideways(page, 'transaction');
  await expectAccessible(page);

  await page
    .getByRole('region', { name: 'Transaction', exact: true })
    .getByRole('link', { name: /^\d+$/ })
    .tap();
  await expect(page.getByText('Merkle root')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await noSideways(page, 'block');
  await expectAccessible(page);
});

test('the patient dashboard tabs work by touch at phone width', async ({ page }) => {
  await login(page, USERS.ana);
  await page.getByRole('tab', { name: 'Who has access' }).tap();
  await expect(page.getByRole('region', { name: 'Access you granted', exact: true })).toBeVisible();
});
