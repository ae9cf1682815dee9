import { expect, test } from '@playwright/test';
import { ANA_RECORD, expectAccessible, login, screenshot, USERS } from './support';

test('explorer: node names, paging through every block, charts with tooltips', async ({ page }, info) => {
  await login(page, USERS.ana, '/explorer');
  const nodes = page.getByRole('region', { name: 'Chain nodes', exact: true });
  await expect(nodes.getByText('3 nodes')).toBeVisible();
  await expect(nodes.getByText('In sync')).toHaveCount(3);
  await expect(nodes.getByText(/^Node 1 \(127\.0\.0\.1:\d+\)$/)).toBeVisible();

  const blocks = page.getByRole('region', { name: 'Blocks', exact: true });
  const pages = blocks.getByRole('navigation', { name: 'Block pages' });
  await expect(pages.getByText(/^Blocks \d+ to \d+ of \d+$/)).toBeVisible();
  // Every block is mined by a validator the explorer names after its node.
  await expect(blocks.getByRole('cell', { name: /^Node [123] \(/ }).first()).toBeVisible();

  await screenshot(page, info, 'explorer');
  const charts = page.getByRole('region', { name: 'Recent blocks', exact: true });
  await expect(charts.getByText('Time between blocks')).toBeVisible();
  await expect(charts.getByText('Transactions per block')).toBeVisible();
  await charts.getByRole('img', { name: /^Transactions per block/ }).hover();
  await expect(charts.getByRole('tooltip')).toHaveText(/^Block \d+: \d+ transactions?$/);
  await screenshot(page, info, 'explorer-charts');
  await expectAccessible(page);

  // Any page of history has its own URL, down to the genesis: not only the latest 100 blocks.
  await page.goto('/explorer?before=2');
  await expect(pages.getByText(/^Blocks 1 to 0 of \d+$/)).toBeVisible();
  await expect(blocks.getByRole('link', { name: 'Block 0', exact: true })).toBeVisible();
  await expect(blocks.getByRole('link', { name: 'Block 1', exact: true })).toBeVisible();
  await pages.getByRole('link', { name: 'Newest' }).click();
  await expect(page).not.toHaveURL(/before=/);
});

test('explorer: search finds a record, its transaction in words, its block, and a height', async ({
  page,
  context,
}, info) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await login(page, USERS.ana, '/explorer');
  const search = page.getByRole('search', { name: 'Search the chain' });
  await search.getByLabel('Block, transaction or record').fill('not a hash');
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(search.getByText(/^Not a height, hash or id\./)).toBeVisible();

  await search.getByLabel('Block, transaction or record').fill(ANA_RECORD);
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/explorer\/tx\/[0-9a-f]{64}/);
  const tx = page.getByRole('region', { name: 'Transaction', exact: true });
  await expect(tx.getByText('Record anchored by Saint Mary General Hospital', { exact: true })).toBeVisible();
  await expect(tx.getByText('Confirmed by the quorum of nodes')).toBeVisible();
  await expect(tx.getByText('a patient', { exact: true })).toBeVisible();
  const txId = page.url().match(/tx\/([0-9a-f]{64})/)![1]!;
  await tx.getByRole('button', { name: `Copy transaction id ${txId}` }).click();
  await expect(tx.getByText('Copied')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(txId);
  await screenshot(page, info, 'explorer-transaction');
  await expectAccessible(page);

  await tx.getByRole('link', { name: /^\d+$/ }).click();
  const block = page.getByRole('region', { name: 'Block', exact: true });
  await expect(block.getByText('Merkle root')).toBeVisible();
  await expect(block.getByText(/, mined by Node [123] \(/)).toBeVisible();
  await expect(block.getByText('Record anchored by Saint Mary General Hospital').first()).toBeVisible();
  await screenshot(page, info, 'explorer-block');
  await expectAccessible(page);

  await page.goto('/explorer');
  await search.getByLabel('Block, transaction or record').fill('0');
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(block.getByText('Block 0 (genesis), 0 transactions', { exact: false })).toBeVisible();
});

test('a deep link to the explorer survives the login', async ({ page }) => {
  await page.goto('/explorer');
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fexplorer/);
  await page.getByLabel('ID').fill(USERS.marko.id);
  await page.getByLabel('Password', { exact: true }).fill(USERS.marko.password);
  await page.getByRole('button', { name: 'Sign In' }).click();
  await expect(page).toHaveURL(/\/explorer$/);
  await expect(page.getByRole('region', { name: 'Chain nodes', exact: true })).toBeVisible();
});
