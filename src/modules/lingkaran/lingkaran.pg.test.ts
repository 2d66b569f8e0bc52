// PostgreSQL only (a *.pg.test.ts file): GN Lingkaran donations and allocation runs racing each other,
// and racing the workers' own bills and payments, on separate connections.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase } from '../../../test/support/db.ts';
import { nikFor } from '../../../test/support/people.ts';
import { inTransaction, openDatabase, type DatabaseHandle } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { SYSTEM } from '../audit/audit.ts';
import { runBilling } from '../contributions/billing-run.ts';
import { addMonths, wibDate } from '../contributions/calendar.ts';
import { recordPayment } from '../contributions/payments.ts';
import { verifyBills } from '../contributions/verify.ts';
import { accountId, balanceOf } from '../ledger/accounts.ts';
import { verifyLedger } from '../ledger/verify.ts';
import { registerBpu } from '../registry/bpu-registration.ts';
import { runAllocation, type AllocationResult } from './allocation-run.ts';
import { createCampaign, POOL_CODE } from './campaigns.ts';
import { payDonation, pledgeDonation } from './donations.ts';

const MONTHLY = 16_800; // one worker-month: JKK at the minimum declared income + JKM (2026 rules)

let handle: DatabaseHandle & { url?: string };
let regencies: string[];
const thisMonth = `${wibDate().slice(0, 7)}-01`;

before(async () => {
  handle = await testDatabase();
  regencies = (await handle.db.selectFrom('regions').select('code').where('parent_code', '=', '82').where('kind', '=', 'regency').orderBy('code').limit(3).execute()).map((r) => r.code);
  assert.equal(regencies.length, 3, 'three regencies of North Maluku');
});
after(() => handle?.close());

/** `n` connections of their own, closed after `fn`. */
async function withClients<T>(n: number, fn: (clients: DatabaseHandle[]) => Promise<T>): Promise<T> {
  const clients = await Promise.all(Array.from({ length: n }, () => openDatabase({ databaseUrl: handle.url!, poolSize: 1 })));
  try {
    return await fn(clients);
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

const one = async <T>(q: { execute(db: DatabaseHandle['db']): Promise<{ rows: T[] }> }) => (await q.execute(handle.db)).rows[0]!;
const count = async (where: ReturnType<typeof sql>) => Number((await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM ${where}`)).n);

let serial = 0;
/** Vulnerable fishers registered in villages of the regency's first district (its NIK district code, e.g. 820101). */
async function fishers(regency: string, n: number): Promise<number[]> {
  const first = await handle.db.selectFrom('regions').select('code').where('parent_code', '=', regency).orderBy('code').executeTakeFirstOrThrow();
  const villages = (await handle.db.selectFrom('regions').select('code').where('parent_code', '=', first.code).where('level', '=', 4).orderBy('code').limit(3).execute()).map((r) => r.code);
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    serial++;
    const birthDate = `1980-0${1 + (serial % 9)}-${String(1 + (serial % 27)).padStart(2, '0')}`;
    const r = await registerBpu(handle.db, {
      nik: nikFor(first.code.replaceAll('.', ''), birthDate, 'M', 6000 + serial), fullName: `Nelayan Uji ${String.fromCharCode(65 + (serial % 26))}${String.fromCharCode(65 + Math.floor(serial / 26))}`,
      birthDate, sex: 'M', phone: `0812775${String(10000 + serial)}`, villageCode: villages[i % villages.length]!, occupation: 'fisher',
      declaredIncome: 1_000_000 + 10_000 * serial, programs: ['JKK', 'JKM'], vulnerable: true,
    }, { actor: SYSTEM, via: 'agent' });
    ids.push(r.participantId);
  }
  return ids;
}

/** A guest's donation, pledged and paid through a virtual account. */
async function paidDonation(campaignCode: string, amount: number): Promise<number> {
  serial++;
  const { donation } = await pledgeDonation(handle.db, {
    campaignCode, amount, anonymous: false, requestKey: `pg-test-gift-${serial}`, guest: { name: `Donatur Uji ${serial}`, email: `donatur${serial}@contoh.example.id` }, actor: SYSTEM,
  });
  await payDonation(handle.db, { donationId: donation.id, amount, paidAt: new Date(), channel: 'virtual_account', channelRef: `VA-LK-${serial}`, actor: SYSTEM });
  return donation.id;
}

const campaignFor = async (title: string, regency: string, targetWorkers: number) =>
  (await createCampaign(handle.db, { title, targetWorkers, months: 6, regionCodes: [regency], occupationCodes: ['fisher'] }, { actor: SYSTEM })).code;

/** Worker-months funded twice (the primary key should make this impossible). */
const fundedTwice = () => count(sql`(SELECT participant_id, month FROM lingkaran_funded_months GROUP BY 1, 2 HAVING count(*) > 1) AS d`);

/** Contribution months a participant was billed on two BPU bills. */
const billedTwice = () => count(sql`(SELECT l.participant_id, l.month, l.program FROM bill_lines l JOIN bills b ON b.id = l.bill_id
                                      WHERE b.segment = 'BPU' AND l.kind = 'contribution' GROUP BY 1, 2, 3 HAVING count(DISTINCT l.bill_id) > 1) AS d`);

/** Months a worker paid on their own bill (issued by a billing run) that a donor also funded. */
const paidAndFunded = async () => (await sql<{ participant_id: number; month: string }>`
  SELECT DISTINCT a.participant_id, a.month::text AS month FROM payment_allocations a JOIN bills b ON b.id = a.bill_id
  JOIN lingkaran_funded_months f ON f.participant_id = a.participant_id AND f.month = a.month
  WHERE b.segment = 'BPU' AND b.issued_by = 'billing_run' AND a.kind = 'contribution' ORDER BY 1, 2`.execute(handle.db)).rows;

/** The donations fund agrees with the donations paid in and the worker-months paid out, and verify finds nothing. */
async function assertBooksAgree() {
  const { paid, funded } = await one(sql<{ paid: number; funded: number }>`
    SELECT (SELECT coalesce(sum(amount), 0) FROM lingkaran_donations WHERE status = 'paid')::bigint AS paid,
           (SELECT coalesce(sum(amount), 0) FROM lingkaran_funded_months)::bigint AS funded`);
  assert.equal(await balanceOf(handle.db, await accountId(handle.db, { kind: 'donations' })), Number(paid) - Number(funded), 'donations fund = paid donations − funded months');
  assert.deepEqual((await verifyLedger(handle.db)).problems, []);
  assert.deepEqual((await verifyBills(handle.db)).problems, []);
}

const appErrorCode = (e: unknown) => (e instanceof AppError ? `${e.status} ${e.code}` : `not an AppError: ${String(e)}`);

test('the same donation notification delivered 20 times at once posts one entry, and every delivery gets the same answer', async () => {
  serial++;
  const { donation } = await pledgeDonation(handle.db, {
    campaignCode: POOL_CODE, amount: 150_000, anonymous: false, requestKey: 'pg-test-twenty-deliveries', guest: { name: 'Rahmat Hidayat', email: 'rahmat@contoh.example.id' }, actor: SYSTEM,
  });
  const entries = await count(sql`journal_entries WHERE kind = 'donation'`);
  const paidAt = new Date();
  const answers = await withClients(20, (clients) => Promise.all(clients.map((c) => payDonation(c.db, {
    donationId: donation.id, amount: 150_000, paidAt, channel: 'virtual_account', channelRef: 'BNI-LK-20X', actor: SYSTEM,
  }))));
  assert.equal(await count(sql`journal_entries WHERE kind = 'donation'`), entries + 1, 'one journal entry');
  assert.equal(await count(sql`journal_entries WHERE kind = 'donation' AND source_type = 'lingkaran_donation' AND source_id = ${String(donation.id)}`), 1);
  const entryIds = new Set(answers.map((a) => a.donation.entryId));
  assert.equal(entryIds.size, 1, 'every delivery answers the same entry');
  assert.ok([...entryIds][0], 'an entry id');
  assert.equal(answers.filter((a) => !a.replayed).length, 1, 'one delivery posted, the others answered from it');
  assert.ok(answers.every((a) => a.donation.status === 'paid'));
  const row = await handle.db.selectFrom('lingkaran_donations').selectAll().where('id', '=', donation.id).executeTakeFirstOrThrow();
  assert.deepEqual([row.status, row.channel, row.channel_ref, row.entry_id], ['paid', 'virtual_account', 'BNI-LK-20X', [...entryIds][0]]);
  assert.equal(await count(sql`audit_events WHERE action = 'lingkaran.donation_paid' AND entity_id = ${String(donation.id)}`), 1, 'paid once in the audit log too');
  await assertBooksAgree();
});

test('two different notifications racing for one donation: one pays it, the other is refused, never two entries', async () => {
  const { donation } = await pledgeDonation(handle.db, {
    campaignCode: POOL_CODE, amount: 75_000, anonymous: true, requestKey: 'pg-test-two-notifications', guest: { name: 'Siti Aminah', email: 'siti@contoh.example.id' }, actor: SYSTEM,
  });
  const entries = await count(sql`journal_entries WHERE kind = 'donation'`);
  const outcomes = await withClients(2, (clients) => Promise.allSettled(['VA-RACE-A', 'VA-RACE-B'].map((channelRef, i) => payDonation(clients[i]!.db, {
    donationId: donation.id, amount: 75_000, paidAt: new Date(), channel: 'virtual_account', channelRef, actor: SYSTEM,
  }))));
  const paid = outcomes.filter((o) => o.status === 'fulfilled');
  const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  assert.equal(paid.length, 1, 'one notification pays');
  assert.equal(refused.length, 1);
  assert.match(appErrorCode(refused[0]!.reason), /^409 (donation_already_paid|payment_reference_reused)$/);
  assert.equal(paid[0]!.value.replayed, false);
  assert.equal(await count(sql`journal_entries WHERE kind = 'donation'`), entries + 1, 'never two entries');
  const row = await handle.db.selectFrom('lingkaran_donations').selectAll().where('id', '=', donation.id).executeTakeFirstOrThrow();
  assert.deepEqual([row.status, row.entry_id], ['paid', paid[0]!.value.donation.entryId]);
  assert.ok(['VA-RACE-A', 'VA-RACE-B'].includes(row.channel_ref!));
  await assertBooksAgree();
});

test('two allocation runs that overlap (same regency, same fishers) started at once never fund a worker-month twice', async () => {
  const regency = regencies[0]!;
  const workers = await fishers(regency, 6);
  const a = await campaignFor('Nelayan Halmahera Barat Gelombang A', regency, 4);
  const b = await campaignFor('Nelayan Halmahera Barat Gelombang B', regency, 4);
  for (const code of [a, b]) await paidDonation(code, 4 * 6 * MONTHLY); // each enough for all four of its workers

  const [ra, rb] = await withClients(2, (clients) => Promise.all([a, b].map((campaignCode, i) => runAllocation(clients[i]!.db, { campaignCode, actor: SYSTEM }))));
  assert.equal(await fundedTwice(), 0, 'no worker-month funded twice');
  // the runs took turns: whichever came first funded four fishers, the second the two left
  assert.deepEqual([ra!.workers, rb!.workers].sort(), [2, 4]);
  const months = await count(sql`lingkaran_funded_months WHERE participant_id = ANY (${workers}::bigint[])`);
  assert.equal(months, 6 * 6, 'every fisher funded for six months, once');
  assert.equal(months * MONTHLY, ra!.amount + rb!.amount, 'the funded worker-months are what the two runs spent');
  assert.equal(ra!.workerMonths + rb!.workerMonths, months);
  assert.equal(await billedTwice(), 0);
  await assertBooksAgree();

  // the same campaign's run started twice at once: the second sees what the first funded
  const second = ra!.workers === 2 ? a : b;
  const late = await fishers(regency, 2);
  const before = await count(sql`lingkaran_funded_months`);
  const [r1, r2] = await withClients(2, (clients) => Promise.all(clients.map((c) => runAllocation(c.db, { campaignCode: second, actor: SYSTEM }))));
  assert.deepEqual([r1!.workers, r2!.workers].sort(), [0, 2], 'one run funds the two new fishers, the other nothing new');
  const [funding, idle] = r1!.workers ? [r1!, r2!] : [r2!, r1!];
  assert.deepEqual([idle.runId, idle.workerMonths, idle.amount, idle.entryId], [null, 0, 0, null]);
  assert.equal(await count(sql`lingkaran_funded_months`), before + 2 * 6);
  assert.equal(await count(sql`lingkaran_funded_months WHERE participant_id = ANY (${late}::bigint[])`), 2 * 6);
  assert.equal(funding.amount, 2 * 6 * MONTHLY);
  assert.equal(await fundedTwice(), 0);
  assert.equal(await billedTwice(), 0);
  const total = Number((await one(sql<{ n: number }>`SELECT sum(amount)::bigint AS n FROM lingkaran_allocation_runs`)).n);
  assert.equal(total, await count(sql`lingkaran_funded_months`) * MONTHLY, 'the runs\' amounts add up to the funded worker-months');
  await assertBooksAgree();
});

test('workers paying their own monthly bill while an allocation run funds them: no month is both paid by the worker and funded by a donor', async (t) => {
  const regency = regencies[1]!;
  const workers = await fishers(regency, 4);
  const campaign = await campaignFor('Nelayan Halmahera Tengah Terlindungi', regency, 4);
  await paidDonation(campaign, 4 * 6 * MONTHLY);
  // this month's billing run bills each fisher their month (none is funded yet)
  await runBilling(handle.db, { period: thisMonth, asOf: wibDate() });
  const bills = await handle.db.selectFrom('bills').select(['id', 'participant_id', 'total_amount', 'months']).where('segment', '=', 'BPU')
    .where('issued_by', '=', 'billing_run').where('participant_id', 'in', workers).where('period', '=', thisMonth).execute();
  assert.equal(bills.length, 4, 'a bill for each fisher');

  // each bill's payment and the allocation run, all at the same moment on their own connections
  const [run, ...payments] = await withClients(5, (clients) => Promise.all([
    runAllocation(clients[0]!.db, { campaignCode: campaign, actor: SYSTEM }),
    ...bills.map((b, i) => recordPayment(clients[i + 1]!.db, { billId: b.id, amount: Number(b.total_amount), paidAt: new Date(), channel: 'virtual_account', channelRef: `VA-OWN-${b.id}`, actor: SYSTEM })),
  ])) as [AllocationResult, ...Awaited<ReturnType<typeof recordPayment>>[]];
  assert.ok(payments.every((p) => p.billStatus === 'paid' && !p.replayed), 'every worker\'s own month is paid');
  t.diagnostic(`the allocation run funded ${run.workers} of the 4 fishers (the others' payments came first)`);
  assert.deepEqual(await paidAndFunded(), [], 'no month both paid by the worker and funded by a donor');
  assert.equal(await fundedTwice(), 0);
  assert.equal(await billedTwice(), 0);
  // a fisher funded by the run is funded from the month after their own bill; one whose payment came first is not eligible this month
  const funded = await sql<{ participant_id: number; first: string; n: number }>`
    SELECT participant_id, min(month)::text AS first, count(*)::int AS n FROM lingkaran_funded_months WHERE participant_id = ANY (${workers}::bigint[]) GROUP BY 1`.execute(handle.db);
  assert.equal(funded.rows.length, run.workers);
  for (const f of funded.rows) assert.deepEqual([f.first, f.n], [addMonths(thisMonth, 1), 6]);
  const coverage = await handle.db.selectFrom('bpu_coverage').select(['participant_id', 'paid_through']).where('participant_id', 'in', workers).execute();
  const fundedIds = new Set(funded.rows.map((f) => Number(f.participant_id)));
  assert.equal(coverage.length, 4);
  for (const c of coverage) {
    assert.equal(c.paid_through, addMonths(thisMonth, fundedIds.has(Number(c.participant_id)) ? 6 : 0), `participant ${c.participant_id}: paid through their own month, or the donor's sixth after it`);
  }
  const statuses = await handle.db.selectFrom('participants').select('status').where('id', 'in', workers).execute();
  assert.ok(statuses.every((s) => s.status === 'active'));
  await assertBooksAgree();
});

/** Waits until `check` holds (polled), at most `ms`. */
async function until(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) if (await check()) return true;
  return false;
}

const backendPid = async (c: DatabaseHandle) => Number((await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(c.db)).rows[0]!.pid);
const waitingOnLock = async (pid: number) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ${pid} AND wait_event_type = 'Lock'`.execute(handle.db)).rows[0]!.n > 0;

// The billing run's BPU chunk decides "not covered by an earlier bill" from what it can see, and
// bills_bpu_once is unique on (participant, first month), not on the months a bill covers; so the two runs
// take turns on one lock (lockBpuBills: shared for billing chunks, exclusive for an allocation run), and
// the later one sees the earlier one's bills.
test('next month\'s billing run racing an allocation run for the same worker bills no month twice', async (t) => {
  const regency = regencies[2]!;
  const [worker] = await fishers(regency, 1);
  const campaign = await campaignFor('Nelayan Halmahera Utara Bulan Depan', regency, 1);
  await paidDonation(campaign, 6 * MONTHLY);
  const nextMonth = addMonths(thisMonth, 1);
  await withClients(3, async ([holder, allocator, biller]) => {
    // a third connection holds the worker's row, so the allocation run stops after issuing its bill
    // (this month and the five after it) and before it commits: the moment a billing run may come in
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => { locked = r; });
    const holding = inTransaction(holder!.db, async (tx) => {
      await sql`SELECT id FROM participants WHERE id = ${worker!} FOR NO KEY UPDATE`.execute(tx);
      locked();
      await held;
    });
    await isLocked;
    const [allocatorPid, billerPid] = [await backendPid(allocator!), await backendPid(biller!)];
    const allocation = runAllocation(allocator!.db, { campaignCode: campaign, actor: SYSTEM });
    allocation.catch(() => {});
    try {
      assert.ok(await until(() => waitingOnLock(allocatorPid)), 'the allocation run waits on the held row, its bill written but not committed');
      let billed = false;
      const billing = runBilling(biller!.db, { period: nextMonth, asOf: wibDate() }).finally(() => { billed = true; });
      billing.catch(() => {});
      // the billing run either finishes or waits for the allocation run's locks; either way its bills are written
      assert.ok(await until(async () => billed || await waitingOnLock(billerPid)), 'the billing run has issued its bills');
      t.diagnostic(billed ? 'the billing run finished while the allocation run was held' : 'the billing run waits for the allocation run\'s locks');
      release();
      await holding;
      const [run] = await Promise.all([allocation, billing]);
      assert.equal(run.workers, 1);
    } finally {
      release();
      await holding.catch(() => {});
    }
  });
  const bills = await handle.db.selectFrom('bills').select(['id', 'period', 'months', 'issued_by', 'status', 'total_amount']).where('participant_id', '=', worker!).orderBy('period').execute();
  const own = bills.find((b) => b.issued_by === 'billing_run');
  if (own) {
    // the worker pays the bill they were sent
    await recordPayment(handle.db, { billId: own.id, amount: Number(own.total_amount), paidAt: new Date(), channel: 'virtual_account', channelRef: `VA-OWN-${own.id}`, actor: SYSTEM });
  }
  assert.equal(await fundedTwice(), 0);
  assert.deepEqual((await verifyLedger(handle.db)).problems, []);
  assert.deepEqual((await verifyBills(handle.db)).problems, []);
  // one picture, so a failure shows all of it: the funded months are not billed to the worker again,
  // no contribution month is on two bills, and no month is both paid by the worker and funded by a donor
  assert.deepEqual({
    bills: bills.map((b) => [b.period, b.months, b.issued_by]),
    monthsOnTwoBills: await billedTwice(),
    paidAndFunded: (await paidAndFunded()).map((m) => m.month),
  }, { bills: [[thisMonth, 6, 'lingkaran']], monthsOnTwoBills: 0, paidAndFunded: [] });
  await assertBooksAgree();
});
