import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp } from '../../../test/support/app.ts';
import { nikFor } from '../../../test/support/people.ts';
import { percentOf } from '../../platform/money.ts';
import { SYSTEM } from '../audit/audit.ts';
import { registerEmployer } from '../registry/employers.ts';
import { hireWorker } from '../registry/workforce.ts';
import { registerBpu } from '../registry/bpu-registration.ts';
import { luhnValid } from '../registry/check-digits.ts';
import { billIdFromPaymentCode, paymentCode, runBilling } from './billing-run.ts';
import { recordPayment } from './payments.ts';
import { seedPopulationCoverage } from './demo.ts';
import { bpuStatusRules } from './rules.ts';
import { refreshBpuStatus } from './status.ts';
import { addMonths } from './calendar.ts';
import { verifyBills } from './verify.ts';
import { accountId, balanceOf } from '../ledger/accounts.ts';
import { verifyLedger } from '../ledger/verify.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let village: string;
let plain: number;       // PT, medium risk, 2 workers (wages 10 jt and 15 jt)
let factory: number;     // labour-intensive garment factory with 50 workers at 5 jt
let bpu: number;         // a BPU participant with JHT, income Rp1 jt
after(() => t.close());

const JAMBI = '157101';
let serial = 1;
const FIRST = ['Ahmad', 'Budi', 'Citra', 'Dedi', 'Eka', 'Fajar', 'Gita', 'Hadi'];
const LAST = ['Saputra', 'Wijaya', 'Lubis', 'Siregar', 'Nasution', 'Harahap', 'Tanjung', 'Daulay'];
async function hire(employer: { id: number; sizeClass: 'medium' | 'large' }, wage: number) {
  const birthDate = '1990-05-17';
  const nik = nikFor(JAMBI, birthDate, 'M', serial++);
  return hireWorker(t.db, employer, { nik, fullName: `${FIRST[serial % FIRST.length]} ${LAST[Math.floor(serial / FIRST.length) % LAST.length]}`, birthDate, sex: 'M', contractType: 'PKWTT', startDate: '2024-01-02', wage, wageMonth: '2024-01' }, SYSTEM);
}

const billOf = (employerId: number, period: string) => t.db.selectFrom('bills').selectAll().where('employer_id', '=', employerId).where('period', '=', period).executeTakeFirstOrThrow();
const linesOf = (billId: number) => t.db.selectFrom('bill_lines').selectAll().where('bill_id', '=', billId).execute();
const countAll = async (table: 'bills' | 'bill_lines') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

before(async () => {
  t = await testApp();
  village = (await t.db.selectFrom('regions').select('code').where('parent_code', '=', '15.71.01').orderBy('code').executeTakeFirstOrThrow()).code;
  const base = { address: 'Jl. Sultan Thaha 1, Kota Jambi', villageCode: village };
  plain = (await registerEmployer(t.db, { ...base, legalName: 'PT Angso Duo Niaga', sector: 'Perdagangan eceran', riskClass: 3, sizeClass: 'medium' }, SYSTEM)).id;
  factory = (await registerEmployer(t.db, { ...base, legalName: 'PT Tenun Batanghari', sector: 'Industri tekstil dan pakaian jadi', riskClass: 3, sizeClass: 'large', laborIntensive: true }, SYSTEM)).id;
  await hire({ id: plain, sizeClass: 'medium' }, 10_000_000);
  await hire({ id: plain, sizeClass: 'medium' }, 15_000_000);
  for (let i = 0; i < 50; i++) await hire({ id: factory, sizeClass: 'large' }, 5_000_000);
  const reg = await registerBpu(t.db, {
    nik: nikFor(JAMBI, '1985-02-03', 'F', 7001), fullName: 'Siti Aminah', birthDate: '1985-02-03', sex: 'F', phone: '081277001122', villageCode: village,
    occupation: 'market_trader', declaredIncome: 1_000_000, programs: ['JKK', 'JKM', 'JHT'],
  }, { actor: SYSTEM, via: 'officer' });
  bpu = reg.participantId;
  // registered before the months these tests bill
  await t.db.updateTable('participants').set({ registered_at: new Date('2024-12-02T03:00:00Z') }).where('id', '=', bpu).execute();
});

test('a PU bill reproduces RULES.md §2.1 and §2.9: per worker, program and payer, JP capped, each line rounded', async () => {
  const run = await runBilling(t.db, { period: '2025-03-01', asOf: '2025-04-01' });
  assert.equal(run.status, 'completed');
  const bill = await billOf(plain, '2025-03-01');
  const code = (await sql<{ code: string }>`SELECT bill_payment_code(segment, id) AS code FROM bills WHERE id = ${bill.id}`.execute(t.db)).rows[0]!.code;
  assert.ok(luhnValid(code) && code.startsWith('81') && code.length === 15, 'a payment code with its check digit');
  assert.equal(code, paymentCode('PU', bill.id), 'the same code in SQL and in TypeScript');
  assert.equal(billIdFromPaymentCode(code), bill.id);
  assert.equal(billIdFromPaymentCode(code.slice(0, 14) + ((Number(code[14]) + 1) % 10)), null, 'a mistyped check digit is no code');
  assert.equal(bill.due_date, '2025-04-15', 'PU is due the 15th of the next month');
  const lines = await linesOf(bill.id);
  const at = (wage: number, program: string, payer: string) => lines.find((l) => l.program === program && l.payer === payer && (program === 'JP' ? l.base === Math.min(wage, 10_547_400) : l.base === wage))?.amount;
  // the sourced worked example: Rp10 jt, medium risk
  assert.deepEqual([at(10_000_000, 'JHT', 'employer'), at(10_000_000, 'JHT', 'worker'), at(10_000_000, 'JKK', 'employer'), at(10_000_000, 'JKM', 'employer'),
    at(10_000_000, 'JP', 'employer'), at(10_000_000, 'JP', 'worker')], [370_000, 200_000, 89_000, 30_000, 200_000, 100_000]);
  // JP capped at 10,547,400 from March 2025
  assert.deepEqual([at(15_000_000, 'JP', 'employer'), at(15_000_000, 'JP', 'worker')], [210_948, 105_474]);
  assert.equal(lines.length, 12, 'six lines per worker; JKP is the government\'s and not billed');
  assert.equal(bill.employer_amount, 689_000 + 133_500 + 45_000 + 555_000 + 210_948);
  assert.equal(bill.worker_amount, 300_000 + 300_000 + 105_474);
  assert.equal(bill.total_amount, lines.reduce((s, l) => s + l.amount, 0));
  assert.equal(run.counts.bills?.PU, 2);
});

test('the labour-intensive JKK discount applies from February 2025 to January 2026, not before or after', async () => {
  const jkk = async (period: string) => {
    const bill = await billOf(factory, period);
    return [...new Set((await linesOf(bill.id)).filter((l) => l.program === 'JKK' && l.kind === 'contribution').map((l) => `${l.rate}:${l.amount}`))];
  };
  assert.deepEqual(await jkk('2025-03-01'), ['0.445:22250'], 'RULES.md §2.9: 0.445% × 5,000,000 = 22,250');
  await runBilling(t.db, { period: '2025-01-01', asOf: '2025-02-01' });
  assert.deepEqual(await jkk('2025-01-01'), ['0.89:44500'], 'before PP 7/2025');
  // the plain employer is not labour-intensive: full rate even inside the discount months
  const plainLines = await linesOf((await billOf(plain, '2025-03-01')).id);
  assert.ok(plainLines.filter((l) => l.program === 'JKK').every((l) => l.rate === '0.89'));
});

test('running a period twice changes nothing', async () => {
  const bills = await countAll('bills');
  const lines = await countAll('bill_lines');
  const again = await runBilling(t.db, { period: '2025-03-01', asOf: '2025-04-20' });
  assert.equal(again.status, 'completed');
  assert.equal(again.asOf, '2025-04-01', 'the completed run is returned as it was');
  assert.equal(await countAll('bills'), bills);
  assert.equal(await countAll('bill_lines'), lines);
});

test('a run that dies half-way resumes without duplicates and ends as a clean run would', async () => {
  await assert.rejects(runBilling(t.db, {
    period: '2025-04-01', asOf: '2025-05-01', chunkSize: 1, workers: 1,
    afterChunk: (step, n) => { if (step === 'PU' && n === 1) throw new Error('proses dihentikan / process killed'); },
  }), /process killed/);
  const failed = await t.db.selectFrom('billing_runs').selectAll().where('period', '=', '2025-04-01').executeTakeFirstOrThrow();
  assert.equal(failed.status, 'failed');
  const partial = await t.db.selectFrom('bills').select((eb) => eb.fn.countAll().as('n')).where('period', '=', '2025-04-01').executeTakeFirstOrThrow();
  assert.ok(Number(partial.n) >= 1 && Number(partial.n) < 3, 'some bills were committed before the crash');
  const resumed = await runBilling(t.db, { period: '2025-04-01', asOf: '2025-05-20', chunkSize: 1 });
  assert.equal(resumed.status, 'completed');
  assert.equal(resumed.asOf, '2025-05-01', 'the resumed run keeps its issue date');
  assert.deepEqual(resumed.counts.bills, { PU: 2, BPU: 1 });
  const dupes = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT employer_id FROM bills WHERE period = '2025-04-01' AND segment = 'PU' GROUP BY 1 HAVING count(*) > 1) d`.execute(t.db);
  assert.equal(dupes.rows[0]!.n, 0);
  const plainBill = await billOf(plain, '2025-04-01');
  assert.equal((await linesOf(plainBill.id)).filter((l) => l.kind === 'contribution').length, 12);
  assert.equal(plainBill.contribution_amount, (await billOf(plain, '2025-03-01')).contribution_amount, 'same workers and wages: the same amount as March');
});

test('late PU bills are fined 2% (JP 0.5%) per started month of delay, on the next bill, never twice', async () => {
  const march = await billOf(plain, '2025-03-01'); // due 15 Apr 2025
  // a PU payment pays the oldest month first (RULES.md §3): the months before March, on their due dates
  const older = await t.db.selectFrom('bills').selectAll().where('employer_id', '=', plain).where('status', '=', 'open').where('period', '<', '2025-03-01').orderBy('period').execute();
  for (const b of older) {
    await recordPayment(t.db, { billId: b.id, amount: b.total_amount, paidAt: new Date(`${b.due_date}T03:00:00Z`), channel: 'counter', channelRef: `T-${b.id}`, actor: SYSTEM });
  }
  const paid = await recordPayment(t.db, { billId: march.id, amount: march.total_amount, paidAt: new Date('2025-05-20T03:00:00Z'), channel: 'counter', channelRef: 'T-MAR', actor: SYSTEM });
  assert.deepEqual(paid.allocations, [{ billId: march.id, amount: march.total_amount }]);
  await runBilling(t.db, { period: '2025-05-01', asOf: '2025-06-01' });
  const may = await billOf(plain, '2025-05-01');
  const fines = (await linesOf(may.id)).filter((l) => l.kind === 'fine');
  const marchLines = await linesOf(march.id);
  const due = (program: string) => marchLines.filter((l) => l.program === program).reduce((s, l) => s + l.amount, 0);
  // March was unpaid when April was billed (1 May: 16 days = 1 month) and paid 35 days late (2 months, D7):
  // May charges only the month not yet charged
  const fromMarch = fines.filter((l) => l.source_bill_id === march.id);
  assert.deepEqual(fromMarch.map((l) => [l.program, l.fine_months, l.rate, l.amount]).sort(), [
    ['JHT', 1, '2', percentOf(due('JHT'), '2')], ['JKK', 1, '2', percentOf(due('JKK'), '2')],
    ['JKM', 1, '2', percentOf(due('JKM'), '2')], ['JP', 1, '0.5', percentOf(due('JP'), '0.5')],
  ].sort());
  const charged = await sql<{ program: string; months: number }>`SELECT program, sum(fine_months)::int AS months FROM bill_lines WHERE source_bill_id = ${march.id} GROUP BY 1`.execute(t.db);
  assert.ok(charged.rows.length === 4 && charged.rows.every((r) => r.months === 2), 'two months in all, over two bills');
  const april = await billOf(plain, '2025-04-01');
  assert.ok(fines.filter((l) => l.source_bill_id === april.id).every((l) => l.fine_months === 1));
  assert.equal(may.fine_amount, fines.reduce((s, l) => s + l.amount, 0));
  assert.equal(may.employer_amount, (await linesOf(may.id)).filter((l) => l.payer === 'employer').reduce((s, l) => s + l.amount, 0), 'the employer bears the fines');
  assert.equal(may.total_amount, may.contribution_amount + may.fine_amount);
  // April still unpaid on 1 Jul: 47 days = 2 months, of which 1 was charged in May; March is settled
  await runBilling(t.db, { period: '2025-06-01', asOf: '2025-07-01' });
  const juneFines = (await linesOf((await billOf(plain, '2025-06-01')).id)).filter((l) => l.kind === 'fine');
  assert.ok(juneFines.length > 0 && juneFines.every((l) => l.source_bill_id !== march.id));
  assert.ok(juneFines.filter((l) => l.source_bill_id === april.id).every((l) => l.fine_months === 1));
});

test('RULES.md §3: Rp1,000,000 due 15 Feb, paid 10 Apr is 2 months late, a fine of Rp40,000', async () => {
  const { monthsLate } = await import('./calendar.ts');
  assert.equal(percentOf(1_000_000, String(2 * monthsLate('2025-02-15', '2025-04-10', 30))), 40_000);
});

test('BPU: due the 15th of the same month, no fine; more than 3 unpaid months lapse; paying again resumes', async () => {
  const status = async () => (await t.db.selectFrom('participants').select('status').where('id', '=', bpu).executeTakeFirstOrThrow()).status;
  const bpuBill = (period: string) => t.db.selectFrom('bills').selectAll().where('participant_id', '=', bpu).where('period', '=', period).executeTakeFirstOrThrow();
  const march = await bpuBill('2025-03-01');
  assert.equal(march.due_date, '2025-03-17', '15 March 2025 is a Saturday: the next working day');
  assert.equal(march.total_amount, 36_800);
  assert.equal(march.fine_amount, 0);
  assert.equal(await status(), 'pending', 'not active before the first payment');
  await recordPayment(t.db, { billId: march.id, amount: 36_800, paidAt: new Date('2025-03-10T02:00:00Z'), channel: 'qris', channelRef: 'Q-1', actor: SYSTEM });
  assert.equal(await status(), 'active');
  const may = await bpuBill('2025-05-01');
  assert.equal(may.fine_amount, 0, 'BPU participants are never fined');
  // 1 Jul: April, May and June unpaid, June not yet due → 2 months in arrears
  await runBilling(t.db, { period: '2025-07-01', asOf: '2025-07-01' });
  assert.equal(await status(), 'arrears');
  // 20 Aug: April to August unpaid, August past its due date → more than 3: lapsed, old bills expire
  await runBilling(t.db, { period: '2025-08-01', asOf: '2025-08-20' });
  assert.equal(await status(), 'lapsed');
  assert.equal((await bpuBill('2025-04-01')).status, 'expired');
  await runBilling(t.db, { period: '2025-09-01', asOf: '2025-09-01' });
  const september = await bpuBill('2025-09-01');
  assert.equal(september.status, 'open');
  await recordPayment(t.db, { billId: september.id, amount: september.total_amount, paidAt: new Date('2025-09-05T02:00:00Z'), channel: 'virtual_account', channelRef: 'VA-9', actor: SYSTEM });
  assert.equal(await status(), 'active', 'paying again resumes the membership');
  const history = await t.db.selectFrom('participant_status_history').select('status').where('participant_id', '=', bpu).orderBy('id').execute();
  assert.deepEqual(history.map((h) => h.status).slice(-4), ['active', 'arrears', 'lapsed', 'active']);
});

test('a BPU participant paying 3 months at once gets one bill of three months, and is not billed again for them', async () => {
  await t.db.insertInto('bpu_payment_plans').values({ participant_id: bpu, months: 3 }).execute();
  await runBilling(t.db, { period: '2025-10-01', asOf: '2025-10-01' });
  const bill = await t.db.selectFrom('bills').selectAll().where('participant_id', '=', bpu).where('period', '=', '2025-10-01').executeTakeFirstOrThrow();
  assert.equal(bill.months, 3);
  assert.equal(bill.total_amount, 3 * 36_800);
  assert.deepEqual([...new Set((await linesOf(bill.id)).map((l) => l.month))].sort(), ['2025-10-01', '2025-11-01', '2025-12-01']);
  await runBilling(t.db, { period: '2025-11-01', asOf: '2025-11-01' });
  const november = await t.db.selectFrom('bills').select('id').where('participant_id', '=', bpu).where('period', '=', '2025-11-01').executeTakeFirst();
  assert.equal(november, undefined, 'November is already on the October bill');
});

test('the discount ends after January 2026 (PP 36/2025)', async () => {
  const jkk = async (period: string) => {
    const bill = await billOf(factory, period);
    return [...new Set((await linesOf(bill.id)).filter((l) => l.program === 'JKK' && l.kind === 'contribution').map((l) => `${l.rate}:${l.amount}`))];
  };
  await runBilling(t.db, { period: '2026-01-01', asOf: '2026-02-01' });
  await runBilling(t.db, { period: '2026-02-01', asOf: '2026-03-01' });
  assert.deepEqual(await jkk('2026-01-01'), ['0.445:22250'], 'the last month of PP 36/2025');
  assert.deepEqual(await jkk('2026-02-01'), ['0.89:44500'], 'after the extension ends');
});

test('due dates move past weekends and the national holiday calendar', async () => {
  await runBilling(t.db, { period: '2026-07-01', asOf: '2026-08-01' });
  // 15 Aug 2026 is a Saturday, 16 a Sunday and 17 August Independence Day
  assert.equal((await billOf(plain, '2026-07-01')).due_date, '2026-08-18');
});

test('a construction project is billed once on its contract value; a migrant worker\'s placement once with its package', async () => {
  await t.db.insertInto('construction_projects').values({ employer_id: plain, name: 'Gedung Pasar Angso Duo', contract_value: 1_000_000_000, start_month: '2026-07-01', end_month: '2027-06-01', village_code: village }).execute();
  const pmiPerson = await registerBpu(t.db, {
    nik: nikFor(JAMBI, '1998-08-08', 'F', 7002), fullName: 'Wulan Sari', birthDate: '1998-08-08', sex: 'F', phone: '081277001133', villageCode: village,
    occupation: 'market_trader', declaredIncome: 1_000_000, programs: ['JKK', 'JKM'],
  }, { actor: SYSTEM, via: 'officer' });
  const participant = await t.db.insertInto('participants').values({ person_id: pmiPerson.personId, kpj: pmiPerson.kpj, segment: 'PMI', programs: ['JKK', 'JKM'], status: 'active', registered_via: 'officer' })
    .returning('id').executeTakeFirstOrThrow();
  await t.db.insertInto('migrant_placements').values({ participant_id: participant.id, destination: 'Korea Selatan', contract_months: 36, start_month: '2026-07-01' }).execute();
  // the July run is complete already: August picks them up, September does not bill them again
  await runBilling(t.db, { period: '2026-08-01', asOf: '2026-09-01' });
  await runBilling(t.db, { period: '2026-09-01', asOf: '2026-10-01' });
  const jakon = await t.db.selectFrom('bills').selectAll().where('segment', '=', 'JAKON').execute();
  assert.equal(jakon.length, 1);
  assert.equal(jakon[0]!.total_amount, 1_540_000 + 210_000, 'RULES.md §2.5: JKK 1,540,000 and JKM 210,000 on Rp1 M');
  const pmi = await t.db.selectFrom('bills').selectAll().where('segment', '=', 'PMI').execute();
  assert.equal(pmi.length, 1);
  assert.equal(pmi[0]!.total_amount, 37_500 + 494_500, 'pre-placement plus a 36-month contract (332,500 + 12 × 13,500)');
});

test('generated BPU participants are paid up to the status they were generated with, so billing keeps it', async () => {
  const made = await registerBpu(t.db, {
    nik: nikFor(JAMBI, '1979-01-21', 'M', 7003), fullName: 'Raden Mattaher', birthDate: '1979-01-21', sex: 'M', phone: '081277001144', villageCode: village,
    occupation: 'market_trader', declaredIncome: 1_000_000, programs: ['JKK', 'JKM'],
  }, { actor: SYSTEM, via: 'officer' });
  await t.db.updateTable('participants').set({ registered_via: 'import', status: 'arrears' }).where('id', '=', made.participantId).execute();
  await seedPopulationCoverage(t.db, '2026-11-21');
  const coverage = await t.db.selectFrom('bpu_coverage').select('paid_through').where('participant_id', '=', made.participantId).executeTakeFirstOrThrow();
  assert.equal(coverage.paid_through, addMonths('2026-10-01', -(1 + (made.participantId % 3))), 'in arrears: 1 to 3 months behind last month');
});

test('bill lines are never changed or deleted, and `verify` finds a line or total that was tampered with', async () => {
  const bill = await billOf(plain, '2025-03-01');
  const bpuBill = await t.db.selectFrom('bills').selectAll().where('participant_id', '=', bpu).orderBy('id').limit(1).executeTakeFirstOrThrow();
  await assert.rejects(sql`UPDATE bill_lines SET amount = amount + 1 WHERE bill_id = ${bill.id}`.execute(t.db), /never changed or deleted/);
  await assert.rejects(sql`DELETE FROM bills WHERE id = ${bill.id}`.execute(t.db), /never deleted/);
  assert.deepEqual((await verifyBills(t.db)).problems, [], 'every run so far is consistent');

  // what only someone going around the application could do: the trigger switched off
  await sql`ALTER TABLE bill_lines DISABLE TRIGGER bill_lines_immutable`.execute(t.db);
  try {
    await sql`UPDATE bill_lines SET amount = amount + 1000 WHERE bill_id = ${bill.id} AND program = 'JKM'`.execute(t.db);
    await sql`INSERT INTO bill_lines (bill_id, month, kind, program, payer, amount, rule_id) VALUES (999999999, '2025-03-01', 'contribution', 'JKM', 'employer', 1, 999999999)`.execute(t.db);
    await sql`UPDATE bills SET branch_id = 999999 WHERE id = ${bpuBill.id}`.execute(t.db);
    await sql`UPDATE bills SET paid_amount = paid_amount + 5 WHERE id = ${bpuBill.id}`.execute(t.db);
    const found = (await verifyBills(t.db)).problems.map((p) => `${p.problem}:${p.billId}:${p.problem === 'bill_without_reference' ? p.detail : ''}`).sort();
    assert.deepEqual(found, [`bill_without_reference:${bpuBill.id}:branch 999999`, `line_without_bill:999999999:`, `line_without_rule:999999999:`, `paid_mismatch:${bpuBill.id}:`, `total_mismatch:${bill.id}:`]);
  } finally {
    await sql`UPDATE bills SET branch_id = ${bpuBill.branch_id}, paid_amount = ${bpuBill.paid_amount} WHERE id = ${bpuBill.id}`.execute(t.db);
    await sql`UPDATE bill_lines SET amount = amount - 1000 WHERE bill_id = ${bill.id} AND program = 'JKM'`.execute(t.db);
    await sql`DELETE FROM bill_lines WHERE bill_id = 999999999`.execute(t.db);
    await sql`ALTER TABLE bill_lines ENABLE TRIGGER bill_lines_immutable`.execute(t.db);
  }
  assert.deepEqual((await verifyBills(t.db)).problems, []);
});

test('issuing bills debits each payer\'s receivable with their bills\' totals, and opens a receivable that is missing', async () => {
  const made = await registerBpu(t.db, {
    nik: nikFor(JAMBI, '1988-08-08', 'F', 7004), fullName: 'Nurhayati', birthDate: '1988-08-08', sex: 'F', phone: '081277001155', villageCode: village,
    occupation: 'farmer', declaredIncome: 1_500_000, programs: ['JKK', 'JKM'],
  }, { actor: SYSTEM, via: 'officer' });
  await t.db.updateTable('participants').set({ registered_at: new Date('2026-09-02T03:00:00Z') }).where('id', '=', made.participantId).execute();
  // a payer who joined before receivables were opened on joining (migration 0034)
  await t.db.deleteFrom('ledger_accounts').where('participant_id', '=', made.participantId).where('kind', '=', 'receivable').execute();
  const employerReceivable = await accountId(t.db, { kind: 'receivable', employerId: plain });
  const owedBefore = await balanceOf(t.db, employerReceivable);

  await runBilling(t.db, { period: '2026-10-01', asOf: '2026-10-01' });
  const bpuBill = await t.db.selectFrom('bills').selectAll().where('participant_id', '=', made.participantId).where('period', '=', '2026-10-01').executeTakeFirstOrThrow();
  const opened = await t.db.selectFrom('ledger_accounts').select('id').where('participant_id', '=', made.participantId).where('kind', '=', 'receivable').executeTakeFirstOrThrow();
  assert.equal(await balanceOf(t.db, opened.id), bpuBill.total_amount, 'the BPU payer owes their bill');
  assert.equal(await balanceOf(t.db, employerReceivable) - owedBefore, (await billOf(plain, '2026-10-01')).total_amount, 'the employer owes one more bill');
  assert.deepEqual((await verifyLedger(t.db)).problems, []);
});

test('D16 at its edges: the month not yet due is not counted, three months in arrears stay in arrears, the fourth lapses', async () => {
  const made = await registerBpu(t.db, {
    nik: nikFor(JAMBI, '1979-08-11', 'F', 7003), fullName: 'Rahma Lubis', birthDate: '1979-08-11', sex: 'F', phone: '081277001133', villageCode: village,
    occupation: 'farmer', declaredIncome: 1_000_000, programs: ['JKK', 'JKM'],
  }, { actor: SYSTEM, via: 'officer' });
  const id = made.participantId;
  await t.db.insertInto('bpu_coverage').values({ participant_id: id, paid_through: '2025-06-01' }).execute();
  const statusOn = async (day: string) => {
    await refreshBpuStatus(t.db, { asOf: day, ...await bpuStatusRules(t.db, day), reason: 'test', participantIds: [id] });
    return (await t.db.selectFrom('participants').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  };
  // paid through June; July is due on the 15th (a Tuesday in 2025), October on the 15th (a Wednesday)
  assert.equal(await statusOn('2025-07-10'), 'active', 'July not yet due');
  assert.equal(await statusOn('2025-07-16'), 'arrears', 'July past due: one month');
  assert.equal(await statusOn('2025-10-15'), 'arrears', 'on October\'s due date: July, August and September, three months');
  assert.equal(await statusOn('2025-10-16'), 'lapsed', 'October past due: four months, more than three');
});
