import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_PASSWORD } from '../support/app.ts';
import { inTransaction } from '../../src/platform/db.ts';
import { SYSTEM } from '../../src/modules/audit/audit.ts';
import { accountId } from '../../src/modules/ledger/accounts.ts';
import { postEntry } from '../../src/modules/ledger/journal.ts';
import { assertAccessible, PHONE, signIn, startBrowserEnv } from './support.ts';

let env: Awaited<ReturnType<typeof startBrowserEnv>>;
let saver: number;
before(async () => {
  env = await startBrowserEnv();
  // a worker whose JHT savings came in March 2025, before the year now being credited ended
  saver = Number((await env.db.selectFrom('ledger_accounts').select('id').where('kind', '=', 'jht').orderBy('id').executeTakeFirstOrThrow()).id);
  const counter = await accountId(env.db, { kind: 'clearing', channel: 'counter' });
  await inTransaction(env.db, (tx) => postEntry(tx, {
    idempotencyKey: 'browser-jht-2025', kind: 'payment', reason: 'iuran JHT / JHT contribution', source: { type: 'test', id: 'browser-jht-2025' }, effectiveDate: '2025-03-10', actor: SYSTEM,
  }, [{ account: counter, side: 'D', amount: 40_000 }, { account: saver, side: 'C', amount: 40_000 }]));
});
after(() => env.close());

test("an admin declares 2025's JHT rate, credits it to every account and watches the run finish; an auditor reads the result", async () => {
  const page = await env.newPage(PHONE);
  await signIn(page, 'admin');
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Hasil JHT' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hasil pengembangan JHT' }).waitFor();
  assert.equal(await page.title(), 'Hasil JHT · Lindung');
  await page.getByText('Belum ada tingkat hasil yang ditetapkan.').waitFor();

  // a rate written wrong is explained beside the field; the Indonesian decimal comma is accepted
  await page.getByLabel('Tahun', { exact: true }).fill('2025');
  await page.getByLabel('Tingkat hasil (% setahun)').fill('5,63%');
  await page.getByRole('button', { name: 'Simpan tingkat' }).click();
  await page.getByRole('alert').getByText('Tingkat hasil (% setahun): Isi angka persen, misalnya 5,63, paling banyak empat angka di belakang koma.').waitFor();
  await page.getByRole('alert').getByText('Dasar hukum: Wajib diisi.').waitFor();
  await assertAccessible(page, 'the rate form with errors');
  await page.getByLabel('Tingkat hasil (% setahun)').fill('5,63');
  await page.getByLabel('Dasar hukum').fill('Keputusan Direksi tentang hasil pengembangan JHT 2025');
  await page.getByRole('button', { name: 'Simpan tingkat' }).click();
  await page.getByRole('status').getByText('Tingkat hasil 2025 disimpan: 5,63% setahun.').waitFor();
  const year = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '2025 · 5,63% setahun' }) });
  await year.getByText('Belum dikreditkan.').waitFor();

  await year.getByRole('button', { name: 'Kreditkan hasil 2025' }).click();
  await year.getByText('Kreditkan hasil JHT 2025 sebesar 5,63% setahun ke setiap akun JHT? Setelah dimulai, tingkatnya tidak dapat diubah lagi.').waitFor();
  await year.getByRole('button', { name: 'Ya, kreditkan' }).click();
  await page.getByRole('status').getByText('Pengkreditan hasil 2025 selesai.').waitFor({ timeout: 20_000 });

  // the page says what the database holds: every account once, the saver's Rp40,000 since March earning 1,877
  const credits = await env.db.selectFrom('jht_credits').select(['account_id', 'amount']).where('year', '=', 2025).execute();
  const paid = credits.filter((c) => Number(c.amount) > 0);
  assert.equal(Number(credits.find((c) => Number(c.account_id) === saver)?.amount), 1_877, '10 month-ends × 40,000 × 5.63% / 12, half up');
  const total = paid.reduce((s, c) => s + Number(c.amount), 0);
  await year.getByText(new RegExp(`^${paid.length} dari ${credits.length} akun menerima hasil, seluruhnya Rp${total.toLocaleString('id-ID').replace(/\./g, '\\.')}\\. Selesai `)).waitFor();
  assert.equal(await year.getByRole('button').count(), 0, 'a credited year offers nothing more');
  await assertAccessible(page, 'a credited year');

  const auditor = await env.newPage(PHONE);
  await signIn(auditor, await env.createUser('auditor'), TEST_PASSWORD);
  await auditor.goto('/hasil-jht');
  await auditor.getByText('Hanya admin yang menetapkan tingkat dan mengkreditkan hasil. Anda dapat membaca hasilnya.').waitFor();
  await auditor.getByRole('listitem').filter({ has: auditor.getByRole('heading', { name: '2025 · 5,63% setahun' }) }).getByText(/akun menerima hasil/).waitFor();
  assert.equal(await auditor.getByRole('button', { name: /Kreditkan|Simpan/ }).count(), 0);
});
