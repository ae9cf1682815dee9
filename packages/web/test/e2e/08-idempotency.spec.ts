/**
 * No duplicate records (issue 15): a double click sends one record, and an answer lost on the way
 * is retried with the same Idempotency-Key, so the server answers for the record it already made.
 * Counted on the real API afterwards.
 */
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { ANA_PID, login, searchPatient, USERS } from './support';

async function ownRecordsWith(request: APIRequestContext, diagnosis: string): Promise<number> {
  const login = await request.post('/api/login', {
    data: { id: USERS.marko.id, password: USERS.marko.password },
  });
  const { access_token } = (await login.json()) as { access_token: string };
  const res = await request.get(`/api/health-records/patient/${ANA_PID}?own=true`, {
    headers: { Authorization: `Bearer ${access_token}` },
  });
  const body = (await res.json()) as { health_records: Array<{ health_record: Record<string, string> }> };
  return body.health_records.filter((r) => r.health_record.diagnosis === diagnosis).length;
}

async function fill(page: Page, diagnosis: string) {
  await login(page, USERS.marko);
  await searchPatient(page, ANA_PID);
  const form = page.getByRole('form', { name: /New health record for Ana Petrović/ });
  await form.getByLabel(/^Diagnosis/).fill(diagnosis);
  return form;
}

test.describe('no duplicate records', () => {
  test('a double click on Add Health Record makes one record, and the form is cleared', async ({
    page,
    request,
  }) => {
    const diagnosis = `Double click ${Date.now()}`;
    const form = await fill(page, diagnosis);
    await form.getByRole('button', { name: 'Add Health Record' }).dblclick();
    await expect(
      form.getByText('Health record successfully added and confirmed on blockchain'),
    ).toBeVisible();
    await expect(form.getByLabel(/^Diagnosis/)).toHaveValue('');
    expect(await ownRecordsWith(request, diagnosis)).toBe(1);
  });

  test('an answer lost on the way is retried with the same key and makes one record', async ({
    page,
    request,
  }) => {
    const diagnosis = `Lost answer ${Date.now()}`;
    const form = await fill(page, diagnosis);
    const keys: string[] = [];
    await page.route('**/api/health-records', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      keys.push((await route.request().headerValue('idempotency-key')) ?? '');
      if (keys.length === 1) {
        await route.fetch(); // the server creates and anchors the record…
        return route.abort('connectionreset'); // …and the browser never hears of it
      }
      return route.continue();
    });
    await form.getByRole('button', { name: 'Add Health Record' }).click();
    await expect(
      form.getByText('Health record successfully added and confirmed on blockchain'),
    ).toBeVisible();
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(await ownRecordsWith(request, diagnosis)).toBe(1);
  });
});
