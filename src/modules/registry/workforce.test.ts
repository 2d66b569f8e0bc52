import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { testApp, TEST_PASSWORD } from '../../../test/support/app.ts';
import { nikFor } from '../../../test/support/people.ts';
import { luhnValid } from './check-digits.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let officer: Record<string, string>;
let hr: Record<string, string>;
let employerId: number;
let jambiVillage: string;
after(() => t.close());

const JAMBI = '157101'; // Kota Jambi, district 01
const workers = Array.from({ length: 6 }, (_, i) => {
  const birthDate = `19${80 + i}-0${(i % 9) + 1}-1${i}`;
  const sex = i % 2 ? 'F' : 'M';
  return { nik: nikFor(JAMBI, birthDate, sex, i + 1), name: ['Ahmad Fauzi', 'Rina Marlina', 'Joko Susilo', 'Dewi Lestari', 'Hendra Gunawan', 'Sri Wahyuni'][i]!, birthDate, sex: sex === 'F' ? 'P' : 'L' };
});
const HEADER = 'nik,nama,tanggal_lahir,jenis_kelamin,no_pegawai,jenis_kontrak,tanggal_mulai,upah,bulan_upah,tanggal_berhenti,alasan_berhenti';
const line = (w: (typeof workers)[number], wage: number, extra = ',,') => `${w.nik},${w.name},${w.birthDate},${w.sex},E-${w.nik.slice(-2)},PKWTT,2022-01-03,${wage},2026-01${extra}`;

async function upload(body: string | Buffer, contentType = 'text/csv', headers: Record<string, string> = hr, lang = 'id') {
  return t.app.inject({
    method: 'POST', url: `/api/v1/employers/${employerId}/workforce-uploads?fileName=tenaga-kerja.csv`, payload: body,
    headers: { ...headers, 'content-type': contentType, 'accept-language': lang },
  });
}
const count = async (table: 'people' | 'employments' | 'wages' | 'participants') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

before(async () => {
  t = await testApp();
  jambiVillage = (await t.db.selectFrom('regions').select('code').where('parent_code', '=', '15.71.01').orderBy('code').executeTakeFirstOrThrow()).code;
  officer = await t.signIn(await t.createUser('officer', { branchCode: 'JMB' }));
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/employers', headers: officer, payload: {
    legalName: 'PT Batanghari Lestari', sector: 'Pengolahan karet', riskClass: 3, sizeClass: 'medium', address: 'Jl. Gatot Subroto 12, Kota Jambi',
    villageCode: jambiVillage, admin: { username: 'hrd.batanghari', displayName: 'HRD Batanghari', password: TEST_PASSWORD },
  } });
  assert.equal(res.statusCode, 201, res.body);
  employerId = res.json().id;
  assert.ok(luhnValid(res.json().npp) && res.json().npp.length === 8, 'the NPP has 8 digits and a check digit');
  assert.equal(res.json().branchName, 'Jambi');
  hr = await t.signIn('hrd.batanghari');
});

test('HR reports one joiner, a wage change and a leaver; the PU participation follows', async () => {
  const w = workers[5]!;
  const hire = await t.app.inject({ method: 'POST', url: `/api/v1/employers/${employerId}/workers`, headers: hr, payload: {
    nik: w.nik, fullName: w.name, birthDate: w.birthDate, sex: 'F', contractType: 'PKWT', startDate: '2025-06-02', wage: 3_200_000, wageMonth: '2025-06',
  } });
  assert.equal(hire.statusCode, 201, hire.body);
  const { employmentId, participantId } = hire.json();
  const again = await t.app.inject({ method: 'POST', url: `/api/v1/employers/${employerId}/workers`, headers: hr, payload: {
    nik: w.nik, fullName: w.name, birthDate: w.birthDate, sex: 'F', contractType: 'PKWT', startDate: '2025-06-02', wage: 3_200_000,
  } });
  assert.equal(again.statusCode, 409);
  const list = (await t.app.inject({ method: 'GET', url: `/api/v1/employers/${employerId}/workers`, headers: hr })).json();
  assert.equal(list.total, 1);
  assert.equal(list.items[0].nikMasked, `${w.nik.slice(0, 4)}********${w.nik.slice(12)}`, 'lists show the NIK masked');
  assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/employers/${employerId}/workers/${employmentId}/wages`, headers: hr, payload: { effectiveMonth: '2025-09', wage: 3_400_000 } })).statusCode, 204);
  const early = await t.app.inject({ method: 'POST', url: `/api/v1/employers/${employerId}/workers/${employmentId}/end`, headers: hr, payload: { endDate: '2025-01-01', endReason: 'resignation' } });
  assert.equal(early.statusCode, 422);
  assert.equal(early.json().errors[0].rule, 'date_before_start');
  assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/employers/${employerId}/workers/${employmentId}/end`, headers: hr, payload: { endDate: '2025-10-31', endReason: 'resignation' } })).statusCode, 204);
  const participant = await t.db.selectFrom('participants').select(['status', 'programs']).where('id', '=', participantId).executeTakeFirstOrThrow();
  assert.equal(participant.status, 'ended', 'no other employment: the PU participation ends');
  assert.deepEqual(participant.programs, ['JKK', 'JKM', 'JHT', 'JP', 'JKP']);
});

test('a file with bad rows is checked whole, reported row by row, and nothing is applied', async () => {
  const before = await Promise.all([count('people'), count('employments'), count('wages')]);
  const [a, b, c] = workers;
  const file = [HEADER,
    line(a!, 4_500_000),
    `${b!.nik},${b!.name},${b!.birthDate},L,E-2,PKWTT,2022-01-03,4.750.000,2026-01,,`,          // sex disagrees with the NIK
    `${c!.nik.slice(0, 12)}0000,${c!.name},${c!.birthDate},L,E-3,KONTRAK,2030-01-01,abc,2026-13,,`, // serial 0000, contract, future, wage, month
    line(a!, 4_600_000),                                                                               // the same NIK again
  ].join('\n');
  const res = await upload(file);
  assert.equal(res.statusCode, 201, res.body);
  const body = res.json();
  assert.equal(body.status, 'rejected');
  assert.equal(body.totalRows, 4);
  assert.equal(body.errorRows, 3);
  const found = body.errors.map((e: any) => `${e.row}:${e.column}:${e.rule}`).sort();
  assert.deepEqual(found, [
    '3:jenis_kelamin:nik_sex_mismatch',
    '4:bulan_upah:month_invalid', '4:jenis_kontrak:contract_invalid', '4:nik:nik_serial', '4:tanggal_mulai:date_in_future', '4:upah:wage_invalid',
    '5:nik:duplicate_in_file',
  ]);
  assert.equal(body.errors.find((e: any) => e.rule === 'duplicate_in_file').message, 'NIK ini muncul lebih dari sekali dalam berkas (baris 2).');
  assert.deepEqual(await Promise.all([count('people'), count('employments'), count('wages')]), before, 'nothing applied');

  const apply = await t.app.inject({ method: 'POST', url: `/api/v1/employers/${employerId}/workforce-uploads/${body.id}/apply`, headers: hr });
  assert.equal(apply.statusCode, 409);
  assert.equal(apply.json().code, 'upload_has_errors');

  const report = await t.app.inject({ method: 'GET', url: `/api/v1/employers/${employerId}/workforce-uploads/${body.id}/errors.csv`, headers: { ...hr, 'accept-language': 'en' } });
  assert.equal(report.statusCode, 200);
  assert.match(String(report.headers['content-type']), /text\/csv/);
  const lines = report.body.replace(/^\uFEFF/, '').trim().split('\n');
  assert.equal(lines[0], 'row,column,value,error');
  assert.equal(lines.length, 8);
  assert.ok(lines.some((l) => l.startsWith('4,upah,abc,') && l.includes('whole number of rupiah')));
});

test('a clean file is previewed, applied in one go, and a repeat changes nothing', async () => {
  const file = [HEADER, ...workers.slice(0, 4).map((w, i) => line(w, 4_000_000 + i * 100_000))].join('\n');
  const checked = await upload(file);
  assert.equal(checked.statusCode, 201);
  const upl = checked.json();
  assert.equal(upl.status, 'validated');
  assert.deepEqual(upl.summary, { newPeople: 4, newWorkers: 4, wageChanges: 0, endings: 0, unchanged: 0 });
  assert.equal(await count('employments'), 1, 'checking applies nothing');

  const applied = await t.app.inject({ method: 'POST', url: `/api/v1/employers/${employerId}/workforce-uploads/${upl.id}/apply`, headers: hr });
  assert.equal(applied.statusCode, 200, applied.body);
  assert.equal(applied.json().status, 'applied');
  assert.deepEqual(applied.json().summary, upl.summary, 'what was applied is what the preview said');
  const open = (await t.app.inject({ method: 'GET', url: `/api/v1/employers/${employerId}/workers`, headers: hr })).json();
  assert.equal(open.total, 4);
  assert.deepEqual(open.items.map((w: any) => w.wage).sort(), [4_000_000, 4_100_000, 4_200_000, 4_300_000]);
  const kpjs = await t.db.selectFrom('kpj_numbers').select('kpj').execute();
  assert.ok(kpjs.every((k) => luhnValid(k.kpj)), 'KPJs issued in SQL carry a valid check digit');

  const snapshot = await Promise.all([count('people'), count('employments'), count('wages'), count('participants')]);
  const repeat = await upload(file);
  assert.equal(repeat.statusCode, 200);
  assert.equal(repeat.json().repeated, true);
  assert.equal(repeat.json().id, upl.id, 'the same file is the same upload');
  assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/employers/${employerId}/workforce-uploads/${upl.id}/apply`, headers: hr })).statusCode, 200);
  const reordered = [HEADER, ...workers.slice(0, 4).reverse().map((w) => line(w, 4_000_000 + workers.indexOf(w) * 100_000))].join('\n');
  const same = (await upload(reordered)).json();
  assert.deepEqual(same.summary, { newPeople: 0, newWorkers: 0, wageChanges: 0, endings: 0, unchanged: 4 });
  await t.app.inject({ method: 'POST', url: `/api/v1/employers/${employerId}/workforce-uploads/${same.id}/apply`, headers: hr });
  assert.deepEqual(await Promise.all([count('people'), count('employments'), count('wages'), count('participants')]), snapshot, 'the registry already said this');
});

test('an XLSX file with a raise and a leaver is applied the same way', async () => {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Tenaga kerja');
  sheet.addRow(HEADER.split(','));
  const [a, b] = workers;
  sheet.addRow([a!.nik, a!.name, new Date(`${a!.birthDate}T00:00:00Z`), 'L', 'E-01', 'PKWTT', new Date('2022-01-03T00:00:00Z'), 4_800_000, '2026-03', '', '']);
  sheet.addRow([b!.nik, b!.name, b!.birthDate, 'P', 'E-02', 'PKWTT', '03/01/2022', '4.100.000', '2026-01', '28/02/2026', 'mengundurkan diri']);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const res = await upload(buffer, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().status, 'validated', JSON.stringify(res.json().errors));
  assert.deepEqual(res.json().summary, { newPeople: 0, newWorkers: 0, wageChanges: 1, endings: 1, unchanged: 0 });
  await t.app.inject({ method: 'POST', url: `/api/v1/employers/${employerId}/workforce-uploads/${res.json().id}/apply`, headers: hr });
  const all = (await t.app.inject({ method: 'GET', url: `/api/v1/employers/${employerId}/workers?status=all`, headers: hr })).json().items;
  const ended = all.find((w: any) => w.fullName === b!.name);
  assert.equal(ended.endDate, '2026-02-28');
  assert.equal(ended.endReason, 'resignation');
});

test('a file without the required columns is refused at once', async () => {
  const res = await upload('nama,upah\nBudi,5000000\n', 'text/csv', hr, 'en');
  assert.equal(res.statusCode, 422);
  assert.equal(res.json().code, 'upload_unreadable');
  assert.ok(res.json().errors.some((e: any) => e.field === 'nik' && e.rule === 'column_missing'));
});

test('other employers and other branches cannot see or change this workforce', async () => {
  const otherHr = await t.signIn(await t.createUser('employer_admin'));
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/employers/${employerId}/workers`, headers: otherHr })).statusCode, 404);
  assert.equal((await upload(`${HEADER}\n`, 'text/csv', otherHr)).statusCode, 404);
  const semarang = await t.signIn(await t.createUser('officer', { branchCode: 'SMG-MJP' }));
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/employers/${employerId}`, headers: semarang })).statusCode, 403);
  const list = (await t.app.inject({ method: 'GET', url: '/api/v1/employers', headers: semarang })).json();
  assert.equal(list.items.length, 0, 'lists are scoped to the branch');
  const jambiList = (await t.app.inject({ method: 'GET', url: '/api/v1/employers', headers: officer })).json();
  assert.equal(jambiList.items.length, 1);
});

test('an employer admin adds an HR colleague, who can work on the same workforce', async () => {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/employers/${employerId}/users`, headers: hr, payload: { username: 'hrd2.batanghari', displayName: 'Staf HRD Kedua', password: TEST_PASSWORD } });
  assert.equal(res.statusCode, 201, res.body);
  const users = (await t.app.inject({ method: 'GET', url: `/api/v1/employers/${employerId}/users`, headers: hr })).json().items;
  assert.deepEqual(users.map((u: any) => u.username), ['hrd.batanghari', 'hrd2.batanghari']);
  const colleague = await t.signIn('hrd2.batanghari');
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/employers/${employerId}/workers`, headers: colleague })).statusCode, 200);
  const outsider = await t.signIn(await t.createUser('employer_admin'));
  assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/employers/${employerId}/users`, headers: outsider, payload: { username: 'penyusup', displayName: 'Penyusup', password: TEST_PASSWORD } })).statusCode, 404);
});
