import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { testApp, TEST_PASSWORD } from '../../../test/support/app.ts';
import { nikFor } from '../../../test/support/people.ts';
import { SYSTEM } from '../audit/audit.ts';
import { addMonths } from '../contributions/calendar.ts';
import { registerBpu } from '../registry/bpu-registration.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let officer: Record<string, string>;
let auditor: Record<string, string>;
let company: Record<string, string>;
let individual: Record<string, string>;
let stranger: Record<string, string>;
let campaign: string;
const receipts: Record<'company' | 'guest' | 'individual' | 'pending', string> = { company: '', guest: '', individual: '', pending: '' };
const workers: { nik: string; name: string; phone: string }[] = [];
after(() => t.close());

const en = (h: Record<string, string> = {}) => ({ ...h, 'accept-language': 'en' });
const month0 = `${new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7)}-01`;
const month = (n: number) => addMonths(month0, n).slice(0, 7);

/** The text a PDF shows, its white space collapsed: pdfkit writes each line as hex strings in a TJ array inside a deflated content stream. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  // pdfkit writes exactly "stream\n", the data, "\nendstream"; the deflated data may itself end in a \r byte
  for (const m of raw.matchAll(/stream\n([\s\S]*?)\nendstream/g)) {
    let content: string;
    try { content = inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1'); } catch { continue; }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      out.push([...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''));
    }
  }
  return out.join(' ').replace(/\s+/g, ' ');
}

/** Every cell of every sheet, as text. */
function bookText(book: ExcelJS.Workbook): string {
  const cells: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => { cells.push(String(cell.value)); })));
  return cells.join('\n');
}

async function xlsx(url: string, headers: Record<string, string>) {
  const res = await t.app.inject({ method: 'GET', url, headers });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as never);
  return book;
}

/** The value beside a label in the summary sheet. */
function summaryValue(book: ExcelJS.Workbook, sheet: string, label: string): unknown {
  let value: unknown;
  book.getWorksheet(sheet)!.eachRow((row) => { if (row.getCell(1).value === label) value = row.getCell(2).value; });
  assert.notEqual(value, undefined, `${label} in ${sheet}`);
  return value;
}

const rowsOf = (book: ExcelJS.Workbook, sheet: string) => {
  const rows: unknown[][] = [];
  book.getWorksheet(sheet)!.eachRow((row, n) => { if (n > 1) rows.push((row.values as unknown[]).slice(1)); });
  return rows;
};

async function pledge(headers: Record<string, string>, body: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/campaigns/${campaign}/donations`, headers, payload: body });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { receiptCode: string; amount: number };
}

async function payAtCounter(receipt: string, amount: number, ref: string) {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/donations/${receipt}/counter-payment`, headers: officer, payload: { amount, channelRef: ref } });
  assert.equal(res.statusCode, 201, res.body);
}

before(async () => {
  t = await testApp();
  officer = await t.signIn(await t.createUser('officer', { branchCode: 'TTE', regionCodes: ['82'] }));
  auditor = await t.signIn(await t.createUser('auditor'));
  // three vulnerable fishers in villages of a North Maluku regency
  const regency = (await t.db.selectFrom('regions').select('code').where('parent_code', '=', '82').where('kind', '=', 'regency').orderBy('code').executeTakeFirstOrThrow()).code;
  const villages = (await t.db.selectFrom('regions').select('code').where('code', 'like', `${regency}.%`).where('level', '=', 4).orderBy('code').limit(2).execute()).map((r) => r.code);
  const district = regency.replace('.', '') + '01';
  const people = [
    { name: 'Hasan Tidore', village: villages[0]!, income: 1_200_000 },
    { name: 'Rosmini Kiat', village: villages[1]!, income: 1_500_000 },
    { name: 'Ibrahim Sahafi', village: villages[0]!, income: 1_000_000 },
  ];
  for (const [i, p] of people.entries()) {
    const nik = nikFor(district, `1986-04-0${i + 1}`, 'M', 8101 + i);
    const phone = `08127733${String(3000 + i)}`;
    await registerBpu(t.db, { nik, fullName: p.name, birthDate: `1986-04-0${i + 1}`, sex: 'M', phone, villageCode: p.village, occupation: 'fisher', declaredIncome: p.income, programs: ['JKK', 'JKM'], vulnerable: true }, { actor: SYSTEM, via: 'agent' });
    workers.push({ nik, name: p.name, phone: `+62${phone.slice(1)}` });
  }
  const donor = async (payload: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/lingkaran/donors', payload: { ...payload, password: TEST_PASSWORD } });
    assert.equal(res.statusCode, 201, res.body);
    return t.signIn(payload.username as string);
  };
  company = await donor({ kind: 'company', name: 'PT Bahari Maluku Utara', csrProgram: 'Bahari Peduli Nelayan', taxId: '012345678901000', email: 'csr@bahari.example.id', username: 'csr.bahari' });
  individual = await donor({ kind: 'individual', name: 'Maria Sahetapy', email: 'maria@example.id', anonymous: true, username: 'maria.s' });
  stranger = await donor({ kind: 'company', name: 'PT Lain Sekali', csrProgram: 'Peduli Lain', taxId: '098765432109000', email: 'csr@lain.example.id', username: 'csr.lain' });

  const created = await t.app.inject({ method: 'POST', url: '/api/v1/lingkaran/campaigns', headers: company, payload: {
    title: 'Nelayan Halmahera Terlindungi', targetWorkers: 3, months: 3, regionCodes: [regency], occupationCodes: ['fisher'],
  } });
  assert.equal(created.statusCode, 201, created.body);
  campaign = created.json().code;
  const monthly = created.json().monthlyAmount as number;

  receipts.company = (await pledge(company, { amount: 100_000, anonymous: false, requestKey: 'doc-company-0001' })).receiptCode;
  receipts.guest = (await pledge({}, { amount: 60_000, anonymous: true, requestKey: 'doc-guest-000001', guest: { name: 'Nur Aisyah', phone: '0813 5555 1212' } })).receiptCode;
  receipts.individual = (await pledge(individual, { amount: 40_000, anonymous: true, requestKey: 'doc-maria-000001' })).receiptCode;
  receipts.pending = (await pledge(stranger, { amount: 50_000, anonymous: false, requestKey: 'doc-lain-0000001' })).receiptCode;
  await payAtCounter(receipts.company, 100_000, 'LKT-DOC-1');
  await payAtCounter(receipts.guest, 60_000, 'LKT-DOC-2');
  await payAtCounter(receipts.individual, 40_000, 'LKT-DOC-3');

  const run = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/campaigns/${campaign}/allocation-runs`, headers: officer, payload: {} });
  assert.equal(run.statusCode, 201, run.body);
  assert.deepEqual([run.json().workers, run.json().workerMonths, run.json().amount], [3, 9, 9 * monthly]);
});

test('a paid donation\'s receipt is a PDF with its code, donor, campaign, amount, channel and ledger entry', async () => {
  const view = (await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/donations/${receipts.company}` })).json();
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/donations/${receipts.company.toLowerCase()}/receipt.pdf` });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['content-type'], 'application/pdf');
  assert.equal(res.headers['content-disposition'], `attachment; filename="tanda-terima-${receipts.company}.pdf"`);
  assert.equal(res.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(res.rawPayload.subarray(-16).toString('latin1'), /%%EOF\s*$/);
  const text = pdfText(res.rawPayload);
  for (const expected of [
    receipts.company, 'Tanda terima donasi GN Lingkaran', 'GN Lingkaran donation receipt', 'PT Bahari Maluku Utara', 'Nelayan Halmahera Terlindungi', 'Rp100.000',
    'Tunai di loket', 'Cash at a branch counter', `#${view.entryId}`, '/lingkaran', '/api/v1/lingkaran/ledger.csv', 'WIB', 'dana donasi GN Lingkaran', 'JKK', 'JKM',
  ]) assert.ok(text.includes(expected), `the receipt shows ${expected}:\n${text}`);
  assert.equal((res.rawPayload.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length, 1, 'one page');
  // the same code finds it in the public list and the public CSV
  const csv = await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/ledger.csv?campaign=${campaign}` });
  assert.ok(csv.body.split('\n').some((l) => l.split(',')[2] === receipts.company));
});

test('an anonymous donor\'s name is on the receipt only for that donor signed in or for staff, since receipt codes are public', async () => {
  const page = (await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/campaigns/${campaign}` })).json();
  assert.ok(page.donations.some((d: { receiptCode: string; donor: string | null }) => d.receiptCode === receipts.guest && d.donor === null), 'the public list prints the code');
  const anyone = pdfText((await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/donations/${receipts.guest}/receipt.pdf` })).rawPayload);
  assert.ok(anyone.includes('Donatur anonim') && !anyone.includes('Nur Aisyah'), anyone);
  const atCounter = pdfText((await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/donations/${receipts.guest}/receipt.pdf`, headers: officer })).rawPayload);
  assert.ok(atCounter.includes('Nur Aisyah') && atCounter.includes('"Donatur anonim"'), 'staff print the name, noting it is anonymous in public');
  const own = pdfText((await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/donations/${receipts.individual}/receipt.pdf`, headers: individual })).rawPayload);
  assert.ok(own.includes('Maria Sahetapy') && own.includes('"Anonymous donor"'), own);
  const other = pdfText((await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/donations/${receipts.individual}/receipt.pdf`, headers: company })).rawPayload);
  assert.ok(!other.includes('Maria Sahetapy') && other.includes('Donatur anonim'));
});

test('a pending donation has no receipt: a 409 problem in the reader\'s language; an unknown code is 404', async () => {
  const id = await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/donations/${receipts.pending}/receipt.pdf` });
  assert.equal(id.statusCode, 409);
  assert.match(id.headers['content-type'] as string, /^application\/problem\+json/);
  assert.deepEqual([id.json().code, id.json().title], ['donation_not_paid', 'Donasi belum dibayar']);
  const english = await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/donations/${receipts.pending}/receipt.pdf`, headers: en() });
  assert.equal(english.json().title, 'Donation not paid yet');
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/lingkaran/donations/LK-ZZZZZZZZ/receipt.pdf' })).statusCode, 404);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/lingkaran/donations/nonsense/receipt.pdf' })).statusCode, 422);
});

test('the XLSX impact report opens; its totals are the campaign page\'s money and its lists add up', async () => {
  const page = (await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/campaigns/${campaign}` })).json();
  const book = await xlsx(`/api/v1/lingkaran/campaigns/${campaign}/report.xlsx`, company);
  assert.deepEqual(book.worksheets.map((s) => s.name), ['Ringkasan', 'Per bulan', 'Per wilayah', 'Per pekerjaan', 'Pekerja (pseudonim)', 'Donasi']);
  assert.deepEqual(
    ['Dana terkumpul', 'Jumlah donasi', 'Dialokasikan ke iuran pekerja', 'Belum terpakai'].map((l) => summaryValue(book, 'Ringkasan', l)),
    [page.money.raised, page.money.donations, page.money.allocated, page.money.unused],
  );
  assert.deepEqual([page.money.raised, page.money.donations], [200_000, 3]);
  assert.equal(summaryValue(book, 'Ringkasan', 'Buku besar: masuk ke dana donasi'), page.ledger.in);
  assert.deepEqual([summaryValue(book, 'Ringkasan', 'Pekerja terlindungi'), summaryValue(book, 'Ringkasan', 'Bulan-pekerja')], [3, 9]);
  assert.deepEqual([summaryValue(book, 'Ringkasan', 'Bulan pertama'), summaryValue(book, 'Ringkasan', 'Bulan terakhir')], [month(0), month(2)]);

  const perMonth = rowsOf(book, 'Per bulan');
  assert.deepEqual(perMonth.map((r) => r.slice(0, 2)), [[month(0), 3], [month(1), 3], [month(2), 3], ['Jumlah', 9]]);
  assert.equal(perMonth.at(-1)![2], page.money.allocated);
  const regions = rowsOf(book, 'Per wilayah');
  const workers = rowsOf(book, 'Pekerja (pseudonim)');
  assert.deepEqual(workers.map((r) => r[0]).sort(), page.workers.map((w: { pseudonym: string }) => w.pseudonym).sort());
  assert.ok(workers.every((r) => r[3] === 'Nelayan' && r[1] === regions[0]![1]), 'each with its occupation and district');
  assert.equal(workers.reduce((s, r) => s + (r[7] as number), 0), page.money.allocated);
  assert.equal(regions.reduce((s, r) => s + (r[4] as number), 0), 9, 'worker-months by district add up');
  assert.ok(regions.every((r) => typeof r[1] === 'string'), 'each district named');
  const donations = rowsOf(book, 'Donasi');
  assert.deepEqual(donations.map((r) => [r[0], r[2], r[5]]).sort(), [
    [receipts.company, 'PT Bahari Maluku Utara', 100_000], [receipts.guest, 'Donatur anonim', 60_000], [receipts.individual, 'Donatur anonim', 40_000],
  ].sort(), 'paid donations only; anonymous donors stay anonymous');

  const english = await xlsx(`/api/v1/lingkaran/campaigns/${campaign}/report.xlsx?lang=en`, officer);
  assert.deepEqual(english.worksheets.map((s) => s.name), ['Summary', 'By month', 'By region', 'By occupation', 'Workers (pseudonymised)', 'Donations']);
  assert.equal(summaryValue(english, 'Summary', 'Money raised'), page.money.raised);
});

test('the reports never show a worker\'s NIK, name or phone, nor an anonymous donor\'s name', async () => {
  const book = await xlsx(`/api/v1/lingkaran/campaigns/${campaign}/report.xlsx`, auditor);
  const pdf = await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/campaigns/${campaign}/report.pdf`, headers: auditor });
  assert.equal(pdf.statusCode, 200, pdf.body);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
  const pdfWords = pdfText(pdf.rawPayload);
  assert.ok(pdfWords.includes('Laporan dampak GN Lingkaran') && pdfWords.includes('Nelayan Halmahera Terlindungi'));
  const page = (await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/campaigns/${campaign}` })).json();
  for (const w of page.workers as { pseudonym: string }[]) assert.ok(pdfWords.includes(w.pseudonym), `${w.pseudonym} in the PDF`);
  for (const text of [bookText(book), pdfWords, pdf.rawPayload.toString('latin1')]) {
    for (const w of workers) {
      assert.ok(!text.includes(w.nik), 'no NIK');
      assert.ok(!text.includes(w.name), 'no name');
      assert.ok(!text.includes(w.phone) && !text.includes(w.phone.replace('+62', '0')), 'no phone');
    }
    assert.ok(!text.includes('Nur Aisyah') && !text.includes('Maria Sahetapy'), 'anonymous donors stay anonymous');
  }
});

test('a donor gets the report of a campaign it owns or gave to; any other donor is refused', async () => {
  for (const format of ['pdf', 'xlsx']) {
    const url = `/api/v1/lingkaran/campaigns/${campaign}/report.${format}`;
    assert.equal((await t.app.inject({ method: 'GET', url, headers: individual })).statusCode, 200, 'it gave');
    assert.equal((await t.app.inject({ method: 'GET', url, headers: officer })).statusCode, 200, 'staff');
    const refused = await t.app.inject({ method: 'GET', url, headers: stranger });
    assert.deepEqual([refused.statusCode, refused.json().code], [403, 'forbidden'], 'a pledge not paid is not a gift');
    assert.equal((await t.app.inject({ method: 'GET', url })).statusCode, 401);
  }
  const participant = await t.signIn(await t.createUser('participant'));
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/campaigns/${campaign}/report.pdf`, headers: participant })).statusCode, 403);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/lingkaran/campaigns/tidak-ada/report.pdf', headers: officer })).statusCode, 404);
});

test('from and to choose the months of protection the report covers', async () => {
  const book = await xlsx(`/api/v1/lingkaran/campaigns/${campaign}/report.xlsx?from=${month(1)}&to=${month(2)}`, company);
  assert.deepEqual(rowsOf(book, 'Per bulan').map((r) => r.slice(0, 2)), [[month(1), 3], [month(2), 3], ['Jumlah', 6]]);
  assert.deepEqual([summaryValue(book, 'Ringkasan', 'Bulan pertama'), summaryValue(book, 'Ringkasan', 'Bulan terakhir')], [month(1), month(2)]);
  assert.deepEqual([summaryValue(book, 'Ringkasan', 'Pekerja terlindungi'), summaryValue(book, 'Ringkasan', 'Bulan-pekerja')], [3, 6]);
  const page = (await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/campaigns/${campaign}` })).json();
  assert.equal(summaryValue(book, 'Ringkasan', 'Dana terkumpul'), page.money.raised, 'the campaign\'s money is whole whatever the period');
  const workers = rowsOf(book, 'Pekerja (pseudonim)');
  assert.ok(workers.length === 3 && workers.every((r) => r[4] === month(1) && r[5] === month(2) && r[6] === 2), JSON.stringify(workers));

  const one = await xlsx(`/api/v1/lingkaran/campaigns/${campaign}/report.xlsx?from=${month(2)}`, company);
  assert.deepEqual(rowsOf(one, 'Per bulan').map((r) => r[0]), [month(2), 'Jumlah']);
  const none = await xlsx(`/api/v1/lingkaran/campaigns/${campaign}/report.xlsx?to=${month(-1)}`, company);
  assert.deepEqual([rowsOf(none, 'Pekerja (pseudonim)').length, summaryValue(none, 'Ringkasan', 'Bulan-pekerja')], [0, 0]);

  const pdf = await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/campaigns/${campaign}/report.pdf?from=${month(1)}&to=${month(2)}&lang=en`, headers: company });
  assert.equal(pdf.statusCode, 200, pdf.body);
  assert.match(pdf.headers['content-disposition'] as string, new RegExp(`laporan-dampak-${campaign}-${month(1)}-${month(2)}\\.pdf`));
  assert.ok(pdfText(pdf.rawPayload).includes('GN Lingkaran impact report'));

  const backwards = await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/campaigns/${campaign}/report.xlsx?from=${month(2)}&to=${month(1)}`, headers: en(company) });
  assert.deepEqual([backwards.statusCode, backwards.json().errors[0].field], [422, 'to']);
  assert.match(backwards.json().errors[0].message, /cannot be before/);
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/campaigns/${campaign}/report.xlsx?from=2026-13`, headers: company })).statusCode, 422);
});
