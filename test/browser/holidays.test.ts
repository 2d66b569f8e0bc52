import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_PASSWORD } from '../support/app.ts';
import { assertAccessible, PHONE, signIn, startBrowserEnv } from './support.ts';

let env: Awaited<ReturnType<typeof startBrowserEnv>>;
before(async () => { env = await startBrowserEnv(); });
after(() => env.close());

test('admin A proposes a 2027 holiday on a due date; admin B approves it; January\'s bills then fall due on Monday the 18th', async () => {
  const a = await env.newPage(PHONE);
  await signIn(a, 'admin');
  await a.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Hari libur' }).click();
  await a.getByRole('heading', { level: 1, name: 'Kalender hari libur' }).waitFor();
  assert.equal(await a.title(), 'Hari libur · Lindung');
  await a.getByRole('link', { name: '2027 ›' }).click();
  await a.getByText('Belum ada hari libur yang tercatat untuk 2027.').waitFor();
  const january = (page: typeof a) => page.getByRole('region', { name: 'Jatuh tempo 2027' }).getByRole('row', { name: /^Januari 2027/ });
  assert.equal(await january(a).getByRole('cell').first().textContent(), 'Jumat, 15 Januari 2027');
  await assertAccessible(a, 'a year without holidays');

  await a.getByRole('button', { name: 'Kirim usulan' }).click();
  await a.getByRole('alert').getByText('Tanggal: Wajib diisi.').waitFor();
  await a.getByLabel('Tanggal', { exact: true }).fill('2027-01-15');
  await a.getByLabel('Nama (Bahasa Indonesia)').fill('Pemungutan suara pemilihan kepala daerah');
  await a.getByLabel('Nama (Bahasa Inggris)').fill('Regional election day');
  await a.getByLabel('Dasar hukum').fill('Keppres Nomor 1 Tahun 2027');
  await a.getByRole('button', { name: 'Kirim usulan' }).click();
  await a.getByRole('status').getByText(/Usulan #\d+ terkirim/).waitFor();
  const mine = a.getByRole('listitem').filter({ has: a.getByRole('heading', { name: /tambah Jumat, 15 Januari 2027/ }) });
  await mine.getByText('Ini usulan Anda; admin lain yang memutuskannya.').waitFor();
  assert.equal(await mine.getByRole('button', { name: 'Setujui' }).count(), 0, 'the proposer cannot approve');
  await assertAccessible(a, 'own pending proposal');

  // an auditor reads the waiting proposal but cannot decide it
  const auditor = await env.newPage(PHONE);
  await signIn(auditor, await env.createUser('auditor'), TEST_PASSWORD);
  await auditor.goto('/hari-libur?tahun=2027');
  const seen = auditor.getByRole('listitem').filter({ has: auditor.getByRole('heading', { name: /tambah Jumat, 15 Januari 2027/ }) });
  await seen.getByText('Keppres Nomor 1 Tahun 2027').waitFor();
  await auditor.getByText('Hanya admin yang dapat memutuskan usulan. Anda dapat melihatnya.').waitFor();
  assert.equal(await seen.getByRole('button').count(), 0, 'no decision for an auditor');

  await env.createUser('admin', { username: 'admin.libur' });
  const b = await env.newPage(PHONE);
  await signIn(b, 'admin.libur', TEST_PASSWORD);
  await b.goto('/hari-libur?tahun=2027');
  const theirs = b.getByRole('listitem').filter({ has: b.getByRole('heading', { name: /tambah Jumat, 15 Januari 2027/ }) });
  await theirs.getByText('Keppres Nomor 1 Tahun 2027').waitFor();
  await assertAccessible(b, 'a proposal to decide');
  await theirs.getByRole('button', { name: 'Setujui' }).click();
  await b.getByRole('status').getByText(/disetujui; kalender sudah berubah/).waitFor();
  await b.getByRole('region', { name: 'Hari libur 2027' }).getByRole('row', { name: /Pemungutan suara pemilihan kepala daerah/ }).waitFor();
  await january(b).getByText('Senin, 18 Januari 2027').waitFor();
  await january(b).getByText('bergeser').waitFor();
  const ics = await b.getByRole('link', { name: 'jatuh tempo PU dan BPU serta hari libur 2027' }).getAttribute('href');
  const file = await b.request.get(ics!);
  assert.match(await file.text(), /DTSTART;VALUE=DATE:20270118\r\nDTEND;VALUE=DATE:20270119\r\nSUMMARY:Jatuh tempo iuran BPU Januari 2027/, 'the downloaded calendar has the moved date');
  await assertAccessible(b, 'the calendar after approval');

  // anyone may read the calendar, in English too
  const visitor = await env.newPage(PHONE);
  await visitor.goto('/hari-libur?tahun=2026');
  await visitor.getByRole('button', { name: 'Switch to English' }).click();
  await visitor.getByRole('region', { name: 'Holidays in 2026' }).getByRole('row', { name: /Friday, 25 December 2026 Christmas Day/ }).waitFor();
  assert.equal(await visitor.getByRole('button', { name: 'Propose removal' }).count(), 0, 'only admins propose');
  await assertAccessible(visitor, 'the calendar in English');
});
