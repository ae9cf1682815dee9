import { expect, test } from '@playwright/test';
import {
  ANA_PID,
  expectAccessible,
  externalCard,
  login,
  logout,
  MILOS_PID,
  MILOS_RECORD,
  recordCard,
  screenshot,
  searchPatient,
  USERS,
} from './support';

test.describe
  .serial('access requests: request, approve, read once, revoke', () => {
    test('doctor Marko finds Miloš and requests his record', async ({ page }, info) => {
      await login(page, USERS.marko);
      await searchPatient(page, MILOS_PID);
      const patient = page.getByRole('region', { name: 'Patient', exact: true });
      await expect(patient.getByText('Miloš')).toBeVisible();
      await expect(
        page
          .getByRole('region', { name: 'Owned Health Records', exact: true })
          .getByText('No Health Records'),
      ).toBeVisible();
      const card = externalCard(page, MILOS_RECORD);
      await expect(card.getByText('Central Health Institute')).toBeVisible();
      await card.getByRole('button', { name: 'Send Request' }).click();
      await expect(card.getByRole('button', { name: 'Request Sent' })).toBeDisabled();
      await expect(card.getByText('Pending', { exact: true })).toBeVisible();
      await screenshot(page, info, 'doctor');
      await expectAccessible(page);
    });

    test('Miloš approves; his record verifies', async ({ page }) => {
      await login(page, USERS.milos);
      const inbox = page.getByRole('region', { name: 'Requests', exact: true });
      await expect(page.getByRole('tab', { name: 'Health Records · 1 request' })).toBeVisible();
      const request = inbox.getByRole('article');
      await expect(request).toContainText(
        'Dr. Marko Popović of Saint Mary General Hospital asks to read your record “Hypertension”',
      );
      await expect(request).toContainText(MILOS_RECORD);
      await inbox.getByRole('button', { name: 'Accept' }).click();
      await expect(inbox.getByText('No Requests')).toBeVisible();
      const own = recordCard(page, MILOS_RECORD);
      await expect(own.getByText(/Hypertension/)).toBeVisible();
      await own.getByRole('button', { name: 'Verify' }).click();
      await expect(own.getByText('Server: Health record is valid!')).toBeVisible();
    });

    test('Marko loads the record once, verifies it; the next search is back to Send Request', async ({
      page,
    }) => {
      await login(page, USERS.marko);
      await searchPatient(page, MILOS_PID);
      const card = externalCard(page, MILOS_RECORD);
      await card.getByRole('button', { name: 'Load Health Record' }).click();
      const record = recordCard(page, MILOS_RECORD);
      await expect(record.getByText(/Hypertension/)).toBeVisible();
      await record.getByRole('button', { name: 'Verify' }).click();
      await expect(record.getByText('Server: Health record is valid!')).toBeVisible();
      await record.getByRole('button', { name: 'Check proof in my browser' }).click();
      await expect(record.getByText(/^Proof verified in your browser against node /)).toBeVisible();
      await page.reload();
      await expect(
        externalCard(page, MILOS_RECORD).getByRole('button', { name: 'Send Request' }),
      ).toBeVisible();
    });

    test('Marko asks again, Miloš approves and then revokes; Marko sees it revoked', async ({ browser }) => {
      const doctor = await browser.newPage();
      await login(doctor, USERS.marko);
      await searchPatient(doctor, MILOS_PID);
      await externalCard(doctor, MILOS_RECORD).getByRole('button', { name: 'Send Request' }).click();
      await expect(
        externalCard(doctor, MILOS_RECORD).getByRole('button', { name: 'Request Sent' }),
      ).toBeVisible();

      const patient = await browser.newPage();
      await login(patient, USERS.milos);
      await patient
        .getByRole('region', { name: 'Requests', exact: true })
        .getByRole('button', { name: 'Accept' })
        .click();
      await patient.getByRole('tab', { name: 'Who has access' }).click();
      // The grant Marko used up is listed too ("Used"); revoke the live one, after confirming.
      const live = patient.getByRole('row').filter({ hasText: 'Active' }).filter({ hasText: MILOS_RECORD });
      await live.getByRole('button', { name: /^Revoke access of Saint Mary General Hospital/ }).click();
      await patient
        .getByRole('dialog', { name: 'Revoke access?' })
        .getByRole('button', { name: 'Revoke access' })
        .click();
      await expect(
        patient.getByRole('status').filter({ hasText: /^Access revoked: Dr\. Marko Popović/ }),
      ).toBeVisible();
      await expect(live).toHaveCount(0);
      await expect(
        patient.getByRole('row').filter({ hasText: 'Revoked' }).filter({ hasText: MILOS_RECORD }),
      ).toHaveCount(1);

      await patient.getByRole('tab', { name: 'Who accessed my records' }).click();
      await expect(patient.getByRole('cell', { name: /Marko Popović \(doctor\)/ }).first()).toBeVisible();

      await doctor.reload();
      const card = externalCard(doctor, MILOS_RECORD);
      await expect(card.getByText('Revoked', { exact: true })).toBeVisible();
      await expect(card.getByRole('button', { name: 'Send Request' })).toBeVisible();
      await doctor.close();
      await patient.close();
    });

    test("an unknown personal ID shows the app's spelling of the server message", async ({ page }) => {
      await login(page, USERS.marko);
      await searchPatient(page, '0000000000000');
      await expect(page.getByText('Patient not found!').first()).toBeVisible();
      await expect(page.getByText('Patinet not found!')).toHaveCount(0);
    });

    test('Marko adds a record for Ana with an extra field; it is anchored and Ana sees it', async ({
      page,
    }) => {
      await login(page, USERS.marko);
      await searchPatient(page, ANA_PID);
      const form = page.getByRole('form', { name: /New health record for Ana Petrović/ });
      await form.getByLabel(/^Diagnosis/).fill('Mild hypertension');
      await form.getByLabel('New Field').fill('Blood Pressure');
      await form.getByRole('button', { name: 'Add Field' }).click();
      await expect(form.getByText('Stored as blood_pressure')).toBeVisible();
      await form.getByLabel(/^Blood Pressure/).fill('140/90');
      const created = page.waitForResponse(
        (r) => r.url().endsWith('/api/health-records') && r.request().method() === 'POST',
      );
      await form.getByRole('button', { name: 'Add Health Record' }).click();
      await expect(form.getByText(/waiting for the validators to acknowledge/)).toBeVisible();
      const res = await created;
      expect(res.status()).toBe(201);
      const body = (await res.json()) as { id: string; height: number };
      expect(JSON.parse(res.request().postData() ?? '{}')).toMatchObject({
        patient_id: USERS.ana.id,
        diagnosis: 'Mild hypertension',
        blood_pressure: '140/90',
      });
      await expect(
        form.getByText('Health record successfully added and confirmed on blockchain'),
      ).toBeVisible();
      await expect(form.getByText(String(body.height), { exact: true })).toBeVisible();
      await logout(page);

      await login(page, USERS.ana);
      const card = recordCard(page, body.id);
      await expect(card.getByText('Blood Pressure')).toBeVisible();
      await expect(card.getByText('140/90')).toBeVisible();
    });
  });
