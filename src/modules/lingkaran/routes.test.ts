import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp, TEST_PASSWORD } from '../../../test/support/app.ts';
import { nikFor } from '../../../test/support/people.ts';
import { SYSTEM } from '../audit/audit.ts';
import { verifyBills } from '../contributions/verify.ts';
import { verifyLedger } from '../ledger/verify.ts';
import { accountId, balanceOf } from '../ledger/accounts.ts';
import { registerBpu } from '../registry/bpu-registration.ts';
import { createParticipant } from '../registry/people.ts';
import { inTransaction } from '../../platform/db.ts';
import { ledgerTotals } from './transparency.ts';
import { verifyLingkaran } from './verify.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let officer: Record<string, string>;
let supervisor: Record<string, string>;
let company: Record<string, string>;
let regency: string;
let campaign: string;
const workers: { nik: string; name: string; phone: string; kpj: string; participantId: number }[] = [];
after(() => t.close());

const en = (h: Record<string, string>) => ({ ...h, 'accept-language': 'en' });
const thisMonth = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);

before(async () => {
  t = await testApp();
  officer = await t.signIn(await t.createUser('officer', { branchCode: 'TTE', regionCodes: ['82'] }));
  supervisor = await t.signIn(await t.createUser('supervisor', { branchCode: 'TTE', regionCodes: ['82'] }));
  // a regency of North Maluku and two of its villages; a village in Jambi for a worker outside the campaign
  regency = (await t.db.selectFrom('regions').select('code').where('parent_code', '=', '82').where('kind', '=', 'regency').orderBy('code').executeTakeFirstOrThrow()).code;
  const villages = (await t.db.selectFrom('regions').select('code').where('code', 'like', `${regency}.%`).where('level', '=', 4).orderBy('code').limit(2).execute()).map((r) => r.code);
  const jambi = (await t.db.selectFrom('regions').select('code').where('parent_code', '=', '15.71.01').orderBy('code').executeTakeFirstOrThrow()).code;
  const district = regency.replace('.', '') + '01';
  const people = [
    { name: 'Hasan Tidore', village: villages[0]!, occupation: 'fisher', vulnerable: true, income: 1_200_000 },
    { name: 'Rosmini Kiat', village: villages[1]!, occupation: 'fisher', vulnerable: true, income: 1_500_000 },
    { name: 'Ibrahim Sahafi', village: villages[0]!, occupation: 'fisher', vulnerable: true, income: 1_000_000 },
    { name: 'Salma Bopeng', village: villages[1]!, occupation: 'fisher', vulnerable: false, income: 1_000_000 }, // proposed by the officer
    { name: 'Yunus Marasabessy', village: villages[0]!, occupation: 'farmer', vulnerable: true, income: 1_000_000 }, // not a fisher
    { name: 'Dahlan Siregar', village: jambi, occupation: 'fisher', vulnerable: true, income: 1_000_000 }, // not in the regency
    { name: 'Amir Kaidati', village: villages[0]!, occupation: 'fisher', vulnerable: true, income: 1_000_000 }, // hired by an employer meanwhile
  ];
  for (const [i, p] of people.entries()) {
    const nik = nikFor(p.village === jambi ? '157101' : district, '1985-03-0' + (i + 1), 'M', 7001 + i);
    const phone = `08127711${String(2000 + i)}`;
    const r = await registerBpu(t.db, { nik, fullName: p.name, birthDate: `1985-03-0${i + 1}`, sex: 'M', phone, villageCode: p.village, occupation: p.occupation, declaredIncome: p.income, programs: ['JKK', 'JKM'], vulnerable: p.vulnerable }, { actor: SYSTEM, via: 'agent' });
    workers.push({ nik, name: p.name, phone: `+62${phone.slice(1)}`, kpj: r.kpj, participantId: r.participantId });
  }
  await inTransaction(t.db, async (tx) => createParticipant(tx, { personId: (await tx.selectFrom('participants').select('person_id').where('id', '=', workers[6]!.participantId).executeTakeFirstOrThrow()).person_id,
    segment: 'PU', programs: ['JKK', 'JKM', 'JHT'], status: 'active', registeredVia: 'employer', reason: 'hired' }, SYSTEM));
  const reg = await t.app.inject({ method: 'POST', url: '/api/v1/lingkaran/donors', payload: {
    kind: 'company', name: 'PT Bahari Maluku Utara', csrProgram: 'Bahari Peduli Nelayan', taxId: '01.234.567.8-901.000', email: 'csr@bahari.example.id', username: 'csr.bahari', password: TEST_PASSWORD,
  } });
  assert.equal(reg.statusCode, 201, reg.body);
  company = await t.signIn('csr.bahari');
});

test('a donor registers with its details checked whole, in the reader\'s language', async () => {
  const bad = await t.app.inject({ method: 'POST', url: '/api/v1/lingkaran/donors', headers: { 'accept-language': 'en' }, payload: {
    kind: 'company', name: 'PT Tanpa NPWP', taxId: '123', username: 'csr.tanpa', password: TEST_PASSWORD,
  } });
  assert.equal(bad.statusCode, 422);
  assert.deepEqual(bad.json().errors.map((e: { field: string }) => e.field).sort(), ['csrProgram', 'email', 'taxId']);
  assert.match(bad.json().errors.find((e: { field: string }) => e.field === 'taxId').message, /15 or 16 digits/);
  assert.equal(await t.db.selectFrom('users').select('id').where('username', '=', 'csr.tanpa').executeTakeFirst(), undefined, 'nothing written');
});

test('a company creates a campaign for fishers in a regency; its goal comes from the rules in force', async () => {
  const bad = await t.app.inject({ method: 'POST', url: '/api/v1/lingkaran/campaigns', headers: en(company), payload: {
    title: 'Nelayan Halmahera', targetWorkers: 4, months: 6, regionCodes: ['99.99'], occupationCodes: ['factory_worker'],
  } });
  assert.equal(bad.statusCode, 422);
  assert.deepEqual(bad.json().errors.map((e: { field: string; message: string }) => [e.field, e.message]), [
    ['regionCodes', 'Unknown region code 99.99.'], ['occupationCodes', 'Occupation factory_worker is unknown or not an informal occupation.'],
  ]);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/lingkaran/campaigns', headers: company, payload: {
    title: 'Nelayan Halmahera Peduli 2026', description: 'Perlindungan JKK dan JKM enam bulan untuk nelayan kecil.', targetWorkers: 4, months: 6, regionCodes: [regency], occupationCodes: ['fisher'],
  } });
  assert.equal(res.statusCode, 201, res.body);
  assert.deepEqual([res.json().code, res.json().monthlyAmount, res.json().goalAmount], ['nelayan-halmahera-peduli-2026', 16_800, 4 * 6 * 16_800]);
  campaign = res.json().code;
  const page = (await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/campaigns/${campaign}` })).json();
  assert.deepEqual([page.campaign.owner, page.campaign.csrProgram, page.money.raised, page.campaign.goalAmount], ['PT Bahari Maluku Utara', 'Bahari Peduli Nelayan', 0, 403_200]);
});

test('two donors give; a pledge is idempotent on its key, and a donation is paid once, whole', async () => {
  const guest = { amount: 250_000, anonymous: true, requestKey: 'guest-gift-000001', guest: { name: 'Nur Aisyah', phone: '0813 5555 1212' } };
  const first = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/campaigns/${campaign}/donations`, payload: guest });
  assert.equal(first.statusCode, 201, first.body);
  const again = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/campaigns/${campaign}/donations`, payload: guest });
  assert.deepEqual([again.statusCode, again.json().receiptCode], [200, first.json().receiptCode], 'a double tap is one pledge');
  const reused = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/campaigns/${campaign}/donations`, payload: { ...guest, amount: 300_000 } });
  assert.equal(reused.statusCode, 409);
  const noName = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/campaigns/${campaign}/donations`, headers: { 'accept-language': 'en' }, payload: { amount: 50_000, anonymous: false, requestKey: 'guest-gift-000002' } });
  assert.deepEqual([noName.statusCode, noName.json().errors[0].field], [422, 'guest.name']);

  const mine = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/campaigns/${campaign}/donations`, headers: company, payload: { amount: 200_000, anonymous: false, requestKey: 'bahari-gift-00001' } });
  assert.equal(mine.statusCode, 201, mine.body);
  assert.match(mine.json().paymentCode, /^89\d{13}$/);

  const receipt = first.json().receiptCode;
  const wrong = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/donations/${receipt}/counter-payment`, headers: en(officer), payload: { amount: 200_000, channelRef: 'LKT-TTE-1' } });
  assert.deepEqual([wrong.statusCode, wrong.json().errors[0].field, wrong.json().errors[0].message], [422, 'amount', 'The amount must equal the donation: Rp250.000.']);
  const paid = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/donations/${receipt}/counter-payment`, headers: officer, payload: { amount: 250_000, channelRef: 'LKT-TTE-1' } });
  assert.deepEqual([paid.statusCode, paid.json().status], [201, 'paid']);
  const repeat = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/donations/${receipt}/counter-payment`, headers: officer, payload: { amount: 250_000, channelRef: 'LKT-TTE-1' } });
  assert.deepEqual([repeat.statusCode, repeat.json().entryId], [200, paid.json().entryId], 'delivered twice, counted once');
  const other = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/donations/${receipt}/counter-payment`, headers: officer, payload: { amount: 250_000, channelRef: 'LKT-TTE-2' } });
  assert.equal(other.statusCode, 409, 'a paid donation is not paid again under another reference');
  const companyPaid = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/donations/${mine.json().receiptCode}/counter-payment`, headers: officer, payload: { amount: 200_000, channelRef: 'LKT-TTE-3' } });
  assert.equal(companyPaid.statusCode, 201);
  assert.equal(await balanceOf(t.db, await accountId(t.db, { kind: 'donations' })), 450_000);
  const page = (await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/campaigns/${campaign}` })).json();
  assert.deepEqual([page.money.raised, page.money.donations, page.ledger.balance], [450_000, 2, 450_000]);
  assert.deepEqual(page.donations.map((d: { donor: string | null; amount: number }) => [d.donor, d.amount]).sort(), [['PT Bahari Maluku Utara', 200_000], [null, 250_000]].sort(), 'the anonymous guest is not named');
});

test('officers propose workers within their regions; a donor chooses by pseudonym only', async () => {
  const outside = await t.signIn(await t.createUser('officer', { branchCode: 'JMB' }));
  const refused = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/campaigns/${campaign}/proposals`, headers: outside, payload: { kpj: workers[3]!.kpj, reason: 'Nelayan kecil, penghasilan tidak tetap' } });
  assert.equal(refused.statusCode, 404, 'a worker outside the officer\'s regions is not found');
  const ok = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/campaigns/${campaign}/proposals`, headers: officer, payload: { kpj: workers[3]!.kpj, reason: 'Nelayan kecil, penghasilan tidak tetap' } });
  assert.equal(ok.statusCode, 201, ok.body);
  const twice = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/campaigns/${campaign}/proposals`, headers: officer, payload: { kpj: workers[3]!.kpj, reason: 'Lagi' } });
  assert.equal(twice.statusCode, 409);
  const candidates = await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/campaigns/${campaign}/candidates`, headers: company });
  assert.equal(candidates.statusCode, 200);
  const items = candidates.json().items as { pseudonym: string; occupation: string; district: string }[];
  assert.equal(items.length, 4, 'three vulnerable fishers and the proposed one; not the farmer, the Jambi fisher or the hired one');
  for (const w of workers) assert.ok(!candidates.body.includes(w.nik) && !candidates.body.includes(w.name) && !candidates.body.includes(w.phone));
  // the donor picks the last in priority: it moves to the front
  const pick = items.at(-1)!.pseudonym;
  const chose = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/campaigns/${campaign}/proposals`, headers: company, payload: { pseudonym: pick, reason: 'Pekerja rentan pilihan donatur' } });
  assert.equal(chose.statusCode, 201, chose.body);
  const after = (await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/campaigns/${campaign}/candidates`, headers: company })).json().items;
  assert.equal(after[0].pseudonym, pick);
  assert.equal(after[0].chosen, true);
});

test('an allocation run pays eligible workers\' six months from the donations fund, and they become active; a second run funds no month twice', async () => {
  const before = await balanceOf(t.db, await accountId(t.db, { kind: 'donations' }));
  const run = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/campaigns/${campaign}/allocation-runs`, headers: officer, payload: {} });
  assert.equal(run.statusCode, 201, run.body);
  const r = run.json();
  assert.deepEqual([r.workers, r.workerMonths, r.amount, r.unused], [4, 24, 403_200, 46_800]);
  assert.equal(await balanceOf(t.db, await accountId(t.db, { kind: 'donations' })), before - 403_200);
  const funded = [0, 1, 2, 3].map((i) => workers[i]!.participantId);
  const statuses = await t.db.selectFrom('participants').select(['id', 'status']).where('id', 'in', workers.map((w) => w.participantId)).orderBy('id').execute();
  assert.deepEqual(statuses.filter((s) => funded.includes(s.id)).map((s) => s.status), ['active', 'active', 'active', 'active']);
  assert.deepEqual(statuses.filter((s) => !funded.includes(s.id)).map((s) => s.status), ['pending', 'pending', 'pending'], 'the farmer, the Jambi fisher and the hired fisher are not funded');
  const bills = await t.db.selectFrom('bills').select(['participant_id', 'period', 'months', 'status', 'total_amount', 'issued_by', 'run_id']).where('participant_id', 'in', funded).execute();
  assert.equal(bills.length, 4);
  for (const b of bills) assert.deepEqual([b.period, b.months, b.status, b.total_amount, b.issued_by, b.run_id], [`${thisMonth()}-01`, 6, 'paid', 100_800, 'lingkaran', null]);
  // the worker sees each month paid
  const months = await t.db.selectFrom('payment_allocations').select(['month', 'program', 'amount']).where('participant_id', '=', funded[0]!).orderBy('month').orderBy('program').execute();
  assert.equal(months.length, 12);
  assert.deepEqual(months.slice(0, 2).map((m) => [m.program, m.amount]), [['JKK', 10_000], ['JKM', 6_800]]);

  const second = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/campaigns/${campaign}/allocation-runs`, headers: officer, payload: {} });
  assert.deepEqual([second.statusCode, second.json().workers, second.json().unused], [200, 0, 46_800]);
  const dup = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT participant_id, month FROM lingkaran_funded_months GROUP BY 1, 2 HAVING count(*) > 1) d`.execute(t.db);
  assert.equal(dup.rows[0]!.n, 0);
  const past = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/campaigns/${campaign}/allocation-runs`, headers: en(officer), payload: { firstMonth: '2020-01' } });
  assert.deepEqual([past.statusCode, past.json().errors[0].field], [422, 'firstMonth']);
  assert.deepEqual((await verifyLedger(t.db)).problems, []);
  assert.deepEqual((await verifyBills(t.db)).problems, []);
});

test('the public pages and CSV add up to the ledger and never show a worker\'s NIK, name or phone', async () => {
  const summary = await t.app.inject({ method: 'GET', url: '/api/v1/lingkaran/summary' });
  const page = await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/campaigns/${campaign}` });
  const csv = await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/ledger.csv` });
  for (const body of [summary.body, page.body, csv.body]) {
    for (const w of workers) {
      assert.ok(!body.includes(w.nik), 'no NIK');
      assert.ok(!body.includes(w.name), 'no name');
      assert.ok(!body.includes(w.phone) && !body.includes(w.phone.replace('+62', '0')), 'no phone');
    }
    assert.ok(!body.includes('Nur Aisyah'), 'the anonymous donor stays anonymous');
  }
  const s = summary.json();
  const ledger = await ledgerTotals(t.db);
  assert.deepEqual([s.money.raised, s.money.allocated, s.money.unused], [ledger.in, ledger.out, ledger.balance]);
  assert.deepEqual([s.ledger.in, s.ledger.out, s.ledger.balance], [450_000 + 168_000 * 0, 403_200, 46_800]);
  assert.deepEqual(s.byOccupation.map((o: { code: string; workers: number }) => [o.code, o.workers]), [['fisher', 4]]);
  assert.equal(s.byMonth.length, 6);
  const p = page.json();
  assert.equal(p.workers.length, 4);
  assert.ok(p.workers.every((w: { pseudonym: string; months: number }) => /^PR-[0-9A-F]{8}$/.test(w.pseudonym) && w.months === 6));

  assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
  const rows = csv.body.trim().split('\n').map((l) => l.split(','));
  const body = rows.slice(1, -1);
  const sum = (col: number) => body.reduce((s, r) => s + Number(r[col]), 0);
  assert.equal(sum(6) - sum(7), ledger.balance, 'in − out in the CSV is the donations fund\'s balance in the journal');
  assert.deepEqual(rows.at(-1)!.slice(6, 9).map(Number), [sum(6), sum(7), sum(8)], 'the total row adds up');
  const receipts = (await t.db.selectFrom('lingkaran_donations').select('receipt_code').where('status', '=', 'paid').execute()).map((d) => d.receipt_code);
  for (const code of receipts) assert.ok(body.some((r) => r[2] === code), `receipt ${code} is in the public list`);
});

test("a donor's own page shows exactly which worker-months its money paid", async () => {
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/lingkaran/me', headers: company });
  assert.equal(me.statusCode, 200, me.body);
  const m = me.json();
  // the guest paid first, so its 250,000 went first; the company's 200,000 paid the remaining 153,200
  assert.deepEqual([m.totals.given, m.totals.used], [200_000, 153_200]);
  assert.equal(m.workerMonths.reduce((s: number, w: { amount: number }) => s + w.amount, 0), 153_200);
  for (const w of workers) assert.ok(!me.body.includes(w.nik) && !me.body.includes(w.name));
});

test('a supervisor closes the campaign: unused money moves to the general pool, still traced to its donation', async () => {
  assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/campaigns/${campaign}/release`, headers: officer, payload: { note: 'Selesai' } })).statusCode, 403);
  const poolReport = () => t.app.inject({ method: 'GET', url: '/api/v1/lingkaran/campaigns/umum/report.pdf', headers: company });
  assert.equal((await poolReport()).statusCode, 403, 'the pool holds none of its money yet');
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/campaigns/${campaign}/release`, headers: supervisor, payload: { note: 'Kampanye selesai; sisa ke dana umum sesuai perjanjian' } });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual([res.json().kind, res.json().total], ['to_pool', 46_800]);
  const page = (await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/campaigns/${campaign}` })).json();
  assert.deepEqual([page.campaign.status, page.money.unused, page.money.movedToPool], ['closed', 0, 46_800]);
  const pool = (await t.app.inject({ method: 'GET', url: '/api/v1/lingkaran/campaigns/umum' })).json();
  assert.equal(pool.money.unused, 46_800);
  const report = await poolReport();
  assert.deepEqual([report.statusCode, report.headers['content-type']], [200, 'application/pdf'], 'the donor whose money moved there reads the pool\'s report');
  const closed = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/campaigns/${campaign}/donations`, headers: company, payload: { amount: 50_000, anonymous: false, requestKey: 'bahari-gift-00002' } });
  assert.equal(closed.statusCode, 409);
  assert.equal((await ledgerTotals(t.db)).balance, 46_800, 'moving to the pool moves no money in the ledger');
});

test('funding records are append-only, and `verify` finds a worker-month whose funding was tampered with', async () => {
  assert.deepEqual((await verifyLingkaran(t.db)).problems, []);
  await assert.rejects(sql`UPDATE lingkaran_funding SET amount = amount + 1`.execute(t.db), /never changed or deleted/);
  await sql`ALTER TABLE lingkaran_funding DISABLE TRIGGER lingkaran_funding_append_only`.execute(t.db);
  try {
    const one = (await sql<{ participant_id: number; month: string }>`SELECT participant_id, month FROM lingkaran_funding ORDER BY participant_id, month LIMIT 1`.execute(t.db)).rows[0]!;
    await sql`UPDATE lingkaran_funding SET amount = amount - 100 WHERE participant_id = ${one.participant_id} AND month = ${one.month}`.execute(t.db);
    const found = (await verifyLingkaran(t.db)).problems;
    assert.deepEqual(found.map((p) => p.problem), ['month_funding_mismatch']);
    await sql`UPDATE lingkaran_funding SET amount = amount + 100 WHERE participant_id = ${one.participant_id} AND month = ${one.month}`.execute(t.db);
  } finally {
    await sql`ALTER TABLE lingkaran_funding ENABLE TRIGGER lingkaran_funding_append_only`.execute(t.db);
  }
  assert.deepEqual((await verifyLingkaran(t.db)).problems, []);
});

test('a campaign that refunds: closing it pays each gift\'s unused part back through its channel, in the ledger', async () => {
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/lingkaran/campaigns', headers: officer, payload: {
    title: 'Nelayan Kembali Bayar', targetWorkers: 1, months: 1, regionCodes: [regency], occupationCodes: ['fisher'], unusedPolicy: 'refund',
  } });
  assert.equal(created.statusCode, 201, created.body);
  const code = created.json().code;
  const gift = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/campaigns/${code}/donations`, payload: { amount: 50_000, anonymous: false, requestKey: 'refund-gift-00001', guest: { name: 'Pak Umar', email: 'umar@example.id' } } });
  await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/donations/${gift.json().receiptCode}/counter-payment`, headers: officer, payload: { amount: 50_000, channelRef: 'LKT-TTE-9' } });
  const fundBefore = await balanceOf(t.db, await accountId(t.db, { kind: 'donations' }));
  const counterBefore = await balanceOf(t.db, await accountId(t.db, { kind: 'clearing', channel: 'counter' }));
  const closed = await t.app.inject({ method: 'POST', url: `/api/v1/lingkaran/campaigns/${code}/release`, headers: supervisor, payload: { note: 'Tidak ada nelayan yang layak; dikembalikan' } });
  assert.deepEqual([closed.statusCode, closed.json().kind, closed.json().total], [200, 'refund', 50_000]);
  assert.equal(await balanceOf(t.db, await accountId(t.db, { kind: 'donations' })), fundBefore - 50_000);
  assert.equal(await balanceOf(t.db, await accountId(t.db, { kind: 'clearing', channel: 'counter' })), counterBefore - 50_000, 'paid back through the counter it came by');
  const page = (await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/campaigns/${code}` })).json();
  assert.deepEqual([page.money.refunded, page.money.unused, page.ledger.in, page.ledger.out], [50_000, 0, 50_000, 50_000]);
  const csv = (await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/ledger.csv?campaign=${code}` })).body.trim().split('\n').map((l) => l.split(','));
  assert.deepEqual(csv.at(-1)!.slice(6, 9).map(Number), [50_000, 50_000, 0], 'in and out in the campaign\'s CSV');
  assert.deepEqual((await verifyLedger(t.db)).problems, []);
  assert.deepEqual((await verifyLingkaran(t.db)).problems, []);
});
