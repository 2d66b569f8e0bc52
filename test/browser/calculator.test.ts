import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, PHONE, startBrowserEnv } from './support.ts';

let env: Awaited<ReturnType<typeof startBrowserEnv>>;
before(async () => { env = await startBrowserEnv(); });
after(() => env.close());

test('anyone works out a contribution: an informal worker, then a company worker, with errors named in place', async () => {
  const page = await env.newPage(PHONE);
  await page.goto('/');
  await page.getByRole('link', { name: 'Kalkulator iuran' }).click();
  await page.getByRole('heading', { level: 1, name: 'Kalkulator iuran' }).waitFor();
  await assertAccessible(page, 'calculator');

  await page.getByLabel('Ikut JHT (tabungan hari tua)').check();
  await page.getByRole('button', { name: 'Hitung' }).click();
  await page.getByRole('heading', { level: 2, name: 'Total dibayar: Rp36.800' }).waitFor();

  await page.getByLabel('Penerima Upah (pekerja perusahaan)').check();
  await page.getByLabel('Bulan iuran').fill('2024-06');
  await page.getByRole('button', { name: 'Hitung' }).click();
  await page.getByRole('alert').getByText('Upah per bulan (Rp): Wajib diisi.').waitFor();
  await page.getByLabel('Upah per bulan (Rp)').fill('10.000.000');
  await page.getByLabel('Kelompok risiko kerja').selectOption({ label: '3 — sedang' });
  await page.getByRole('button', { name: 'Hitung' }).click();
  await page.getByRole('heading', { level: 2, name: 'Total dibayar: Rp989.000' }).waitFor();
  const rows = await page.getByRole('row').allTextContents();
  assert.ok(rows.some((r) => r.includes('JKP') && r.includes('pemerintah (tidak ditagihkan)')), 'the government JKP line is shown as not billed');
  await assertAccessible(page, 'calculator with a quote');
});
