import { expect, test } from '@playwright/test';
import { login, USERS } from './support';

test('a session the server no longer accepts goes back to login with its message', async ({ page }) => {
  await login(page, USERS.ana);
  await page.evaluate(() =>
    localStorage.setItem('authToken', 'x.eyJzdWIiOiJ4IiwidXNlcl90eXBlIjoicGF0aWVudHMifQ.y'),
  );
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign In' })).toBeVisible();
  await expect(page.getByText(/Your session has ended\. Please sign in again\. \(.+\)/)).toBeVisible();
});

test('a 401 in the middle of a session signs out with the server message and keeps the deep link', async ({
  page,
}) => {
  await login(page, USERS.ana);
  await page.route('**/api/grants', (route) =>
    route.fulfill({ status: 401, json: { error: 'Token expired', message: 'Token expired' } }),
  );
  await page.getByRole('tab', { name: 'Who has access' }).click();
  await expect(page.getByText('Your session has ended. Please sign in again. (Token expired)')).toBeVisible();
  await page.unroute('**/api/grants');
  await page.getByLabel('ID').fill(USERS.ana.id);
  await page.getByLabel('Password', { exact: true }).fill(USERS.ana.password);
  await page.getByRole('button', { name: 'Sign In' }).click();
  await expect(page).toHaveURL(/\/dashboard\?tab=access$/);
});
