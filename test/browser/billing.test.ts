import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { assertAccessible, PHONE, signIn, startBrowserEnv } from './support.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { SYSTEM } from '../../src/modules/audit/audit.ts';
import { hireWorker } from '../../src/modules/registry/workforce.ts';
import { paymentCode, runBilling } from '../../src/modules/contributions/billing-run.ts';
import { employerArrears } from '../../src/modules/contributions/bills.ts';

let env: Awaited<ReturnType<typeof startBrowserEnv>>;
let employerId: number;
let billId: number;

const nav = (page: Page) => page.getByRole('navigation', { name: /Navigasi utama|Main navigation/ });
const grouped = (code: string) => code.replace(/(\d{4})(?=\d)/g, '$1 ');
const monthName = (month: string) => new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));

/** The demo history bills the last three months; the screens bill this month. */
const THIS_MONTH = new Date().toISOString().slice(0, 7);
const THIS = monthName(THIS_MONTH);
const LAST = monthName(new Date(Date.UTC(Number(THIS_MONTH.slice(0, 4)), Number(THIS_MONTH.slice(5, 7)) - 2, 1)).toISOString().slice(0, 7));
const rupiahId = (n: number) => `Rp${n.toLocaleString('id-ID')}`;

/**
 * The demo employer PT Samudra Jaya (Ternate) has three workers and its last three months billed; the
 * demo participant La Ode Hamid, a BPU fisher paid up, also starts working there. January 2026 is
 * billed on the server and left unpaid, so this month's bill carries a late fine and the employer is
 * in arrears whatever the day.
 */
before(async () => {
  env = await startBrowserEnv();
  employerId = (await env.db.selectFrom('employers').select('id').where('legal_name', '=', 'PT Samudra Jaya').executeTakeFirstOrThrow()).id;
  await hireWorker(env.db, { id: employerId, sizeClass: 'small' }, {
    nik: '8271011203900009', fullName: 'La Ode Hamid', birthDate: '1990-03-12', sex: 'M', contractType: 'PKWT', startDate: '2025-12-01', wage: 3_100_000, wageMonth: '2026-01',
  }, SYSTEM);
  const january = await runBilling(env.db, { period: '2026-01-01', asOf: '2026-02-01' });
  assert.equal(january.status, 'completed');
});
after(() => env.close());

test('an admin starts this month\'s billing, watches it complete, and opens a bill with its lines and a late fine', async () => {
  const page = await env.newPage(PHONE);
  await signIn(page, 'admin');
  await nav(page).getByRole('link', { name: 'Tagihan iuran' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tagihan iuran' }).waitFor();
  assert.equal(await page.title(), 'Tagihan iuran · Lindung');
  await page.getByRole('heading', { level: 3, name: 'Januari 2026 Selesai' }).waitFor();
  await assertAccessible(page, 'billing runs');

  // an empty month is refused; last month (the default) is already done and is shown as it is
  await page.getByLabel('Bulan iuran').fill('');
  await page.getByRole('button', { name: 'Mulai penagihan' }).click();
  await page.getByRole('alert').getByText('Bulan iuran: Wajib diisi.').waitFor();
  await assertAccessible(page, 'billing runs with an error');
  await page.reload();
  await page.getByRole('button', { name: 'Mulai penagihan' }).click();
  await page.getByRole('status').getByText(/^Penagihan \w+ \d{4} sudah selesai sebelumnya; hasilnya ditampilkan di bawah\.$/).waitFor();

  // this month, issued on its first day: in the background, with a progress bar, then the counts
  await page.getByLabel('Bulan iuran').fill(THIS_MONTH);
  await page.getByLabel('Tanggal terbit (boleh dikosongkan)').fill(`${THIS_MONTH}-01`);
  await page.getByRole('button', { name: 'Mulai penagihan' }).click();
  const current = page.locator('.records > li').filter({ has: page.getByRole('heading', { level: 3, name: new RegExp(`^${THIS}`) }) });
  await current.getByRole('heading', { level: 3, name: `${THIS} Selesai` }).waitFor({ timeout: 30_000 });
  await page.getByRole('status').getByText(`Penagihan ${THIS} selesai.`).waitFor();
  await current.getByText('2 tagihan: PU 1, BPU 1').waitFor();
  await current.getByText(`1 ${THIS}`, { exact: true }).first().waitFor();
  const run = await env.db.selectFrom('billing_runs').select(['status', 'counts']).where('period', '=', `${THIS_MONTH}-01`).executeTakeFirstOrThrow();
  assert.equal(run.status, 'completed');
  const fines = (run.counts as { fines: number }).fines;
  assert.ok(fines > 0, 'January is unpaid: this month carries a late fine');
  await current.getByText(rupiahId(fines), { exact: true }).waitFor();
  await assertAccessible(page, 'billing runs after a run');

  // the bills of the run: filtered, each opening its page
  const bills = page.getByRole('region', { name: `Tagihan ${THIS}` }).first();
  await bills.getByRole('link', { name: 'PT Samudra Jaya' }).waitFor();
  await bills.getByRole('link', { name: 'La Ode Hamid' }).waitFor();
  await page.getByLabel('Jenis peserta').selectOption('BPU');
  await bills.getByRole('link', { name: 'PT Samudra Jaya' }).waitFor({ state: 'detached' });
  await page.getByLabel('Jenis peserta').selectOption('PU');
  await bills.getByRole('link', { name: 'La Ode Hamid' }).waitFor({ state: 'detached' });
  await bills.getByRole('link', { name: 'PT Samudra Jaya' }).click();

  await page.getByRole('heading', { level: 1, name: `Tagihan iuran ${THIS}` }).waitFor();
  const bill = await env.db.selectFrom('bills').select(['id', 'segment', 'total_amount']).where('employer_id', '=', employerId).where('period', '=', `${THIS_MONTH}-01`).executeTakeFirstOrThrow();
  billId = bill.id;
  await page.getByText(grouped(paymentCode('PU', bill.id)), { exact: true }).waitFor();
  await page.getByRole('row', { name: new RegExp(`^Abdul Gani Sangaji KPJ .* ${THIS} JHT pemberi kerja Rp3\\.450\\.000`) }).first().waitFor();
  await page.getByRole('row', { name: new RegExp(`^La Ode Hamid KPJ .* ${THIS} JHT pekerja Rp3\\.100\\.000 2% Rp62\\.000$`) }).waitFor();
  await page.getByRole('row', { name: /^denda keterlambatan \d+ bulan atas iuran Januari 2026/ }).first().waitFor();
  await page.getByText('Tagihan ini memuat denda keterlambatan', { exact: false }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Catat pembayaran di loket' }).count(), 0, 'an admin does not take counter payments');
  await assertAccessible(page, 'a bill');

  // the downloads answer with the bill itself
  const csv = await page.request.get(`/api/v1/bills/${bill.id}/export.csv`);
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'] ?? '', /^text\/csv/);
  assert.match(await csv.text(), /Abdul Gani Sangaji/);
  for (const [ext, type] of [['xlsx', /spreadsheetml/], ['pdf', /application\/pdf/]] as const) {
    const href = await page.getByRole('link', { name: ext === 'pdf' ? 'PDF' : 'XLSX (Excel)' }).getAttribute('href');
    const res = await page.request.get(href!);
    assert.equal(res.status(), 200, ext);
    assert.match(res.headers()['content-type'] ?? '', type);
  }
});

test('a Ternate officer records a counter payment; the server\'s field errors are shown; the oldest month is paid first', async () => {
  assert.ok(billId, 'the first test billed this month');
  const officer = await env.createUser('officer', { branchCode: 'TTE' });
  const page = await env.newPage(PHONE);
  await signIn(page, officer, TEST_PASSWORD);
  await nav(page).getByRole('link', { name: 'Tagihan iuran' }).click();
  await page.getByText('Hanya admin dan supervisor yang dapat menjalankan penagihan.', { exact: false }).waitFor();
  await page.getByRole('region', { name: `Tagihan ${THIS}` }).first().getByRole('link', { name: 'PT Samudra Jaya' }).click();
  await page.getByRole('heading', { level: 1, name: `Tagihan iuran ${THIS}` }).waitFor();
  const bill = await env.db.selectFrom('bills').select(['total_amount']).where('id', '=', billId).executeTakeFirstOrThrow();
  assert.equal(await page.getByLabel('Jumlah dibayar (Rp)').inputValue(), String(bill.total_amount), 'prefilled with what is outstanding');
  await assertAccessible(page, 'a bill with the payment form');

  await page.getByRole('button', { name: 'Catat pembayaran' }).click();
  await page.getByRole('alert').getByText('Nomor bukti setor: Wajib diisi.').waitFor();
  // the server's own words: more than the employer owes on all its open bills
  const owed = await sql<{ n: number }>`SELECT sum(total_amount - paid_amount)::bigint AS n FROM bills WHERE employer_id = ${employerId} AND segment = 'PU' AND status = 'open'`.execute(env.db);
  await page.getByLabel('Jumlah dibayar (Rp)').fill(String(Number(owed.rows[0]!.n) + 1));
  await page.getByLabel('Nomor bukti setor').fill('LKT-TTE-0001');
  await page.getByRole('button', { name: 'Catat pembayaran' }).click();
  await page.getByRole('alert').getByText(/^Jumlah dibayar \(Rp\): Melebihi sisa tagihan Rp/).waitFor();
  await page.locator('#pay-amount-error').getByText(/Melebihi sisa tagihan/).waitFor();
  await assertAccessible(page, 'the payment form with an error');

  // January's amount, paid on this month's bill: RULES.md §3 pays January, the oldest, first
  const january = await env.db.selectFrom('bills').select(['id', 'total_amount']).where('employer_id', '=', employerId).where('period', '=', '2026-01-01').executeTakeFirstOrThrow();
  await page.getByLabel('Jumlah dibayar (Rp)').fill(String(january.total_amount));
  await page.getByRole('button', { name: 'Catat pembayaran' }).click();
  await page.getByRole('status').getByText(/Pembayaran Rp[\d.]+ dicatat\. Bulan tertua dilunasi lebih dulu: Rp[\d.]+ masuk ke 1 tagihan sebelumnya\. Sisa tagihan Rp[\d.]+\./).waitFor();
  assert.deepEqual(await env.db.selectFrom('bills').select(['status', 'paid_amount']).where('id', '=', january.id).executeTakeFirstOrThrow(), { status: 'paid', paid_amount: january.total_amount });
  assert.deepEqual(await env.db.selectFrom('bills').select(['status', 'paid_amount']).where('id', '=', billId).executeTakeFirstOrThrow(), { status: 'open', paid_amount: 0 });
  await page.goto(`/tagihan/${january.id}`);
  await page.getByRole('heading', { level: 1, name: 'Tagihan iuran Januari 2026' }).waitFor();
  await page.getByText('Lunas', { exact: true }).first().waitFor();
  await page.getByRole('row', { name: /Loket kantor cabang LKT-TTE-0001 · dibayar dengan kode tagihan lain/ }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Catat pembayaran di loket' }).count(), 0, 'a paid bill takes no more payments');
  await assertAccessible(page, 'a paid bill');

  // the Jambi officer does not see Ternate's bills
  const jambi = await env.newPage(PHONE);
  await signIn(jambi, 'petugas.jambi');
  await jambi.goto(`/tagihan/${billId}`);
  await jambi.getByRole('alert').waitFor();
});

test('the employer admin sees the arrears, the recent bills and their downloads', async () => {
  const page = await env.newPage(PHONE);
  await signIn(page, 'pemberi.kerja');
  await nav(page).getByRole('link', { name: 'Perusahaan' }).click();
  await page.getByRole('heading', { level: 1, name: 'PT Samudra Jaya' }).waitFor();
  const section = page.getByRole('region', { name: 'Tagihan iuran' });
  const arrears = await employerArrears(env.db, employerId);
  if (arrears.overdueBills > 0) {
    await section.getByRole('heading', { name: 'Ada tunggakan iuran' }).waitFor();
    await section.getByText(new RegExp(`^${arrears.overdueBills} tagihan lewat jatuh tempo, sejumlah Rp[\\d.]+\\. Jatuh tempo tertua: \\d+ \\w+ \\d{4}\\.$`)).waitFor();
  } else {
    await section.getByText('Tidak ada tunggakan.').waitFor();
  }
  await section.getByRole('row', { name: /Januari 2026.*Lunas/ }).waitFor();
  await section.getByRole('row', { name: new RegExp(`^${THIS} .*Belum dibayar`) }).waitFor();
  const csv = await section.getByRole('link', { name: 'CSV tagihan Januari 2026' }).getAttribute('href');
  assert.equal((await page.request.get(csv!)).status(), 200);
  await assertAccessible(page, 'employer page with arrears');

  await section.getByRole('link', { name: 'Januari 2026', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Tagihan iuran Januari 2026' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Catat pembayaran di loket' }).count(), 0);
  await page.getByRole('link', { name: 'Kembali ke halaman perusahaan' }).waitFor();
  await assertAccessible(page, 'a bill, as the employer');
  for (const path of ['/tagihan', '/iuran']) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: 'Halaman tidak ditemukan' }).waitFor();
  }
});

test('the participant reads the months, stays protected while the employer is late, and chooses a 3-month plan', async () => {
  const page = await env.newPage(PHONE);
  await signIn(page, 'peserta');
  await nav(page).getByRole('link', { name: 'Iuran saya' }).click();
  await page.getByRole('heading', { level: 1, name: 'Iuran saya' }).waitFor();
  assert.equal(await page.title(), 'Iuran saya · Lindung');

  const parts = page.getByRole('region', { name: 'Kepesertaan' });
  await parts.getByRole('heading', { name: 'Bukan Penerima Upah Aktif' }).waitFor();
  await parts.getByText('Iuran Anda sudah dibayar. Anda terlindungi.').waitFor();
  await parts.getByText(`Iuran lunas sampai ${LAST}.`).waitFor();
  await parts.getByRole('heading', { name: 'Penerima Upah Aktif', exact: true }).waitFor();
  await parts.getByText('Pemberi kerja Anda membayar iuran Anda. Anda terlindungi.').waitFor();

  const months = page.getByRole('region', { name: 'Iuran per bulan' }).first();
  await months.getByRole('row', { name: /^Januari 2026 PT Samudra Jaya PU Rp3\.100\.000 .*Ya Ya$/ }).waitFor();
  await months.getByRole('row', { name: new RegExp(`^${THIS} PT Samudra Jaya PU Rp3\\.100\\.000 .*Belum Ya Anda tetap terlindungi; tunggakan ditagih ke pemberi kerja\\.`) }).waitFor();
  await months.getByRole('row', { name: new RegExp(`^${THIS} Mandiri BPU Rp1\\.500\\.000 .*Belum Tidak$`) }).waitFor();
  await months.getByRole('row', { name: new RegExp(`^${LAST} Mandiri BPU Rp1\\.500\\.000 .*Ya Ya$`) }).waitFor();

  // January, paid by the officer, put the JHT shares in his own account
  const jht = page.getByRole('region', { name: 'Saldo JHT saya' });
  await jht.getByRole('heading', { name: 'Penerima Upah', exact: true }).waitFor();
  const statementHref = await jht.getByRole('link', { name: `Unduh laporan tahunan JHT ${new Date().getFullYear()} (PDF)` }).getAttribute('href');
  const statementPdf = await page.request.get(statementHref!);
  assert.equal(statementPdf.status(), 200);
  assert.match(statementPdf.headers()['content-type'] ?? '', /application\/pdf/);
  await page.getByRole('region', { name: 'Riwayat JHT Penerima Upah' }).getByRole('row', { name: /Iuran dibayar Rp[\d.]+ Rp[\d.]+$/ }).first().waitFor();

  const own = page.getByRole('region', { name: 'Tagihan yang perlu Anda bayar' });
  const bpuBill = await env.db.selectFrom('bills').select(['id']).where('segment', '=', 'BPU').where('period', '=', `${THIS_MONTH}-01`).executeTakeFirstOrThrow();
  await own.getByText(grouped(paymentCode('BPU', bpuBill.id)), { exact: true }).waitFor();
  await assertAccessible(page, 'my contributions');

  const plan = page.getByRole('region', { name: 'Bayar untuk berapa bulan sekaligus?' });
  assert.ok(await plan.getByLabel('1 bulan (setiap bulan)').isChecked());
  await plan.getByLabel('3 bulan').check();
  await plan.getByRole('button', { name: 'Simpan pilihan' }).click();
  await page.getByRole('status').getByText('Tersimpan: tagihan berikutnya untuk 3 bulan.').waitFor();
  const hamid = await env.db.selectFrom('participants').innerJoin('people', 'people.id', 'participants.person_id').select('participants.id')
    .where('people.nik', '=', '8271011203900009').where('participants.segment', '=', 'BPU').executeTakeFirstOrThrow();
  const saved = await env.db.selectFrom('bpu_payment_plans').select('months').where('participant_id', '=', hamid.id).executeTakeFirstOrThrow();
  assert.equal(saved.months, 3);
  await assertAccessible(page, 'my contributions, plan saved');

  // English too
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { level: 1, name: 'My contributions' }).waitFor();
  await page.getByText('You are still protected; the arrears are billed to the employer.').first().waitFor();
  await page.getByRole('button', { name: 'Ganti ke Bahasa Indonesia' }).click();

  // the participant's own bill opens with its downloads; another's does not
  await own.getByRole('link', { name: `Lihat rincian tagihan ${grouped(paymentCode('BPU', bpuBill.id))}` }).click();
  await page.getByRole('heading', { level: 1, name: `Tagihan iuran ${THIS}` }).waitFor();
  await page.getByRole('link', { name: 'Kembali ke iuran saya' }).waitFor();
  const howToPay = page.getByRole('region', { name: 'Cara membayar' });
  const qr = howToPay.getByRole('img', { name: /^Kode QRIS untuk membayar Rp[\d.]+$/ });
  await qr.waitFor();
  assert.ok((await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)) > 0, 'the QR code is drawn');
  await assertAccessible(page, 'own BPU bill');
  await page.goto(`/tagihan/${billId}`);
  await page.getByRole('alert').getByText(/Tagihan tidak ditemukan/).waitFor();
});
