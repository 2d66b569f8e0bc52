import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_PASSWORD } from '../support/app.ts';
import { assertAccessible, PHONE, signIn, startBrowserEnv } from './support.ts';

let env: Awaited<ReturnType<typeof startBrowserEnv>>;
before(async () => { env = await startBrowserEnv(); });
after(() => env.close());

test('maker-checker: admin A proposes a new JP wage ceiling, cannot approve it; admin B approves, and March 2027 shows it', async () => {
  const a = await env.newPage(PHONE);
  await signIn(a, 'admin');
  await a.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Aturan iuran' }).click();
  await a.getByRole('heading', { level: 1, name: 'Aturan iuran' }).waitFor();
  await a.getByRole('heading', { level: 3, name: 'Penerima Upah (PU)' }).waitFor();
  assert.equal(await a.title(), 'Aturan iuran · Lindung');
  const capRow = (page: typeof a) => page.getByRole('row').filter({ has: page.getByRole('link', { name: 'pu.jp.cap', exact: true }) });
  await capRow(a).getByText('default, belum dikonfirmasi').waitFor();
  await assertAccessible(a, 'rules in force');

  await capRow(a).getByRole('link', { name: 'pu.jp.cap' }).click();
  const history = a.getByRole('region', { name: 'Riwayat pu.jp.cap' });
  await history.getByRole('row').nth(4).waitFor();
  assert.equal(await history.getByRole('row').count(), 5, 'a header and four versions');
  await assertAccessible(a, 'history of a key');

  await a.getByRole('button', { name: 'Usulkan versi baru kunci ini' }).click();
  assert.equal(await a.getByLabel('Kunci', { exact: true }).inputValue(), 'pu.jp.cap');
  await a.getByRole('button', { name: 'Kirim usulan' }).click();
  await a.getByRole('alert').getByText('Berlaku mulai: Wajib diisi.').waitFor();
  await a.getByLabel('Berlaku mulai').fill('2026-01-01');
  await a.getByLabel('Nilai', { exact: true }).fill('11078200');
  await a.getByLabel('Dasar hukum').fill('PP 45/2015 Pasal 29; pengumuman batas upah JP 2027');
  await a.getByRole('button', { name: 'Kirim usulan' }).click();
  await a.getByRole('alert').getByText(/Berlaku mulai: Versi terakhir aturan ini mulai berlaku 2026-03-01/).waitFor();
  await assertAccessible(a, 'proposal with an error');
  await a.getByLabel('Berlaku mulai').fill('2027-03-01');
  await a.getByRole('button', { name: 'Kirim usulan' }).click();
  await a.getByRole('status').getByText(/Usulan #\d+ untuk pu\.jp\.cap terkirim/).waitFor();

  const pendingA = a.getByRole('listitem').filter({ has: a.getByRole('heading', { name: /pu\.jp\.cap mulai 1 Maret 2027/ }) });
  await pendingA.getByText('Ini usulan Anda. Anda tidak dapat menyetujui atau menolak usulan sendiri').waitFor();
  assert.equal(await pendingA.getByRole('button', { name: 'Setujui' }).count(), 0, 'the proposer has no approve button');
  await pendingA.getByText('Bila disetujui, versi terakhir berakhir 28 Februari 2027').waitFor();
  await assertAccessible(a, 'own pending proposal');

  await env.createUser('admin', { username: 'admin.kedua' });
  const b = await env.newPage(PHONE);
  await signIn(b, 'admin.kedua', TEST_PASSWORD);
  await b.goto('/regulasi');
  const pendingB = b.getByRole('listitem').filter({ has: b.getByRole('heading', { name: /pu\.jp\.cap mulai 1 Maret 2027/ }) });
  await pendingB.getByLabel('Catatan keputusan (wajib bila menolak)').fill('Sesuai pengumuman');
  await assertAccessible(b, 'a proposal to decide');
  await pendingB.getByRole('button', { name: 'Setujui' }).click();
  await b.getByRole('status').getByText(/disetujui: pu\.jp\.cap bernilai Rp11\.078\.200 mulai 1 Maret 2027/).waitFor();
  await b.getByText('Tidak ada usulan yang menunggu.').waitFor();

  await b.getByLabel('Berlaku pada').fill('2027-03-01');
  await capRow(b).filter({ hasText: '11.078.200' }).waitFor();
  assert.equal(await capRow(b).getByText('default, belum dikonfirmasi').count(), 0, 'the approved ceiling is not a product default');
  await b.getByLabel('Berlaku pada').fill('2027-02-28');
  await capRow(b).filter({ hasText: '10.547.400' }).getByText('default, belum dikonfirmasi').waitFor();
  await assertAccessible(b, 'rules after approval');

  await b.getByRole('button', { name: 'Switch to English' }).click();
  await b.getByRole('heading', { level: 1, name: 'Contribution rules' }).waitFor();
  await capRow(b).filter({ hasText: 'Rp10,547,400' }).getByText('default, not confirmed').waitFor();
  await b.getByText('Next version from 1 March 2027.').waitFor();
  await assertAccessible(b, 'rules in English');
});
