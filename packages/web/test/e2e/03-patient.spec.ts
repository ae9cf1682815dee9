import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ANA_RECORD, expectAccessible, login, recordCard, screenshot, USERS } from './support';

test.describe
  .serial('patient Ana', () => {
    test('sees her details, her record and an empty inbox; the server says valid', async ({ page }, info) => {
      await login(page, USERS.ana);
      const details = page.getByRole('complementary', { name: 'Signed in as' });
      await expect(details.getByText('25 Apr 1978')).toBeVisible();
      await expect(details.getByText('Petrović')).toBeVisible();

      const card = recordCard(page, ANA_RECORD);
      await expect(card.getByText('Saint Mary General Hospital')).toBeVisible();
      await expect(card.getByText('Dr. Ivana Đurić')).toBeVisible();
      await expect(card.getByText(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/)).toBeVisible();
      for (const field of ['Diagnosis', 'Prescription', 'Symptoms'])
        await expect(card.getByText(field, { exact: true })).toBeVisible();
      await expect(card.getByText('Doctor Id')).toHaveCount(0);
      await expect(
        page.getByRole('region', { name: 'Requests', exact: true }).getByText('No Requests'),
      ).toBeVisible();

      await card.getByRole('button', { name: 'Verify' }).click();
      await expect(card.getByText('Server: Health record is valid!')).toBeVisible();
      await screenshot(page, info, 'patient');
      await expectAccessible(page);
    });

    test('re-checks the proof in the browser against a node other than the API’s, and saves it', async ({
      page,
    }) => {
      await login(page, USERS.ana);
      const network = (await (await page.request.get('/api/network')).json()) as { nodes: string[] };
      expect(network.nodes.length).toBeGreaterThan(1);
      const card = recordCard(page, ANA_RECORD);
      const nodeCalls: string[] = [];
      page.on('request', (r) => {
        if (network.nodes.some((n) => r.url().startsWith(n))) nodeCalls.push(r.url());
      });
      await card.getByRole('button', { name: 'Check proof in my browser' }).click();
      await expect(card.getByText(/^Proof verified in your browser against node /)).toBeVisible();
      expect(nodeCalls.length).toBeGreaterThanOrEqual(2);
      expect(nodeCalls.every((u) => !u.startsWith(network.nodes[0]!))).toBe(true);
      expect(nodeCalls.some((u) => u.endsWith(`/receipts/${ANA_RECORD}`))).toBe(true);
      await card.getByText('Evidence').click();
      await expect(card.getByText('Merkle path', { exact: true })).toBeVisible();
      await expect(card.getByText('Acknowledged by', { exact: true })).toBeVisible();

      const download = page.waitForEvent('download');
      await card.getByRole('button', { name: 'Download proof file' }).click();
      const file = await (await download).path();
      const bundle = JSON.parse(readFileSync(file, 'utf8'));
      expect(bundle.record_id).toBe(ANA_RECORD);

      // Offline: no network at all, only the saved file.
      await page.getByRole('tab', { name: 'Check a saved proof' }).click();
      await page.context().setOffline(true);
      await page.getByLabel('Proof file', { exact: true }).setInputFiles(file);
      await expect(page.getByText(/Proof verified in your browser in .*, offline/)).toBeVisible();
      await page.context().setOffline(false);
    });

    test('sees tampering in red when the API hands over an altered record', async ({ page }) => {
      await page.route(`**/api/health-records/${ANA_RECORD}/proof`, async (route) => {
        const res = await route.fetch();
        const body = await res.json();
        body.record.diagnosis = 'Healthy';
        await route.fulfill({ response: res, json: body });
      });
      await login(page, USERS.ana);
      const card = recordCard(page, ANA_RECORD);
      await card.getByRole('button', { name: 'Check proof in my browser' }).click();
      const verdict = card.getByText(/^Tampering or a broken proof detected/);
      await expect(verdict).toBeVisible();
      await expect(verdict.locator('xpath=ancestor::*[contains(@class,"MuiAlert-colorError")]')).toHaveCount(
        1,
      );
      await expect(card.getByText('✗ Fail').first()).toBeVisible();
    });

    test('a saved proof file edited by hand fails offline', async ({ page }, info) => {
      await login(page, USERS.ana);
      const card = recordCard(page, ANA_RECORD);
      await card.getByRole('button', { name: 'Check proof in my browser' }).click();
      const download = page.waitForEvent('download');
      await card.getByRole('button', { name: 'Download proof file' }).click();
      const bundle = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
      bundle.record.prescription = 'None';
      await page.getByRole('tab', { name: 'Check a saved proof' }).click();
      await page.getByLabel('Proof file', { exact: true }).setInputFiles({
        name: 'edited.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(bundle)),
      });
      await expect(
        page.getByText(/Tampering or a broken proof detected in edited.json, offline/),
      ).toBeVisible();
      await screenshot(page, info, 'patient-offline-tampered');
    });
  });
