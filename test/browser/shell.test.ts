import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, signIn, startBrowserEnv } from './support.ts';

let env: Awaited<ReturnType<typeof startBrowserEnv>>;
before(async () => { env = await startBrowserEnv(); });
after(() => env.close());

test('sign-in: empty and wrong answers are explained in Indonesian, the right one opens the role home page', async () => {
  const page = await env.newPage();
  await page.goto('/');
  assert.equal(await page.locator('html').getAttribute('lang'), 'id');
  await assertAccessible(page, 'public home');
  await page.getByRole('navigation', { name: 'Navigasi utama' }).waitFor();
  await page.goto('/masuk');
  await assertAccessible(page, 'sign-in');

  await page.getByRole('button', { name: 'Masuk', exact: true }).last().click();
  const summary = page.getByRole('alert');
  await summary.getByText('Nama pengguna: Wajib diisi.').waitFor();
  await summary.getByText('Kata sandi: Wajib diisi.').waitFor();
  await assertAccessible(page, 'sign-in with errors');

  await page.getByLabel('Nama pengguna').fill('petugas.jambi');
  await page.getByLabel('Kata sandi').fill('salah-sekali');
  await page.getByRole('button', { name: 'Masuk', exact: true }).last().click();
  await page.getByRole('alert').getByText(/Nama pengguna atau kata sandi salah/).waitFor();

  await signIn(page, 'petugas.jambi');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Selamat datang, Siti Rahmawati');
  await page.getByText('Kantor cabang Jambi').waitFor();
  const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
  assert.equal(await nav.getByRole('link', { name: 'Pengguna' }).count(), 0, 'an officer has no user administration');
  await assertAccessible(page, 'officer home');

  await page.getByRole('button', { name: 'Keluar' }).click();
  await page.getByRole('heading', { level: 1, name: 'Masuk' }).waitFor();
});

test('the language switch turns the whole page, and the API errors, into English', async () => {
  const page = await env.newPage();
  await page.goto('/masuk');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByLabel('Username').fill('petugas.jambi');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).last().click();
  await page.getByRole('alert').getByText(/Wrong username or password/).waitFor();
  await assertAccessible(page, 'sign-in in English');

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByRole('button', { name: 'Ganti ke Bahasa Indonesia' }).click();
  await page.getByRole('heading', { level: 1, name: 'Masuk' }).waitFor();
});

test('browse regions from province to village, and search by name', async () => {
  const page = await env.newPage();
  await page.goto('/wilayah');
  await page.getByRole('link', { name: 'Maluku Utara' }).click();
  await page.getByRole('heading', { level: 1, name: 'Maluku Utara' }).waitFor();
  await page.getByRole('link', { name: 'Kota Ternate', exact: true }).click();
  await page.getByText('Dilayani oleh kantor cabang Ternate').waitFor();
  await page.getByRole('link', { name: 'Pulau Ternate' }).click();
  await page.getByRole('heading', { level: 1, name: 'Pulau Ternate' }).waitFor();
  const trail = page.getByRole('navigation', { name: 'Jejak wilayah' });
  assert.deepEqual(await trail.getByRole('link').allTextContents(), ['Semua provinsi', 'Maluku Utara', 'Kota Ternate']);
  await assertAccessible(page, 'district page');

  await page.getByLabel('Cari wilayah').fill('TERNATE');
  await page.getByRole('button', { name: 'Cari' }).click();
  const results = page.getByRole('region', { name: 'Hasil pencarian' });
  await results.getByRole('link').first().waitFor();
  assert.equal(await results.getByRole('link').first().textContent(), 'Kota Ternate');
  await assertAccessible(page, 'search results');
});

test('a participant signs in with a code sent by SMS (read from the development outbox)', async () => {
  const page = await env.newPage();
  await page.goto('/masuk');
  await page.getByRole('button', { name: 'Dengan kode SMS' }).click();
  await page.getByLabel('Nomor HP').fill('0812 0000 0001');
  await page.getByRole('button', { name: 'Kirim kode' }).click();
  await page.getByRole('status').getByText(/kode 6 angka sudah dikirim/).waitFor();
  await assertAccessible(page, 'code sign-in');

  const outbox = await env.newPage();
  await outbox.goto('/dev/outbox');
  const body = await outbox.locator('.message-body').first().textContent();
  const code = /Kode masuk Lindung: (\d{6})/.exec(body ?? '')?.[1];
  assert.ok(code, 'the code is in the outbox');
  assert.ok(!(await outbox.content()).includes('81200000001'), 'the outbox page masks the number');

  await page.getByLabel('Kode 6 angka').fill(code!);
  await page.getByRole('button', { name: 'Masuk', exact: true }).last().click();
  await page.getByRole('heading', { level: 1, name: 'Selamat datang, La Ode Hamid' }).waitFor();
});

test('administrators and auditors see their pages; others get the not-found page', async () => {
  const admin = await env.newPage({ width: 1280, height: 800 });
  await signIn(admin, 'admin');
  await admin.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pengguna' }).click();
  await admin.getByRole('row', { name: /petugas\.jambi/ }).waitFor();
  await assertAccessible(admin, 'users');
  await admin.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Jejak audit' }).click();
  await admin.getByRole('cell', { name: 'user.created' }).first().waitFor();
  await assertAccessible(admin, 'audit trail');

  const donor = await env.newPage();
  await signIn(donor, 'donatur');
  await donor.goto('/audit');
  await donor.getByRole('heading', { level: 1, name: 'Halaman tidak ditemukan' }).waitFor();
  await donor.goto('/halaman/yang/tidak/ada');
  await donor.getByRole('heading', { level: 1, name: 'Halaman tidak ditemukan' }).waitFor();
  await assertAccessible(donor, '404');
});
