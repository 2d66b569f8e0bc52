import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertAccessible, PHONE, signIn, startBrowserEnv } from './support.ts';
import { nikFor } from '../support/people.ts';

let env: Awaited<ReturnType<typeof startBrowserEnv>>;
let dir: string;
before(async () => {
  env = await startBrowserEnv();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lindung-upload-'));
});
after(async () => {
  await env.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a fisher in Ternate registers on a phone in three steps and signs in to his digital card', async () => {
  const page = await env.newPage(PHONE);
  await page.goto('/');
  await page.getByRole('link', { name: /Daftar jadi peserta/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Daftar sebagai peserta' }).waitFor();
  await assertAccessible(page, 'registration step 1');

  // step 1: the NIK fills in the birth date and sex
  const nik = nikFor('827101', '1990-03-12', 'M', 7);
  await page.getByLabel('NIK (16 angka di KTP)').fill(nik);
  await page.getByLabel('Nama lengkap sesuai KTP').fill('La Ode Hamid');
  await page.getByText('Menurut NIK: lahir 12-03-1990, laki-laki.').waitFor();
  assert.equal(await page.getByLabel('Tanggal lahir').inputValue(), '1990-03-12');
  assert.ok(await page.getByLabel('Laki-laki').isChecked());
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await page.getByRole('alert').getByText('Nomor HP: Wajib diisi.').waitFor();
  await page.getByLabel('Nomor HP').fill('0812 4455 6677');
  await page.getByRole('button', { name: 'Lanjut' }).click();

  // step 2: occupation, village, income
  await page.getByRole('heading', { level: 1, name: 'Pekerjaan dan tempat tinggal' }).waitFor();
  await page.getByLabel('Pekerjaan').selectOption({ label: 'Nelayan' });
  await page.getByLabel('Desa/kelurahan tempat tinggal').fill('Dufa');
  await page.getByRole('button', { name: 'Cari desa' }).click();
  await page.getByRole('group', { name: 'Pilih desa/kelurahan' }).getByRole('radio').first().check();
  await page.getByLabel('Penghasilan per bulan (Rp)').fill('1000000');
  await assertAccessible(page, 'registration step 2');
  await page.getByRole('button', { name: 'Lanjut' }).click();

  // step 3: the amount is shown before confirming, and follows the JHT choice
  await page.getByRole('heading', { level: 1, name: 'Program dan iuran' }).waitFor();
  await page.getByRole('row', { name: /Iuran per bulan Rp16\.800/ }).waitFor();
  await page.getByLabel(/JHT/).check();
  await page.getByRole('row', { name: /Iuran per bulan Rp36\.800/ }).waitFor();
  await assertAccessible(page, 'registration step 3');
  await page.getByRole('button', { name: 'Daftar sekarang' }).click();
  await page.getByRole('heading', { level: 1, name: 'Pendaftaran berhasil' }).waitFor();
  const kpj = (await page.locator('.big-number').textContent())!.replace(/\s/g, '');
  assert.match(kpj, /^9\d{10}$/);
  await assertAccessible(page, 'registration done');

  // the same NIK again: told clearly, nothing created
  const again = await env.newPage(PHONE);
  await again.goto('/daftar');
  await again.getByLabel('NIK (16 angka di KTP)').fill(nik);
  await again.getByLabel('Nama lengkap sesuai KTP').fill('La Ode Hamid');
  await again.getByText(/Menurut NIK/).waitFor();
  await again.getByLabel('Nomor HP').fill('081244556677');
  await again.getByRole('button', { name: 'Lanjut' }).click();
  await again.getByLabel('Pekerjaan').selectOption({ label: 'Nelayan' });
  await again.getByLabel('Desa/kelurahan tempat tinggal').fill('Dufa');
  await again.getByRole('button', { name: 'Cari desa' }).click();
  await again.getByRole('radio').first().check();
  await again.getByLabel('Penghasilan per bulan (Rp)').fill('1000000');
  await again.getByRole('button', { name: 'Lanjut' }).click();
  await again.getByRole('button', { name: 'Daftar sekarang' }).click();
  await again.getByRole('alert').getByText(/sudah menjadi peserta dengan KPJ 9\d{3}\*{4}\d{3}/).waitFor();

  // sign in with the SMS code and open the digital card
  await page.getByRole('link', { name: /Masuk dengan kode SMS/ }).click();
  await page.getByRole('button', { name: 'Dengan kode SMS' }).click();
  await page.getByLabel('Nomor HP').fill('081244556677');
  await page.getByRole('button', { name: 'Kirim kode' }).click();
  await page.getByRole('status').getByText(/kode 6 angka/).waitFor();
  const outbox = await env.newPage();
  await outbox.goto('/dev/outbox');
  const code = /: (\d{6})\./.exec((await outbox.locator('.message-body').first().textContent()) ?? '')![1]!;
  await page.getByLabel('Kode 6 angka').fill(code);
  await page.getByRole('button', { name: 'Masuk', exact: true }).last().click();
  await page.getByRole('heading', { level: 1, name: 'Selamat datang, La Ode Hamid' }).waitFor();
  await page.getByRole('link', { name: 'Kartu digital' }).click();
  await page.getByText(kpj.replace(/(\d{3})(\d{4})(\d{4})/, '$1 $2 $3'), { exact: true }).waitFor();
  await assertAccessible(page, 'digital card');
});

test('an employer uploads a workforce file with errors, reads them in place, fixes the file and applies it', async () => {
  const page = await env.newPage({ width: 1280, height: 900 });
  await signIn(page, 'pemberi.kerja');
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Perusahaan' }).click();
  await page.getByRole('heading', { level: 1, name: 'PT Samudra Jaya' }).waitFor();
  await assertAccessible(page, 'employer page');

  const header = 'nik,nama,tanggal_lahir,jenis_kelamin,no_pegawai,jenis_kontrak,tanggal_mulai,upah';
  const good = [
    `${nikFor('827101', '1991-05-04', 'M', 21)},Yusuf Hasan,1991-05-04,L,SJ-10,PKWTT,2024-02-01,3500000`,
    `${nikFor('827101', '1993-08-19', 'F', 22)},Maryam Abbas,1993-08-19,P,SJ-11,PKWT,2025-07-01,3300000`,
  ];
  const bad = `${nikFor('827101', '1994-01-02', 'F', 23)},Fatma Salim,1994-01-03,P,SJ-12,PKWTT,2024-02-01,tiga juta`;
  const withErrors = path.join(dir, 'tenaga-kerja-salah.csv');
  fs.writeFileSync(withErrors, [header, ...good, bad].join('\n'));
  await page.getByLabel('Berkas tenaga kerja').setInputFiles(withErrors);
  await page.getByRole('button', { name: 'Periksa berkas' }).click();
  await page.getByText('1 dari 3 baris berisi kesalahan. Tidak ada yang diterapkan. Perbaiki lalu unggah lagi.').waitFor();
  await page.getByRole('cell', { name: /Tanggal lahir tidak sesuai dengan NIK/ }).waitFor();
  await page.getByRole('cell', { name: /Upah harus bilangan bulat/ }).waitFor();
  await assertAccessible(page, 'upload with errors');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Unduh laporan kesalahan/ }).click()]);
  const report = fs.readFileSync((await download.path())!, 'utf8');
  assert.match(report, /^\uFEFFbaris,kolom,nilai,kesalahan\n/);
  assert.equal(report.trim().split('\n').length, 3, 'header and two errors of row 4');
  assert.match(await page.getByRole('heading', { name: /Tenaga kerja aktif/ }).textContent() ?? '', /\(3\)/, 'nothing applied yet');

  const fixed = path.join(dir, 'tenaga-kerja.csv');
  fs.writeFileSync(fixed, [header, ...good, bad.replace('1994-01-03', '1994-01-02').replace('tiga juta', '3000000')].join('\n'));
  await page.getByLabel('Berkas tenaga kerja').setInputFiles(fixed);
  await page.getByRole('button', { name: 'Periksa berkas' }).click();
  await page.getByText('Berkas benar: 3 baris. Bila diterapkan:').waitFor();
  await page.getByText('3 pekerja baru').waitFor();
  await page.getByRole('button', { name: 'Terapkan' }).click();
  await page.getByText('Diterapkan. Data tenaga kerja sudah diperbarui.').waitFor();
  await page.getByRole('heading', { name: 'Tenaga kerja aktif (6)' }).waitFor();
  await page.getByRole('row', { name: /Fatma Salim/ }).waitFor();
});
