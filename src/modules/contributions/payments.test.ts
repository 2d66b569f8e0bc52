import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp } from '../../../test/support/app.ts';
import { nikFor } from '../../../test/support/people.ts';
import { AppError } from '../../platform/errors.ts';
import { SYSTEM } from '../audit/audit.ts';
import { registerEmployer } from '../registry/employers.ts';
import { hireWorker } from '../registry/workforce.ts';
import { accountId, balanceOf } from '../ledger/accounts.ts';
import { verifyLedger } from '../ledger/verify.ts';
import { runBilling } from './billing-run.ts';
import { recordPayment } from './payments.ts';
import { verifyBills } from './verify.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let employer: number;
const workers: number[] = [];
after(() => t.close());

const billOf = (period: string) => t.db.selectFrom('bills').selectAll().where('employer_id', '=', employer).where('period', '=', period).executeTakeFirstOrThrow();
const jhtOf = async (billId: number, participantId: number) => Number((await sql<{ n: number }>`
  SELECT coalesce(sum(amount), 0)::bigint AS n FROM bill_lines WHERE bill_id = ${billId} AND participant_id = ${participantId} AND program = 'JHT'`.execute(t.db)).rows[0]!.n);
const programOf = async (billId: number, program: string) => Number((await sql<{ n: number }>`
  SELECT coalesce(sum(amount), 0)::bigint AS n FROM bill_lines WHERE bill_id = ${billId} AND program = ${program}`.execute(t.db)).rows[0]!.n);

before(async () => {
  t = await testApp();
  const village = (await t.db.selectFrom('regions').select('code').where('parent_code', '=', '15.71.01').orderBy('code').executeTakeFirstOrThrow()).code;
  employer = (await registerEmployer(t.db, { address: 'Jl. Gatot Subroto 9, Kota Jambi', villageCode: village, legalName: 'PT Batanghari Lestari', sector: 'Perdagangan eceran', riskClass: 2, sizeClass: 'medium' }, SYSTEM)).id;
  for (const [i, wage] of [10_000_000, 6_000_000].entries()) {
    const nik = nikFor('157101', '1991-04-12', 'M', 8100 + i);
    const hired = await hireWorker(t.db, { id: employer, sizeClass: 'medium' }, { nik, fullName: i ? 'Rizki Pratama' : 'Hendra Gunawan', birthDate: '1991-04-12', sex: 'M', contractType: 'PKWTT', startDate: '2026-01-05', wage, wageMonth: '2026-01' }, SYSTEM);
    workers.push(hired.participantId);
  }
  await runBilling(t.db, { period: '2026-09-01', asOf: '2026-09-01' });
  await runBilling(t.db, { period: '2026-10-01', asOf: '2026-10-01' });
});

test("issuing bills debits the employer's receivable; a PU payment pays the oldest month first, JHT into each worker's own account", async () => {
  const september = await billOf('2026-09-01');
  const october = await billOf('2026-10-01');
  const receivable = await accountId(t.db, { kind: 'receivable', employerId: employer });
  assert.equal(await balanceOf(t.db, receivable), september.total_amount + october.total_amount, 'both bills are owed');

  // the employer pays October's code with October's amount: September, older, is paid first
  const paid = await recordPayment(t.db, { billId: october.id, amount: october.total_amount, paidAt: new Date('2026-10-10T03:00:00Z'), channel: 'virtual_account', channelRef: 'BRI-0001', actor: SYSTEM });
  assert.deepEqual(paid.allocations, [{ billId: september.id, amount: september.total_amount }]);
  assert.equal((await billOf('2026-09-01')).status, 'paid');
  assert.equal((await billOf('2026-10-01')).status, 'open');
  assert.equal(await balanceOf(t.db, receivable), october.total_amount);

  for (const w of workers) {
    const jht = await accountId(t.db, { kind: 'jht', participantId: w });
    assert.equal(await balanceOf(t.db, jht), await jhtOf(september.id, w), "the worker's and the employer's JHT shares, in the worker's own account");
  }
  assert.equal(await balanceOf(t.db, await accountId(t.db, { kind: 'fund', program: 'JKK' })), await programOf(september.id, 'JKK'));
  assert.equal(await balanceOf(t.db, await accountId(t.db, { kind: 'clearing', channel: 'virtual_account' })), september.total_amount);
  const where = await t.db.selectFrom('payment_allocations').select(['bill_id', 'program', 'participant_id', 'amount']).where('payment_id', '=', paid.paymentId).execute();
  assert.equal(where.reduce((s, a) => s + a.amount, 0), september.total_amount, 'every rupiah of the payment is somewhere');
  assert.deepEqual((await verifyLedger(t.db)).problems, []);
});

test('instalments settle a bill on the last one; a bank overpayment becomes credit, at the counter it is refused', async () => {
  const october = await billOf('2026-10-01');
  const receivable = await accountId(t.db, { kind: 'receivable', employerId: employer });
  const before = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM journal_entries`.execute(t.db)).rows[0]!.n);
  await assert.rejects(recordPayment(t.db, { billId: october.id, amount: october.total_amount + 1, paidAt: new Date('2026-10-12T03:00:00Z'), channel: 'counter', channelRef: 'LKT-9', actor: SYSTEM }),
    (e) => e instanceof AppError && e.status === 422 && e.fieldErrors[0]?.field === 'amount');
  assert.equal(Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM journal_entries`.execute(t.db)).rows[0]!.n), before, 'nothing posted');

  const first = await recordPayment(t.db, { billId: october.id, amount: 100_000, paidAt: new Date('2026-10-12T03:00:00Z'), channel: 'counter', channelRef: 'LKT-10', actor: SYSTEM });
  assert.equal(first.billStatus, 'open');
  assert.equal(first.outstanding, october.total_amount - 100_000);
  const rest = await recordPayment(t.db, { billId: october.id, amount: october.total_amount - 100_000 + 5_000, paidAt: new Date('2026-10-14T03:00:00Z'), channel: 'virtual_account', channelRef: 'BRI-0002', actor: SYSTEM });
  assert.equal(rest.billStatus, 'paid');
  assert.equal(rest.credit, 5_000);
  const settled = await billOf('2026-10-01');
  assert.equal(settled.paid_at?.toISOString(), '2026-10-14T03:00:00.000Z', 'the last instalment is the settlement date');
  assert.equal(await balanceOf(t.db, receivable), -5_000, "the overpayment is the employer's credit");

  const again = await recordPayment(t.db, { billId: october.id, amount: october.total_amount - 100_000 + 5_000, paidAt: new Date('2026-10-14T03:00:00Z'), channel: 'virtual_account', channelRef: 'BRI-0002', actor: SYSTEM });
  assert.equal(again.replayed, true);
  assert.deepEqual({ ...again, replayed: false }, { ...rest, billStatus: 'paid', paidAmount: settled.paid_amount, outstanding: 0 });
  assert.deepEqual((await verifyLedger(t.db)).problems, []);
});

test('verify proves what each payment and allocation names, which no per-row foreign key checks (migration 0031)', async () => {
  assert.deepEqual((await verifyBills(t.db)).problems, []);
  const payment = (await sql<{ id: number; bill_id: number; entry_id: number }>`SELECT id, bill_id, entry_id FROM bill_payments ORDER BY id LIMIT 1`.execute(t.db)).rows[0]!;
  const allocated = (await sql<{ bill_id: number }>`SELECT bill_id FROM payment_allocations WHERE payment_id = ${payment.id}`.execute(t.db)).rows;
  assert.ok(allocated.length > 0);
  await sql`UPDATE bill_payments SET entry_id = 999999999 WHERE id = ${payment.id}`.execute(t.db);
  await sql`UPDATE payment_allocations SET payment_id = 999999999 WHERE payment_id = ${payment.id}`.execute(t.db);
  try {
    const found = (await verifyBills(t.db)).problems.map((p) => `${p.problem}:${p.billId}:${p.detail}`).sort();
    assert.deepEqual(found, [
      ...allocated.map((a) => `allocation_without_reference:${a.bill_id}:pembayaran / payment 999999999: payment 999999999`),
      `payment_without_reference:${payment.bill_id}:pembayaran / payment ${payment.id}: entry 999999999`,
    ].sort());
  } finally {
    await sql`UPDATE payment_allocations SET payment_id = ${payment.id} WHERE payment_id = 999999999`.execute(t.db);
    await sql`UPDATE bill_payments SET entry_id = ${payment.entry_id} WHERE id = ${payment.id}`.execute(t.db);
  }
  assert.deepEqual((await verifyBills(t.db)).problems, []);
});
