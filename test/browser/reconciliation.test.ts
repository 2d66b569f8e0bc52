import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, PHONE, signIn, startBrowserEnv } from './support.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { paymentCode } from '../../src/modules/contributions/billing-run.ts';

let env: Awaited<ReturnType<typeof startBrowserEnv>>;
let bill: { id: number; segment: 'PU' | 'BPU' | 'JAKON' | 'PMI'; owed: number };
before(async () => {
  env = await startBrowserEnv();
  await env.db.insertInto('payment_partners').values({ client_key: 'BANK-UJI', name: 'Bank Uji Nusantara', partner_service_id: '88810', client_secret: 'x'.repeat(32), public_key_pem: '-' }).execute();
  const open = await env.db.selectFrom('bills').select(['id', 'segment', 'total_amount', 'paid_amount']).where('status', '=', 'open').orderBy('id').executeTakeFirstOrThrow();
  bill = { id: open.id, segment: open.segment, owed: open.total_amount - open.paid_amount };
});
after(() => env.close());

const today = new Date().toISOString().slice(0, 10);
const csv = () => [
  'tanggal;referensi;kode_bayar;jumlah;arah;keterangan',
  `${today};BNU-0001;${paymentCode(bill.segment, bill.id)};${bill.owed};K;SETORAN VA TANPA NOTIFIKASI`,
  `${today};BNU-0002;;5000;K;SETORAN TANPA KODE`,
].join('\n');

test('an officer imports a statement and proposes; a second officer approves; the bill is paid', async () => {
  const officer = await env.createUser('officer');
  const page = await env.newPage(PHONE);
  await signIn(page, officer, TEST_PASSWORD);
  await page.goto('/rekonsiliasi');
  await page.getByRole('heading', { level: 1, name: 'Rekonsiliasi bank' }).waitFor();
  await page.getByRole('button', { name: 'Impor' }).click();
  await page.getByRole('alert').getByText('Wajib diisi.').first().waitFor();
  await page.getByLabel('Bank mitra').selectOption({ label: 'Bank Uji Nusantara' });
  await page.getByLabel('Berkas (camt.053 XML atau CSV)').setInputFiles({ name: `bank-uji-${today}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv()) });
  await page.getByRole('button', { name: 'Impor' }).click();
  await page.getByRole('status').getByText('Rekening koran diimpor: 2 baris, 0 cocok, 0 debit diabaikan, 2 masuk antrean.').waitFor();
  const missing = page.getByRole('listitem').filter({ hasText: 'Uang masuk tanpa notifikasi' });
  await missing.waitFor();
  await page.getByRole('listitem').filter({ hasText: 'Kode bayar tidak dikenal' }).waitFor();
  await assertAccessible(page, 'the reconciliation queue');

  await missing.getByLabel('Nomor tagihan').fill(String(bill.id));
  await missing.getByLabel('Catatan').fill('Setoran VA tanpa notifikasi dari bank');
  await missing.getByRole('button', { name: 'Usulkan' }).click();
  await missing.getByText('Menunggu persetujuan petugas lain.').waitFor();
  assert.equal(await missing.getByRole('button', { name: 'Setujui' }).count(), 0, 'the proposer cannot approve');

  const supervisor = await env.createUser('supervisor');
  const second = await env.newPage(PHONE);
  await signIn(second, supervisor, TEST_PASSWORD);
  await second.goto('/rekonsiliasi');
  const card = second.getByRole('listitem').filter({ hasText: 'Uang masuk tanpa notifikasi' });
  await card.getByRole('button', { name: 'Setujui' }).click();
  await card.waitFor({ state: 'detached' });
  const paid = await env.db.selectFrom('bills').select(['status']).where('id', '=', bill.id).executeTakeFirstOrThrow();
  assert.equal(paid.status, 'paid');
  const report = second.getByRole('region', { name: 'Laporan harian' });
  await report.getByRole('row', { name: /^Virtual account 2 Rp[\d.]+ 1 1 1$/ }).waitFor();
  await assertAccessible(second, 'the reconciliation report');
});

test('the auditor reads the ledger: accounts with balances, the journal, and one entry that balances', async () => {
  const page = await env.newPage(PHONE);
  await signIn(page, 'auditor');
  await page.getByRole('navigation', { name: /Navigasi utama|Main navigation/ }).getByRole('link', { name: 'Buku besar' }).click();
  await page.getByRole('heading', { level: 1, name: 'Buku besar' }).waitFor();
  await page.getByRole('region', { name: 'Akun' }).getByRole('row', { name: /^Piutang iuran \(semua pembayar\) \d+ Rp/ }).waitFor();
  await page.getByRole('region', { name: 'Jurnal terbaru' }).getByRole('link', { name: /^Jurnal \d+$/ }).first().click();
  const balanced = page.getByText(/^Seimbang: debit (Rp[\d.]+) = kredit (Rp[\d.]+)\.$/);
  await balanced.waitFor();
  const [, d, c] = /debit (Rp[\d.]*\d) = kredit (Rp[\d.]*\d)/.exec((await balanced.textContent())!)!;
  assert.equal(d, c);
  await page.getByText(/^Dokumen sumber: /).waitFor();
  await assertAccessible(page, 'the ledger with an entry');
});
