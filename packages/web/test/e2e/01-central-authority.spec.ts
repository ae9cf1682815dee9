import { expect, test } from '@playwright/test';
import { expectAccessible, login, logout, screenshot, USERS } from './support';

test('central authority creates a health authority and a patient, and sees the new ids', async ({
  page,
  context,
}, info) => {
  // A common laptop width: the lists must show every column and the login id without scrolling.
  await page.setViewportSize({ width: 1366, height: 768 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await login(page, USERS.ca);
  await expect(page.getByText('Serbian Government')).toBeVisible();

  const ha = page.getByRole('region', { name: 'Add Health Authority', exact: true });
  await ha.getByLabel(/^Name/).fill('E2E Clinic');
  await ha.getByLabel(/^Type/).fill('Clinic');
  await ha.getByLabel(/^Address/).fill('1 Test Street, Belgrade');
  await ha.getByLabel(/^Phone/).fill('+381 11 000 0000');
  await ha.getByLabel(/^Password/).fill('E2eClinic#2026');
  const haCreated = page.waitForResponse(
    (r) => r.url().endsWith('/api/health-authority') && r.status() === 201,
  );
  await ha.getByRole('button', { name: 'Add Health Authority' }).click();
  const haId = ((await (await haCreated).json()) as { id: string }).id;
  await expect(ha.getByText('Health Authority successfully added')).toBeVisible();
  await expect(ha.getByTestId('copyable-id')).toHaveText(haId);

  const patient = page.getByRole('region', { name: 'Add Patient', exact: true });
  // Validation runs before anything is sent.
  await patient.getByRole('button', { name: 'Add Patient' }).click();
  await expect(patient.getByText('First Name is required')).toBeVisible();
  const values: Record<string, string> = {
    'First Name': 'Eva',
    'Last Name': 'Testić',
    'Personal ID': `9${Date.now()}`.slice(0, 13),
    'Date of Birth': '1990-01-31',
    Gender: 'Female',
    Address: '2 Test Street, Novi Sad',
    Phone: '+381 60 000 0000',
    Citizenship: 'Serbian',
    Password: 'EvaTest#2026',
  };
  for (const [label, value] of Object.entries(values)) {
    await patient.getByLabel(new RegExp(`^${label}`)).fill(value);
  }
  const created = page.waitForResponse(
    (r) => r.url().endsWith('/api/patients') && r.request().method() === 'POST',
  );
  await patient.getByRole('button', { name: 'Add Patient' }).click();
  const res = await created;
  expect(res.status()).toBe(201);
  const patientId = ((await res.json()) as { id: string }).id;
  await expect(patient.getByTestId('copyable-id')).toHaveText(patientId);

  const patients = page.getByRole('region', { name: 'Patients', exact: true });
  await expect(patients.getByText(patientId)).toBeVisible();
  const has = page.getByRole('region', { name: 'Health Authorities', exact: true });
  await expect(has.getByText(haId)).toBeVisible();
  await has.getByRole('searchbox', { name: 'Search health authorities' }).fill('e2e clinic');
  await expect(has.getByRole('row')).toHaveCount(2);
  const idBox = (await has.getByText(haId).boundingBox())!;
  expect(idBox.x + idBox.width).toBeLessThanOrEqual(1366);
  const table = has.getByRole('region', { name: /health authorit/ });
  expect(await table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await has.getByRole('button', { name: `Copy login ID ${haId}` }).click();
  await expect(has.getByText('Copied')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(haId);
  await has.getByRole('searchbox', { name: 'Search health authorities' }).fill('');
  const patientsTable = patients.getByRole('region', { name: /patients?$/ });
  expect(await patientsTable.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await screenshot(page, info, 'central-authority');
  await expectAccessible(page);
  await logout(page);
});
