// PostgreSQL only (a *.pg.test.ts file): payments racing each other on separate connections.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase } from '../../../test/support/db.ts';
import { nikFor } from '../../../test/support/people.ts';
import { openDatabase, type DatabaseHandle } from '../../platform/db.ts';
import { SYSTEM } from '../audit/audit.ts';
import { registerEmployer } from '../registry/employers.ts';
import { hireWorker } from '../registry/workforce.ts';
import { accountId, balanceOf } from '../ledger/accounts.ts';
import { verifyLedger } from '../ledger/verify.ts';
import { runBilling } from './billing-run.ts';
import { recordPayment } from './payments.ts';
import { reversePayment } from './payment-reversal.ts';
import { verifyBills } from './verify.ts';

let handle: DatabaseHandle & { url?: string };
let employer: number;
before(async () => {
  handle = await testDatabase();
  const db = handle.db;
  const village = (await db.selectFrom('regions').select('code').where('parent_code', '=', '15.71.01').orderBy('code').executeTakeFirstOrThrow()).code;
  employer = (await registerEmployer(db, { address: 'Jl. Hayam Wuruk 3, Kota Jambi', villageCode: village, legalName: 'PT Pinang Masak', sector: 'Perdagangan eceran', riskClass: 1, sizeClass: 'medium' }, SYSTEM)).id;
  await hireWorker(db, { id: employer, sizeClass: 'medium' }, { nik: nikFor('157101', '1990-02-02', 'F', 8201), fullName: 'Dewi Lestari', birthDate: '1990-02-02', sex: 'F', contractType: 'PKWTT', startDate: '2026-01-05', wage: 8_000_000, wageMonth: '2026-01' }, SYSTEM);
  for (const period of ['2026-07-01', '2026-08-01', '2026-09-01']) await runBilling(db, { period, asOf: period });
});
after(() => handle.close());

const count = async (table: string) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(handle.db)).rows[0]!.n);
const bill = (period: string) => handle.db.selectFrom('bills').selectAll().where('employer_id', '=', employer).where('period', '=', period).executeTakeFirstOrThrow();

test('the same bank notification delivered 20 times at once posts once, and every delivery gets the same answer', async () => {
  const july = await bill('2026-07-01');
  const clients = await Promise.all(Array.from({ length: 20 }, () => openDatabase({ databaseUrl: handle.url!, poolSize: 1 })));
  const entries = await count('journal_entries');
  try {
    const answers = await Promise.all(clients.map((c) => recordPayment(c.db, {
      billId: july.id, amount: july.total_amount, paidAt: new Date('2026-08-03T02:00:00Z'), channel: 'virtual_account', channelRef: 'BNI-777', actor: SYSTEM,
    })));
    assert.equal(new Set(answers.map((a) => a.paymentId)).size, 1);
    assert.equal(answers.filter((a) => !a.replayed).length, 1, 'one delivery posted, the others answered from it');
    assert.equal(await count('journal_entries'), entries + 1);
    assert.equal((await bill('2026-07-01')).paid_amount, july.total_amount);
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
});

test('two different payments racing for one employer never pay the same month twice', async () => {
  const august = await bill('2026-08-01');
  const september = await bill('2026-09-01'); // carries July's late fine: more than August
  const [a, b] = await Promise.all(['QR-1', 'QR-2'].map(async (ref) => {
    const c = await openDatabase({ databaseUrl: handle.url!, poolSize: 1 });
    try {
      return await recordPayment(c.db, { billId: september.id, amount: september.total_amount, paidAt: new Date('2026-09-20T02:00:00Z'), channel: 'qris', channelRef: ref, actor: SYSTEM });
    } finally {
      await c.close();
    }
  }));
  // whichever took the bills first paid August (the oldest) and part of September; the other the rest
  const first = a!.allocations[0]!.billId === august.id ? a! : b!;
  const second = first === a ? b! : a!;
  assert.deepEqual(first.allocations, [{ billId: august.id, amount: august.total_amount }, { billId: september.id, amount: september.total_amount - august.total_amount }]);
  assert.deepEqual(second.allocations, [{ billId: september.id, amount: august.total_amount }]);
  assert.equal(second.credit, september.total_amount - august.total_amount);
  assert.equal((await bill('2026-08-01')).status, 'paid');
  assert.equal((await bill('2026-09-01')).status, 'paid');
  const allocated = Number((await sql<{ n: number }>`SELECT sum(amount)::bigint AS n FROM payment_allocations WHERE bill_id IN (${august.id}, ${september.id})`.execute(handle.db)).rows[0]!.n);
  assert.equal(allocated, august.total_amount + september.total_amount, 'each month paid exactly once');
  assert.equal(await balanceOf(handle.db, await accountId(handle.db, { kind: 'receivable', employerId: employer })), august.total_amount - september.total_amount, 'the rest is credit');
  assert.deepEqual((await verifyLedger(handle.db)).problems, []);
});

test('a payment reversed ten times at once is reversed once; a payment of the same month racing it is refused or pays the reopened month, never both', async () => {
  const july = await bill('2026-07-01');
  const paid = await handle.db.selectFrom('bill_payments').select(['id', 'entry_id']).where('channel_ref', '=', 'BNI-777').executeTakeFirstOrThrow();
  const receivable = await accountId(handle.db, { kind: 'receivable', employerId: employer });
  const owedBefore = await balanceOf(handle.db, receivable);
  const clients = await Promise.all(Array.from({ length: 11 }, () => openDatabase({ databaseUrl: handle.url!, poolSize: 1 })));
  try {
    const [payment, ...reversals] = await Promise.allSettled([
      recordPayment(clients[0]!.db, { billId: july.id, amount: july.total_amount, paidAt: new Date('2026-09-25T02:00:00Z'), channel: 'counter', channelRef: 'LKT-RACE', actor: SYSTEM }),
      ...clients.slice(1).map((c) => reversePayment(c.db, { paymentId: paid.id, reason: 'bank menarik kembali dana', actor: SYSTEM })),
    ]);
    const answers = reversals.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof reversePayment>>>).value);
    assert.equal(new Set(answers.map((a) => a.reversalId)).size, 1, 'one reversal');
    assert.equal(answers.filter((a) => !a.replayed).length, 1);
    assert.equal(await handle.db.selectFrom('journal_entries').select('id').where('reverses_entry_id', '=', paid.entry_id!).execute().then((r) => r.length), 1);
    // the counter payment came first (July was still paid: refused, nothing written) or after (it paid July again)
    const after = await bill('2026-07-01');
    if (payment.status === 'rejected') {
      assert.equal((payment.reason as { code?: string }).code, 'bill_closed');
      assert.deepEqual([after.status, after.paid_amount], ['open', 0]);
      assert.equal(await balanceOf(handle.db, receivable), owedBefore + july.total_amount, 'July is owed again');
    } else {
      assert.deepEqual(payment.value.allocations, [{ billId: july.id, amount: july.total_amount }]);
      assert.deepEqual([after.status, after.paid_amount], ['paid', july.total_amount]);
      assert.equal(await balanceOf(handle.db, receivable), owedBefore, 'one payment of July out, one in');
    }
    assert.deepEqual((await verifyLedger(handle.db)).problems, []);
    assert.deepEqual((await verifyBills(handle.db)).problems, []);
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
});
