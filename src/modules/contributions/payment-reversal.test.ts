/** Reversing a payment: the journal, the bills it paid, a BPU participant's coverage and status, once. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/support/app.ts';
import { nikFor } from '../../../test/support/people.ts';
import { SYSTEM } from '../audit/audit.ts';
import { registerEmployer } from '../registry/employers.ts';
import { hireWorker } from '../registry/workforce.ts';
import { registerBpu } from '../registry/bpu-registration.ts';
import { accountId, balanceOf } from '../ledger/accounts.ts';
import { verifyLedger } from '../ledger/verify.ts';
import { runBilling } from './billing-run.ts';
import { recordPayment } from './payments.ts';
import { reversePayment } from './payment-reversal.ts';
import { verifyBills } from './verify.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let employer: number;
let worker: number;
let bpu: number;
let supervisor: Record<string, string>;
let officer: Record<string, string>;
after(() => t.close());

const bill = (where: { employer_id?: number; participant_id?: number }, period: string) => {
  let q = t.db.selectFrom('bills').selectAll().where('period', '=', period);
  if (where.employer_id) q = q.where('employer_id', '=', where.employer_id);
  if (where.participant_id) q = q.where('participant_id', '=', where.participant_id).where('segment', '=', 'BPU');
  return q.executeTakeFirstOrThrow();
};
const coverage = async () => (await t.db.selectFrom('bpu_coverage').select('paid_through').where('participant_id', '=', bpu).executeTakeFirst())?.paid_through ?? null;
const statusOf = async (id: number) => (await t.db.selectFrom('participants').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
const reverse = (id: number, reason: string, headers = supervisor, lang = 'id') =>
  t.app.inject({ method: 'POST', url: `/api/v1/payments/${id}/reversal`, headers: { ...headers, 'accept-language': lang }, payload: { reason } });

before(async () => {
  t = await testApp();
  supervisor = await t.signIn(await t.createUser('supervisor'));
  officer = await t.signIn(await t.createUser('officer'));
  const village = (await t.db.selectFrom('regions').select('code').where('parent_code', '=', '15.71.01').orderBy('code').executeTakeFirstOrThrow()).code;
  employer = (await registerEmployer(t.db, { address: 'Jl. Gatot Subroto 9, Kota Jambi', villageCode: village, legalName: 'PT Sungai Penuh Makmur', sector: 'Perdagangan eceran', riskClass: 2, sizeClass: 'medium' }, SYSTEM)).id;
  worker = (await hireWorker(t.db, { id: employer, sizeClass: 'medium' }, { nik: nikFor('157101', '1990-02-11', 'M', 8301), fullName: 'Yusuf Harahap', birthDate: '1990-02-11', sex: 'M', contractType: 'PKWTT', startDate: '2026-01-05', wage: 6_000_000, wageMonth: '2026-01' }, SYSTEM)).participantId;
  bpu = (await registerBpu(t.db, {
    nik: nikFor('157101', '1986-07-09', 'F', 8302), fullName: 'Nurhayati Siregar', birthDate: '1986-07-09', sex: 'F', phone: '081277004455', villageCode: village,
    occupation: 'market_trader', declaredIncome: 1_000_000, programs: ['JKK', 'JKM', 'JHT'],
  }, { actor: SYSTEM, via: 'officer' })).participantId;
  await t.db.updateTable('participants').set({ registered_at: new Date('2026-08-02T03:00:00Z') }).where('id', '=', bpu).execute();
  await runBilling(t.db, { period: '2026-09-01', asOf: '2026-09-01' });
  await runBilling(t.db, { period: '2026-10-01', asOf: '2026-10-01' });
});

test('a BPU payment reversed: the bill owes again, the participant is no longer covered, the ledger is as before; paying again works', async () => {
  const september = await bill({ participant_id: bpu }, '2026-09-01');
  const receivable = await accountId(t.db, { kind: 'receivable', participantId: bpu });
  const owedBefore = await balanceOf(t.db, receivable);
  const paid = await recordPayment(t.db, { billId: september.id, amount: september.total_amount, paidAt: new Date('2026-09-10T03:00:00Z'), channel: 'virtual_account', channelRef: 'BNI-77', actor: SYSTEM });
  assert.equal(await coverage(), '2026-09-01');
  assert.equal(await balanceOf(t.db, receivable), owedBefore - september.total_amount);
  const jht = await accountId(t.db, { kind: 'jht', participantId: bpu });
  assert.ok(await balanceOf(t.db, jht) > 0, 'the JHT share reached her own account');

  const res = await reverse(paid.paymentId, 'Dana ditarik kembali oleh bank (recall)');
  assert.equal(res.statusCode, 201, res.body);
  const reversal = res.json();
  assert.deepEqual(reversal.bills, [{ billId: september.id, amount: september.total_amount, paidAmount: 0, status: 'open' }]);
  const after = await bill({ participant_id: bpu }, '2026-09-01');
  assert.deepEqual([after.status, after.paid_amount, after.paid_at], ['open', 0, null]);
  assert.equal(await coverage(), null, 'she had paid nothing else: not covered');
  assert.equal(await statusOf(bpu), 'pending');
  assert.equal(await balanceOf(t.db, receivable), owedBefore, 'the receivable owes the bill again');
  assert.equal(await balanceOf(t.db, jht), 0, 'the JHT share is taken back');
  const entry = await t.db.selectFrom('journal_entries').select(['kind', 'reverses_entry_id']).where('id', '=', reversal.entryId).executeTakeFirstOrThrow();
  assert.deepEqual([entry.kind, entry.reverses_entry_id], ['reversal', paid.entryId]);

  // the bank's notification delivered again answers as it did; a second reversal answers the first
  const replay = await recordPayment(t.db, { billId: september.id, amount: september.total_amount, paidAt: new Date('2026-09-10T03:00:00Z'), channel: 'virtual_account', channelRef: 'BNI-77', actor: SYSTEM });
  assert.deepEqual([replay.replayed, replay.paymentId, replay.entryId], [true, paid.paymentId, paid.entryId]);
  const again = await reverse(paid.paymentId, 'Dana ditarik kembali oleh bank (recall)');
  assert.equal(again.statusCode, 200);
  assert.deepEqual(again.json(), { ...reversal, replayed: true });

  // paid again with a new reference: the same lines are owed and paid, coverage and status return
  const repaid = await recordPayment(t.db, { billId: september.id, amount: september.total_amount, paidAt: new Date('2026-09-12T03:00:00Z'), channel: 'qris', channelRef: 'QR-78', actor: SYSTEM });
  assert.deepEqual(repaid.allocations, [{ billId: september.id, amount: september.total_amount }]);
  assert.equal(repaid.credit, 0);
  assert.equal((await bill({ participant_id: bpu }, '2026-09-01')).status, 'paid');
  assert.equal(await coverage(), '2026-09-01');

  // the bill's page shows the payment, its reversal taking the amount back, and the new payment
  const view = await t.app.inject({ method: 'GET', url: `/api/v1/bills/${september.id}`, headers: supervisor });
  assert.deepEqual(view.json().payments.map((p: any) => [p.amount, p.reversesPaymentId, p.reversedBy]),
    [[september.total_amount, null, reversal.reversalId], [-september.total_amount, paid.paymentId, null], [september.total_amount, null, null]]);
  assert.deepEqual((await verifyLedger(t.db)).problems, []);
  assert.deepEqual((await verifyBills(t.db)).problems, []);
});

test('a PU payment across two months reversed reopens both; its entry cannot be reversed alone from the ledger', async () => {
  const september = await bill({ employer_id: employer }, '2026-09-01');
  const october = await bill({ employer_id: employer }, '2026-10-01');
  const paid = await recordPayment(t.db, { billId: october.id, amount: september.total_amount + october.total_amount, paidAt: new Date('2026-10-12T03:00:00Z'), channel: 'counter', channelRef: 'LKT-5', actor: SYSTEM });
  assert.deepEqual(paid.allocations.map((a) => a.billId), [september.id, october.id]);
  assert.equal(await statusOf(worker), 'active');

  const viaLedger = await t.app.inject({ method: 'POST', url: `/api/v1/ledger/entries/${paid.entryId}/reversal`, headers: supervisor, payload: { reason: 'salah catat di loket' } });
  assert.equal(viaLedger.statusCode, 409);
  assert.equal(viaLedger.json().code, 'entry_is_payment');
  assert.match(viaLedger.json().detail, new RegExp(`mencatat pembayaran #${paid.paymentId}\\. Batalkan pembayarannya dari halaman tagihan`));

  const res = await reverse(paid.paymentId, 'Salah catat di loket: uang tidak diterima');
  assert.equal(res.statusCode, 201, res.body);
  assert.deepEqual(res.json().bills.map((b: any) => [b.billId, b.status, b.paidAmount]), [[september.id, 'open', 0], [october.id, 'open', 0]]);
  assert.equal(await statusOf(worker), 'active', 'an employer\'s arrears never deny the worker\'s protection (D15)');
  assert.deepEqual((await verifyLedger(t.db)).problems, []);
});

test('a reversal needs a reason and a supervisor; a reversal is not reversed; nothing is written when refused', async () => {
  const october = await bill({ participant_id: bpu }, '2026-10-01');
  const paid = await recordPayment(t.db, { billId: october.id, amount: october.total_amount, paidAt: new Date('2026-10-05T03:00:00Z'), channel: 'counter', channelRef: 'LKT-9', actor: SYSTEM });
  const count = async () => Number((await t.db.selectFrom('bill_payments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const before = await count();
  const short = await reverse(paid.paymentId, 'no');
  assert.equal(short.statusCode, 422);
  assert.deepEqual(short.json().errors.map((e: any) => `${e.field}:${e.rule}`), ['reason:min_length']);
  assert.equal((await reverse(paid.paymentId, 'uang tidak diterima', officer)).statusCode, 403, 'officers record payments; supervisors reverse them');
  assert.equal((await reverse(999_999, 'tidak ada pembayaran ini')).json().code, 'payment_not_found');
  assert.equal(await count(), before);

  const reversal = (await reversePayment(t.db, { paymentId: paid.paymentId, reason: 'uang tidak diterima', actor: SYSTEM })).reversalId;
  const twice = await reverse(reversal, 'membatalkan pembatalan', supervisor, 'en');
  assert.equal(twice.statusCode, 409);
  assert.equal(twice.json().title, 'This is a reversal, not a payment');
  const audit = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'bill_payment').where('entity_id', '=', String(paid.paymentId)).execute();
  assert.deepEqual(audit.map((a) => a.action), ['bill_payment.reversed']);
});
