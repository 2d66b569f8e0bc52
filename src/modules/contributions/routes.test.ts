import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { testApp, TEST_PASSWORD } from '../../../test/support/app.ts';
import { nikFor } from '../../../test/support/people.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Record<string, string>;
let officer: Record<string, string>;
let outsider: Record<string, string>;
let hr: Record<string, string>;
let employerId: number;
after(() => t.close());

async function waitForRun(id: number) {
  for (;;) {
    const run = (await t.app.inject({ method: 'GET', url: `/api/v1/billing/runs/${id}`, headers: admin })).json();
    if (run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 50));
  }
}

before(async () => {
  t = await testApp();
  admin = await t.signIn(await t.createUser('admin'));
  officer = await t.signIn(await t.createUser('officer', { branchCode: 'JMB' }));
  outsider = await t.signIn(await t.createUser('officer', { branchCode: 'TTE' }));
  const village = (await t.db.selectFrom('regions').select('code').where('parent_code', '=', '15.71.01').orderBy('code').executeTakeFirstOrThrow()).code;
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/employers', headers: officer, payload: {
    legalName: 'PT Pinang Masak', sector: 'Perdagangan eceran', riskClass: 2, sizeClass: 'medium', address: 'Jl. Hayam Wuruk 3, Kota Jambi', villageCode: village,
    admin: { username: 'hrd.pinang', displayName: 'HRD Pinang Masak', password: TEST_PASSWORD },
  } });
  employerId = res.json().id;
  hr = await t.signIn('hrd.pinang');
  const hire = await t.app.inject({ method: 'POST', url: `/api/v1/employers/${employerId}/workers`, headers: hr, payload: {
    nik: nikFor('157101', '1991-04-09', 'M', 31), fullName: 'Yusuf Hasibuan', birthDate: '1991-04-09', sex: 'M', contractType: 'PKWTT', startDate: '2025-01-02', wage: 4_000_000, wageMonth: '2025-01',
  } });
  assert.equal(hire.statusCode, 201, hire.body);
});

test('an admin starts a run from the API; it runs in the background and a second start is idempotent', async () => {
  const bad = await t.app.inject({ method: 'POST', url: '/api/v1/billing/runs', headers: { ...admin, 'accept-language': 'en' }, payload: { period: '2025-13' } });
  assert.equal(bad.statusCode, 422);
  assert.deepEqual(bad.json().errors.map((e: { field: string }) => e.field), ['period']);
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/billing/runs', headers: officer, payload: { period: '2025-06' } })).statusCode, 403, 'officers do not start runs');
  const start = await t.app.inject({ method: 'POST', url: '/api/v1/billing/runs', headers: admin, payload: { period: '2025-06', asOf: '2025-07-01' } });
  assert.equal(start.statusCode, 202, start.body);
  const run = await waitForRun(start.json().run.id);
  assert.equal(run.status, 'completed');
  assert.equal(run.counts.bills.PU, 1);
  const again = await t.app.inject({ method: 'POST', url: '/api/v1/billing/runs', headers: admin, payload: { period: '2025-06' } });
  assert.equal(again.statusCode, 200);
  assert.equal(again.json().run.id, run.id);
});

test('bills are read in scope; an employer sees its own; exports are real CSV, XLSX and PDF', async () => {
  const list = (await t.app.inject({ method: 'GET', url: '/api/v1/bills?segment=PU', headers: officer })).json();
  assert.equal(list.total, 1);
  const bill = list.items[0];
  assert.equal(bill.payerName, 'PT Pinang Masak');
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/bills?segment=PU', headers: outsider })).json().total, 0, 'another branch sees none');
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/bills/${bill.id}`, headers: outsider })).statusCode, 403);
  const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/bills/${bill.id}`, headers: hr })).json();
  assert.equal(detail.lineItems.length, 6);
  assert.equal(detail.lineItems[0].name, 'Yusuf Hasibuan');
  assert.match(detail.lineItems[0].kpjMasked, /\*/, 'KPJs are masked');
  assert.equal(detail.totalAmount, detail.lineItems.reduce((s: number, l: { amount: number }) => s + l.amount, 0));

  const csv = await t.app.inject({ method: 'GET', url: `/api/v1/bills/${bill.id}/export.csv`, headers: hr });
  assert.match(csv.headers['content-type'] as string, /text\/csv/);
  const rows = csv.body.trim().split('\n');
  assert.equal(rows[0]!.split(',')[0], 'kpj');
  assert.equal(rows.length, 7);
  assert.equal(rows.slice(1).reduce((s, r) => s + Number(r.split(',')[8]), 0), detail.totalAmount, 'the CSV adds up to the bill');

  const xlsx = await t.app.inject({ method: 'GET', url: `/api/v1/bills/${bill.id}/export.xlsx`, headers: { ...hr, 'accept-language': 'en' } });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.rawPayload as never);
  const lines = book.getWorksheet('Lines')!;
  assert.equal(lines.rowCount, 7);
  assert.equal(lines.getRow(1).getCell(9).value, 'amount');
  assert.equal(typeof lines.getRow(2).getCell(9).value, 'number');

  const pdf = await t.app.inject({ method: 'GET', url: `/api/v1/bills/${bill.id}/export.pdf`, headers: hr });
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');

  const arrears = (await t.app.inject({ method: 'GET', url: `/api/v1/employers/${employerId}/arrears`, headers: hr })).json();
  assert.equal(arrears.overdueBills, 1, 'June 2025 is long past due');
  assert.equal(arrears.overdueAmount, detail.totalAmount);
});

test('an officer records a counter payment once; a repeat answers the same; more than owed is refused and changes nothing', async () => {
  const bill = (await t.app.inject({ method: 'GET', url: '/api/v1/bills?segment=PU', headers: officer })).json().items[0];
  const over = await t.app.inject({ method: 'POST', url: `/api/v1/bills/${bill.id}/payments`, headers: officer, payload: { amount: bill.totalAmount + 1, channelRef: 'LKT-0001' } });
  assert.equal(over.statusCode, 422);
  assert.equal(over.json().errors[0].field, 'amount');
  assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/bills/${bill.id}/payments`, headers: hr, payload: { amount: 1, channelRef: 'X-1' } })).statusCode, 403);
  const pay = { amount: bill.totalAmount, channelRef: 'LKT-0001', paidAt: '2025-07-10T03:00:00Z' };
  const first = await t.app.inject({ method: 'POST', url: `/api/v1/bills/${bill.id}/payments`, headers: officer, payload: pay });
  assert.equal(first.statusCode, 201, first.body);
  assert.equal(first.json().billStatus, 'paid');
  const repeat = await t.app.inject({ method: 'POST', url: `/api/v1/bills/${bill.id}/payments`, headers: officer, payload: pay });
  assert.equal(repeat.statusCode, 200);
  assert.equal(repeat.json().paymentId, first.json().paymentId);
  const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/bills/${bill.id}`, headers: officer })).json();
  assert.equal(detail.payments.length, 1);
  assert.equal(detail.paidAmount, bill.totalAmount);
  const audit = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'bill').where('entity_id', '=', String(bill.id)).execute();
  assert.deepEqual(audit.map((a) => a.action), ['bill.payment_recorded']);
});
