import { expect, test } from '@playwright/test';
import { expectAccessible, login, screenshot, USERS } from './support';

test('explorer: node status, latest blocks, charts, a block and its transactions', async ({ page }, info) => {
  await login(page, USERS.ana, '/explorer');
  const nodes = page.getByRole('region', { name: 'Chain nodes', exact: true });
  await expect(nodes.getByText('3 nodes')).toBeVisible();
  await expect(nodes.getByText('In sync')).toHaveCount(3);
  const blocks = page.getByRole('region', { name: 'Blocks', exact: true });
  await expect(blocks.getByText('Block interval')).toBeVisible();
  await expect(blocks.getByText('Transactions per block')).toBeVisible();
  await screenshot(page, info, 'explorer');
  await expectAccessible(page);

  // The newest block that carries transactions.
  const row = blocks
    .getByRole('row')
    .filter({ has: page.getByRole('link') })
    .filter({ hasNot: page.getByRole('cell', { name: '0', exact: true }) });
  await row.first().getByRole('link').click();
  const block = page.getByRole('region', { name: 'Block', exact: true });
  await expect(block.getByText('Merkle root')).toBeVisible();
  await block.getByRole('listitem').first().getByRole('button').click();
  await expect(
    block.getByText(
      /"type": "(account\.register|record\.anchor|access\.grant|access\.revoke|audit\.checkpoint)"/,
    ),
  ).toBeVisible();
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
