import { expect, test } from '@playwright/test';
import { expectAccessible, login, logout, screenshot, USERS } from './support';

test('health authority sees its details, adds a doctor and lists its doctors and records', async ({
  page,
}, info) => {
  await login(page, USERS.saintMary);
  const details = page.getByRole('complementary', { name: 'Signed in as' });
  await expect(details.getByText('Saint Mary General Hospital')).toBeVisible();
  await expect(details.getByText('Hospital', { exact: true })).toBeVisible();
  await expect(details.getByText('45 Greenfield Avenue, Belgrade, Serbia')).toBeVisible();
  await expect(details.getByText('+381 11 234 5678')).toBeVisible();

  const form = page.getByRole('region', { name: 'Add Doctor', exact: true });
  await form.getByLabel(/^First Name/).fill('Dana');
  await form.getByLabel(/^Last Name/).fill('Doktorović');
  await form.getByLabel(/^Password/).fill('DanaDoc#2026');
  const created = page.waitForResponse(
    (r) => r.url().endsWith('/api/doctors') && r.request().method() === 'POST',
  );
  await form.getByRole('button', { name: 'Add Doctor' }).click();
  const id = ((await (await created).json()) as { id: string }).id;
  await expect(form.getByText('Doctor successfully added')).toBeVisible();
  await expect(form.getByTestId('copyable-id')).toHaveText(id);
  await expect(page.getByRole('region', { name: 'Doctors', exact: true }).getByText(id)).toBeVisible();
  await expect(
    page
      .getByRole('region', { name: 'Health Records', exact: true })
      .getByText('8ee9c6326d1d4438a1945af1d3320a98'),
  ).toBeVisible();
  await screenshot(page, info, 'health-authority');
  await expectAccessible(page);
  await logout(page);
});
