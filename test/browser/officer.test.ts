import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible, PHONE, signIn, startBrowserEnv } from './support.ts';
import { nikFor } from '../support/people.ts';
import { TEST_PASSWORD } from '../support/app.ts';

let env: Awaited<ReturnType<typeof startBrowserEnv>>;
let village: { code: string; name: string };

/** Ahmad lives in Kota Jambi (district 15.71.01), within the Jambi branch of petugas.jambi. */
const AHMAD = { fullName: 'Ahmad Fauzi Harahap', birthDate: '1985-06-17', sex: 'M' as const, nik: nikFor('157101', '1985-06-17', 'M', 31), phone: '081377770001' };
const AHMAD_MASKED = 'Ahmad F**** H******';

async function registerBpu(person: { fullName: string; birthDate: string; sex: 'M' | 'F'; nik: string; phone: string }) {
  const res = await env.app.inject({ method: 'POST', url: '/api/v1/registrations/bpu', payload: {
    nik: person.nik, fullName: person.fullName, birthDate: person.birthDate, sex: person.sex, phone: person.phone,
    villageCode: village.code, occupation: 'market_trader', declaredIncome: 2_000_000, programs: ['JKK', 'JKM'],
  } });
  assert.equal(res.statusCode, 201, res.body);
  const { id } = await env.db.selectFrom('people').select('id').where('nik', '=', person.nik).executeTakeFirstOrThrow();
  return { personId: id, kpj: res.json().kpj as string };
}

const grouped = (kpj: string) => kpj.replace(/(\d{3})(\d{4})(\d{4})/, '$1 $2 $3');
const nav = (page: Page) => page.getByRole('navigation', { name: /Navigasi utama|Main navigation/ });

let ahmad: { personId: number; kpj: string };

before(async () => {
  env = await startBrowserEnv();
  village = await env.db.selectFrom('regions').select(['code', 'name']).where('parent_code', '=', '15.71.01').orderBy('code').executeTakeFirstOrThrow();
  ahmad = await registerBpu(AHMAD);
});
after(() => env.close());

test('an officer finds a person by name (masked), opens the whole record (audited), attaches an older KPJ and merges it', async () => {
  const page = await env.newPage(PHONE);
  await signIn(page, 'petugas.jambi');
  await nav(page).getByRole('link', { name: 'Cari', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Cari peserta dan perusahaan' }).waitFor();
  assert.equal(await page.title(), 'Cari peserta dan perusahaan · Lindung');
  await assertAccessible(page, 'search page');

  // the three-character minimum is explained at the top and beside the box
  await page.getByLabel('NIK, KPJ, NPP, atau nama').fill('ah');
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await page.getByRole('alert').getByText('NIK, KPJ, NPP, atau nama: Ketik paling sedikit 3 huruf atau angka.').waitFor();
  await assertAccessible(page, 'search with an error');

  await page.getByLabel('NIK, KPJ, NPP, atau nama').fill('ahmad fauzi');
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  const results = page.getByRole('region', { name: 'Hasil pencarian' });
  await results.getByRole('link', { name: AHMAD_MASKED }).waitFor();
  await results.getByText('1 hasil untuk "ahmad fauzi"').waitFor();
  assert.ok(!(await page.content()).includes(AHMAD.nik), 'the results never show a whole NIK');
  assert.ok(!(await page.content()).includes('Fauzi'), 'nor the whole name');
  await assertAccessible(page, 'search results');

  // nothing found: said plainly
  await page.getByLabel('NIK, KPJ, NPP, atau nama').fill('zzzqqq');
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await page.getByText('Tidak ada orang atau perusahaan yang cocok dengan "zzzqqq" di wilayah kerja Anda.', { exact: false }).waitFor();
  await page.goBack();
  await results.getByRole('link', { name: AHMAD_MASKED }).click();

  // the whole record, with the note that opening it is audited
  await page.getByRole('heading', { level: 1, name: AHMAD.fullName }).waitFor();
  await page.getByText(AHMAD.nik, { exact: true }).waitFor();
  await page.getByText('Pembukaan data ini tercatat dalam jejak audit.').waitFor();
  await page.getByText('17 Juni 1985').waitFor();
  await page.getByText('Menunggu iuran pertama').waitFor();
  await page.getByText('Rp2.000.000 per bulan').waitFor();
  assert.equal(await page.title(), 'Data peserta · Lindung');
  const viewed = await env.db.selectFrom('audit_events').select('actor_role').where('action', '=', 'person.viewed').where('entity_id', '=', String(ahmad.personId)).execute();
  assert.ok(viewed.length >= 1 && viewed.every((v) => v.actor_role === 'officer'), 'the view is in the audit trail');
  await assertAccessible(page, 'person record');

  // a mistyped Lindung KPJ is refused with the server's own words, beside the field and on top
  const mistyped = `${ahmad.kpj.slice(0, 10)}${(Number(ahmad.kpj.slice(-1)) + 1) % 10}`;
  await page.getByLabel('Nomor KPJ lama').fill(mistyped);
  await page.getByRole('button', { name: 'Tambahkan KPJ' }).click();
  await page.getByRole('alert').getByText('Nomor KPJ lama: Nomor KPJ salah ketik (angka pemeriksa tidak cocok).').waitFor();
  await assertAccessible(page, 'attach with an error');

  await page.getByLabel('Nomor KPJ lama').fill('12001234567');
  await page.getByRole('button', { name: 'Tambahkan KPJ' }).click();
  await page.getByRole('status').getByText('KPJ 120 0123 4567 ditambahkan.', { exact: false }).waitFor();
  await page.getByRole('row', { name: /120 0123 4567 Kartu lama.*Dipakai/ }).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0, 'the earlier error is gone');

  // merging without choosing is explained; then the older card is merged into the Lindung KPJ
  await page.getByRole('button', { name: 'Gabungkan KPJ' }).click();
  await page.getByRole('alert').getByText(/Pilih paling sedikit satu KPJ untuk digabung/).waitFor();
  assert.ok(await page.getByRole('group', { name: 'KPJ utama (tetap dipakai)' }).getByRole('radio', { name: new RegExp(grouped(ahmad.kpj)) }).isChecked());
  await page.getByRole('group', { name: 'KPJ yang digabung ke KPJ utama' }).getByRole('checkbox', { name: /120 0123 4567/ }).check();
  await page.getByRole('button', { name: 'Gabungkan KPJ' }).click();
  await page.getByRole('status').getByText(`KPJ digabung ke ${grouped(ahmad.kpj)}.`).waitFor();
  await page.getByRole('row', { name: new RegExp(`120 0123 4567 Kartu lama.*Digabung ke ${grouped(ahmad.kpj)} pada`) }).waitFor();
  await page.getByText('Penggabungan memerlukan paling sedikit dua KPJ yang belum digabung.').waitFor();
  const kpjs = await env.db.selectFrom('kpj_numbers').select(['kpj', 'merged_into']).where('person_id', '=', ahmad.personId).orderBy('issued_at').execute();
  assert.deepEqual(kpjs, [{ kpj: ahmad.kpj, merged_into: null }, { kpj: '12001234567', merged_into: ahmad.kpj }]);
  await assertAccessible(page, 'person record after the merge');
});

test('a duplicate-looking registration waits in the queue until the officer marks it "not a duplicate"', async () => {
  const twin = await registerBpu({ ...AHMAD, nik: nikFor('157101', AHMAD.birthDate, 'M', 32), phone: '081377770002' });
  const page = await env.newPage(PHONE);
  await signIn(page, 'petugas.jambi');
  await nav(page).getByRole('link', { name: 'Data ganda' }).click();
  await page.getByRole('heading', { level: 1, name: 'Kemungkinan data ganda' }).waitFor();
  const candidate = page.locator('.candidate').filter({ has: page.getByRole('link', { name: AHMAD_MASKED }) });
  await candidate.getByRole('heading', { level: 2, name: 'Nama dan tanggal lahir sama' }).waitFor();
  await candidate.getByText(/Kota Jambi/).first().waitFor();
  assert.equal(await candidate.getByRole('link', { name: AHMAD_MASKED }).count(), 2, 'both people, masked');
  const hrefs = await candidate.getByRole('link', { name: AHMAD_MASKED }).evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs.sort(), [`/orang/${ahmad.personId}`, `/orang/${twin.personId}`].sort());
  assert.ok(!(await page.content()).includes(AHMAD.nik), 'no whole NIK in the queue');
  await assertAccessible(page, 'duplicates queue');

  await candidate.getByRole('button', { name: 'Bukan data ganda' }).click();
  await page.getByRole('status').getByText(/Ditandai bukan data ganda: Nama dan tanggal lahir sama/).waitFor();
  await page.getByText('Tidak ada kemungkinan data ganda yang menunggu di wilayah kerja Anda.').waitFor();
  const candidates = await env.db.selectFrom('duplicate_candidates').select(['person_ids', 'status']).where('kind', '=', 'same_name_birth').execute();
  const decided = candidates.find((c) => c.person_ids.map(Number).includes(ahmad.personId) && c.person_ids.map(Number).includes(twin.personId));
  assert.equal(decided?.status, 'not_duplicate');
  await assertAccessible(page, 'empty duplicates queue');
});

test('an officer registers an employer in Kota Jambi through the form and gets its NPP', async () => {
  const page = await env.newPage(PHONE);
  await signIn(page, 'petugas.jambi');
  await nav(page).getByRole('link', { name: 'Pemberi kerja baru' }).click();
  await page.getByRole('heading', { level: 1, name: 'Daftarkan pemberi kerja' }).waitFor();
  assert.equal(await page.title(), 'Pemberi kerja baru · Lindung');
  await assertAccessible(page, 'employer registration');

  await page.getByRole('button', { name: 'Daftarkan dan terbitkan NPP' }).click();
  const summary = page.getByRole('alert');
  await summary.getByText('Nama badan usaha: Wajib diisi.').waitFor();
  await summary.getByText('Kelompok risiko kecelakaan kerja: Wajib diisi.').waitFor();
  await summary.getByText('Desa/kelurahan tempat usaha: Pilih desa/kelurahan dari daftar.').waitFor();
  await assertAccessible(page, 'employer registration with errors');

  await page.getByLabel('Nama badan usaha').fill('CV Batanghari Mandiri');
  await page.getByLabel('Sektor usaha').fill('Toko bahan bangunan');
  await page.getByLabel('Kelompok risiko kecelakaan kerja').selectOption({ label: '2 — rendah' });
  await page.getByLabel('Skala usaha').selectOption({ label: 'Kecil' });
  await page.getByLabel('Usaha padat karya').check();
  await page.getByLabel('Alamat usaha').fill('Jl. Sultan Thaha No. 12, Kota Jambi');
  await page.getByLabel('Desa/kelurahan tempat usaha').fill(village.name);
  await page.getByRole('button', { name: 'Cari desa' }).click();
  await page.getByRole('group', { name: 'Pilih desa/kelurahan' }).getByRole('radio', { name: new RegExp(`${village.name}.*Kota Jambi`) }).first().check();
  await page.getByLabel('Buat akun untuk HRD sekarang').check();
  await page.getByLabel('Nama pengguna').fill('hrd.batanghari');
  await page.getByLabel('Nama pemegang akun').fill('HRD CV Batanghari');
  await page.getByLabel('Kata sandi awal').fill('pendek');
  await page.getByRole('button', { name: 'Daftarkan dan terbitkan NPP' }).click();
  await summary.getByText('Kata sandi awal: Paling sedikit 12 karakter.').waitFor();
  await page.getByLabel('Kata sandi awal').fill('batanghari-2026-aman');
  await page.getByRole('button', { name: 'Daftarkan dan terbitkan NPP' }).click();

  await page.getByRole('heading', { level: 1, name: 'Pemberi kerja terdaftar' }).waitFor();
  const npp = (await page.locator('.big-number').textContent())!.trim();
  assert.match(npp, /^9\d{7}$/);
  await page.getByText('Dilayani kantor cabang Jambi.', { exact: false }).waitFor();
  await page.getByText('Akun HRD "hrd.batanghari" sudah dibuat.', { exact: false }).waitFor();
  await assertAccessible(page, 'employer registered');
  const saved = await env.db.selectFrom('employers').select(['regency_code', 'risk_class', 'size_class', 'labor_intensive', 'village_code']).where('npp', '=', npp).executeTakeFirstOrThrow();
  assert.deepEqual(saved, { regency_code: '15.71', risk_class: 2, size_class: 'small', labor_intensive: true, village_code: village.code });

  await page.getByRole('link', { name: 'Buka halaman CV Batanghari Mandiri' }).click();
  await page.getByRole('heading', { level: 1, name: 'CV Batanghari Mandiri' }).waitFor();
  await page.getByText(npp, { exact: true }).waitFor();

  // the NPP finds it in the officer's search
  await page.goto(`/cari?q=${npp}`);
  await page.getByRole('region', { name: 'Hasil pencarian' }).getByRole('link', { name: 'CV Batanghari Mandiri' }).waitFor();
});

test('the participant signs in with an SMS code, reads the reported wages and adds a child who may get a scholarship', async () => {
  // an employer reports Ahmad as a worker, so there is a wage to read
  const hr = await env.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'pemberi.kerja', password: 'lindung-demo-2026' } });
  const employer = await env.db.selectFrom('employers').select('id').where('legal_name', '=', 'PT Samudra Jaya').executeTakeFirstOrThrow();
  const hired = await env.app.inject({ method: 'POST', url: `/api/v1/employers/${employer.id}/workers`, headers: { authorization: `Bearer ${hr.json().token}` }, payload: {
    nik: AHMAD.nik, fullName: AHMAD.fullName, birthDate: AHMAD.birthDate, sex: AHMAD.sex, contractType: 'PKWT', startDate: '2025-12-01', wage: 3_750_000, wageMonth: '2026-01',
  } });
  assert.equal(hired.statusCode, 201, hired.body);

  const page = await env.newPage(PHONE);
  await page.goto('/masuk');
  await page.getByRole('button', { name: 'Dengan kode SMS' }).click();
  await page.getByLabel('Nomor HP').fill(AHMAD.phone);
  await page.getByRole('button', { name: 'Kirim kode' }).click();
  await page.getByRole('status').getByText(/kode 6 angka/).waitFor();
  const outbox = (await env.app.inject({ method: 'GET', url: '/api/v1/dev/outbox' })).json().items as { body: string }[];
  const code = outbox.map((m) => /Kode masuk Lindung: (\d{6})\./.exec(m.body)?.[1]).find(Boolean)!;
  await page.getByLabel('Kode 6 angka').fill(code);
  await page.getByRole('button', { name: 'Masuk', exact: true }).last().click();
  await page.getByRole('heading', { level: 1, name: `Selamat datang, ${AHMAD.fullName}` }).waitFor();
  await page.getByRole('main').getByRole('link', { name: 'Upah saya' }).waitFor();
  await page.getByRole('main').getByRole('link', { name: 'Keluarga saya' }).waitFor();

  // wages, as the employer reported them, with the month in words
  await nav(page).getByRole('link', { name: 'Upah', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Upah saya' }).waitFor();
  await page.getByText('Upah ini yang dilaporkan pemberi kerja Anda. Jika tidak sesuai, hubungi HRD atau kantor cabang.').waitFor();
  await page.getByRole('row', { name: /Januari 2026 PT Samudra Jaya NPP 9\d{7} Rp3\.750\.000/ }).waitFor();
  await assertAccessible(page, 'my wages');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { level: 1, name: 'My wages' }).waitFor();
  await page.getByRole('row', { name: /January 2026 PT Samudra Jaya NPP 9\d{7} Rp3,750,000/ }).waitFor();
  await page.getByRole('button', { name: 'Ganti ke Bahasa Indonesia' }).click();

  // family: errors in the user's language, then a child who may claim and may get a scholarship
  await nav(page).getByRole('link', { name: 'Keluarga', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Keluarga saya' }).waitFor();
  await page.getByText('Belum ada anggota keluarga yang dicatat.').waitFor();
  await assertAccessible(page, 'my family, empty');
  await page.getByRole('button', { name: 'Simpan anggota keluarga' }).click();
  await page.getByRole('alert').getByText('Hubungan keluarga: Wajib diisi.').waitFor();
  await page.getByRole('alert').getByText('Jenis kelamin: Wajib diisi.').waitFor();
  await assertAccessible(page, 'my family with errors');

  await page.getByLabel('Hubungan keluarga').selectOption({ label: 'Anak' });
  await page.getByLabel('Nama lengkap').fill('Putri Aulia Harahap');
  await page.getByLabel('NIK (boleh dikosongkan)').fill(nikFor('157101', '2015-05-03', 'F', 41));
  await page.getByLabel('Tanggal lahir').fill('2015-05-04');
  await page.getByLabel('Perempuan').check();
  await page.getByRole('button', { name: 'Simpan anggota keluarga' }).click();
  await page.getByRole('alert').getByText(/^Tanggal lahir: Tanggal lahir tidak sesuai dengan NIK/).waitFor();
  await page.locator('#birthDate-error').getByText(/Tanggal lahir tidak sesuai dengan NIK/).waitFor();
  await assertAccessible(page, 'my family with a server error');
  await page.getByLabel('Tanggal lahir').fill('2015-05-03');
  await page.getByRole('button', { name: 'Simpan anggota keluarga' }).click();
  await page.getByRole('status').getByText('Putri Aulia Harahap sudah dicatat.').waitFor();
  const child = page.getByRole('listitem').filter({ hasText: 'Putri Aulia Harahap' });
  await child.getByText('Berhak beasiswa').waitFor();
  await child.getByText('Boleh mengajukan klaim').waitFor();
  await child.getByText(/Anak/).waitFor();
  await assertAccessible(page, 'my family with a child');

  // an account not linked to a participant record is told so, with no form to fail
  const unlinked = await env.createUser('participant', { phone: '+6281377770000' });
  const demo = await env.newPage(PHONE);
  await signIn(demo, unlinked, TEST_PASSWORD);
  await demo.goto('/keluarga');
  await demo.getByText(/belum terhubung dengan data kepesertaan/).waitFor();
  await demo.goto('/upah');
  await demo.getByText(/belum terhubung dengan data kepesertaan/).waitFor();
  await assertAccessible(demo, 'my wages, account not linked');

  // the demo participant is a fisher with no employer yet: no wages reported
  await signIn(demo, 'peserta');
  await demo.goto('/upah');
  await demo.getByText(/Belum ada upah yang dilaporkan/).waitFor();
  await assertAccessible(demo, 'my wages, empty');
});

test('staff pages are not for other roles', async () => {
  const page = await env.newPage(PHONE);
  await signIn(page, 'pemberi.kerja');
  for (const path of ['/cari', '/duplikat', '/perusahaan/baru', `/orang/${ahmad.personId}`]) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: 'Halaman tidak ditemukan' }).waitFor();
  }
  assert.equal(await nav(page).getByRole('link', { name: 'Cari', exact: true }).count(), 0);
  const auditor = await env.newPage(PHONE);
  await signIn(auditor, 'auditor');
  await auditor.goto(`/orang/${ahmad.personId}`);
  await auditor.getByRole('heading', { level: 1, name: AHMAD.fullName }).waitFor();
  assert.equal(await auditor.getByRole('heading', { name: 'Tindakan petugas' }).count(), 0, 'an auditor reads, never changes');
});
