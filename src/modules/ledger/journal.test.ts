import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase } from '../../../test/support/db.ts';
import type { DatabaseHandle } from '../../platform/db.ts';
import { inTransaction } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { SYSTEM } from '../audit/audit.ts';
import { registerEmployer } from '../registry/employers.ts';
import { registerBpu } from '../registry/bpu-registration.ts';
import { nikFor } from '../../../test/support/people.ts';
import { accountId, balanceOf } from './accounts.ts';
import { checkPostings, postEntry, reverseEntry, type EntryHeader } from './journal.ts';
import { verifyLedger } from './verify.ts';

let handle: DatabaseHandle;
let counter: number, fundJkk: number, fundJkm: number, receivable: number, jht: number;
before(async () => {
  handle = await testDatabase();
  const db = handle.db;
  const village = (await db.selectFrom('regions').select('code').where('parent_code', '=', '15.71.01').orderBy('code').executeTakeFirstOrThrow()).code;
  const employer = await registerEmployer(db, { address: 'Jl. Sultan Thaha 1, Kota Jambi', villageCode: village, legalName: 'PT Angso Duo Niaga', sector: 'Perdagangan eceran', riskClass: 3, sizeClass: 'medium' }, SYSTEM);
  const participant = { id: (await registerBpu(db, {
    nik: nikFor('157101', '1985-02-03', 'F', 7101), fullName: 'Siti Aminah', birthDate: '1985-02-03', sex: 'F', phone: '081277001122', villageCode: village,
    occupation: 'market_trader', declaredIncome: 1_000_000, programs: ['JKK', 'JKM', 'JHT'],
  }, { actor: SYSTEM, via: 'officer' })).participantId };
  counter = await accountId(db, { kind: 'clearing', channel: 'counter' });
  fundJkk = await accountId(db, { kind: 'fund', program: 'JKK' });
  fundJkm = await accountId(db, { kind: 'fund', program: 'JKM' });
  receivable = await accountId(db, { kind: 'receivable', employerId: employer.id });
  jht = await accountId(db, { kind: 'jht', participantId: participant.id });
});
after(() => handle.close());

const header = (key: string): EntryHeader => ({ idempotencyKey: key, kind: 'payment', reason: 'uji / test', source: { type: 'test', id: key }, effectiveDate: '2026-11-20', actor: SYSTEM });
const count = async (table: 'journal_entries' | 'postings') => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(handle.db)).rows[0]!.n);

test('an entry must balance, in whole positive rupiah, with two or more postings', () => {
  assert.deepEqual(checkPostings([{ account: 1, side: 'D', amount: 100 }, { account: 2, side: 'C', amount: 60 }, { account: 3, side: 'C', amount: 40 }]), { amount: 100 });
  assert.throws(() => checkPostings([{ account: 1, side: 'D', amount: 100 }, { account: 2, side: 'C', amount: 99 }]), (e) => e instanceof AppError && e.code === 'entry_unbalanced');
  assert.throws(() => checkPostings([{ account: 1, side: 'D', amount: 100 }]), /two or more/);
  assert.throws(() => checkPostings([{ account: 1, side: 'D', amount: 0.5 }, { account: 2, side: 'C', amount: 0.5 }]), /whole positive rupiah/);
});

test('a posted entry moves the balances; the same key again answers the first entry and writes nothing', async () => {
  const postings = [{ account: counter, side: 'D' as const, amount: 36_800 }, { account: receivable, side: 'C' as const, amount: 36_800 },
    { account: fundJkk, side: 'C' as const, amount: 10_000 }, { account: fundJkm, side: 'C' as const, amount: 6_800 }, { account: jht, side: 'C' as const, amount: 20_000 },
    { account: receivable, side: 'D' as const, amount: 36_800 }];
  const first = await inTransaction(handle.db, (tx) => postEntry(tx, header('pay-1'), postings));
  assert.equal(first.replayed, false);
  assert.equal(first.amount, 73_600);
  const entries = await count('journal_entries');
  const again = await inTransaction(handle.db, (tx) => postEntry(tx, header('pay-1'), postings));
  assert.deepEqual(again, { id: first.id, amount: 73_600, replayed: true });
  assert.equal(await count('journal_entries'), entries, 'nothing new');
  assert.equal(await balanceOf(handle.db, jht), 20_000);
  assert.equal(await balanceOf(handle.db, fundJkk), 10_000);
  assert.equal(await balanceOf(handle.db, receivable), 0, 'debited and credited the same');
  assert.equal(await balanceOf(handle.db, counter), 36_800);

  await assert.rejects(inTransaction(handle.db, (tx) => postEntry(tx, header('pay-1'), postings.slice(0, 2))),
    (e) => e instanceof AppError && e.status === 409 && e.code === 'idempotency_key_reused');
});

test('an unbalanced entry is refused and leaves nothing behind', async () => {
  const entries = await count('journal_entries');
  const postingsBefore = await count('postings');
  await assert.rejects(inTransaction(handle.db, (tx) => postEntry(tx, header('bad-1'), [{ account: counter, side: 'D', amount: 100 }, { account: fundJkk, side: 'C', amount: 90 }])));
  // going around postEntry: the database itself refuses an entry whose postings do not add up
  await assert.rejects(inTransaction(handle.db, async (tx) => {
    const id = Number((await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('journal_entries', 'id')) AS id`.execute(tx)).rows[0]!.id);
    await sql`INSERT INTO postings (entry_id, line, account_id, side, amount) VALUES (${id}, 1, ${counter}, 'D', 100), (${id}, 2, ${fundJkk}, 'C', 90)`.execute(tx);
    await sql`INSERT INTO journal_entries (id, idempotency_key, kind, reason, source_type, source_id, effective_date, amount, postings, postings_digest, stripe, seq, prev_hash, hash)
              OVERRIDING SYSTEM VALUE VALUES (${id}, 'bad-2', 'payment', 'x', 'test', 'x', '2026-11-20', 100, 2, 'x', 99, 1, 'x', 'x')`.execute(tx);
  }), /does not balance/);
  assert.equal(await count('journal_entries'), entries);
  assert.equal(await count('postings'), postingsBefore);
});

test('a reversal restores every balance, once; entries and postings cannot be edited', async () => {
  const posted = await inTransaction(handle.db, (tx) => postEntry(tx, header('pay-2'), [
    { account: counter, side: 'D', amount: 16_800 }, { account: fundJkk, side: 'C', amount: 10_000 }, { account: jht, side: 'C', amount: 6_800 }]));
  const before = { jht: await balanceOf(handle.db, jht), counter: await balanceOf(handle.db, counter) };
  const reversal = await inTransaction(handle.db, (tx) => reverseEntry(tx, posted.id, 'salah input / keyed wrongly', SYSTEM, '2026-11-21'));
  assert.equal(reversal.amount, 16_800);
  assert.equal(await balanceOf(handle.db, jht), before.jht - 6_800);
  assert.equal(await balanceOf(handle.db, counter), before.counter - 16_800);
  await assert.rejects(inTransaction(handle.db, (tx) => reverseEntry(tx, posted.id, 'lagi / again', SYSTEM, '2026-11-21')),
    (e) => e instanceof AppError && e.code === 'entry_already_reversed');
  await assert.rejects(sql`UPDATE postings SET amount = 1 WHERE entry_id = ${posted.id}`.execute(handle.db), /append-only/);
  await assert.rejects(sql`DELETE FROM journal_entries WHERE id = ${posted.id}`.execute(handle.db), /append-only/);
});

test('verify proves the ledger, and catches a posting changed behind its back', async () => {
  const clean = await verifyLedger(handle.db);
  assert.deepEqual(clean.problems, []);
  assert.ok(clean.entries >= 3);
  const target = (await sql<{ entry_id: number }>`SELECT entry_id FROM postings WHERE account_id = ${fundJkk} ORDER BY entry_id LIMIT 1`.execute(handle.db)).rows[0]!.entry_id;
  await sql`ALTER TABLE postings DISABLE TRIGGER postings_append_only`.execute(handle.db);
  try {
    await sql`UPDATE postings SET amount = amount + 1 WHERE entry_id = ${target} AND account_id = ${fundJkk}`.execute(handle.db);
    const found = (await verifyLedger(handle.db)).problems.map((p) => `${p.problem}:${p.id}`).sort();
    assert.deepEqual(found, [`entry_unbalanced:${target}`, `hash_mismatch:${target}`]);
  } finally {
    await sql`UPDATE postings SET amount = amount - 1 WHERE entry_id = ${target} AND account_id = ${fundJkk}`.execute(handle.db);
    await sql`ALTER TABLE postings ENABLE TRIGGER postings_append_only`.execute(handle.db);
  }
  // postings, balances and entries name accounts and users that no per-row foreign key checks (migration 0030)
  await sql`ALTER TABLE postings DISABLE TRIGGER postings_append_only`.execute(handle.db);
  try {
    await sql`UPDATE postings SET account_id = 999999999 WHERE entry_id = ${target} AND account_id = ${fundJkk}`.execute(handle.db);
    await sql`INSERT INTO ledger_balances (account_id, debits, credits, last_entry_id) VALUES (999999998, 0, 0, ${target})`.execute(handle.db);
    const found = (await verifyLedger(handle.db)).problems.map((p) => `${p.problem}:${p.id}`).sort();
    assert.deepEqual(found, ['balance_without_account:999999998', `hash_mismatch:${target}`, `posting_without_account:${target}`]);
  } finally {
    await sql`DELETE FROM ledger_balances WHERE account_id = 999999998`.execute(handle.db);
    await sql`UPDATE postings SET account_id = ${fundJkk} WHERE entry_id = ${target} AND account_id = 999999999`.execute(handle.db);
    await sql`ALTER TABLE postings ENABLE TRIGGER postings_append_only`.execute(handle.db);
  }
  // a kept balance that no longer matches its postings
  await sql`UPDATE ledger_balances SET credits = credits + 5 WHERE account_id = ${jht}`.execute(handle.db);
  assert.deepEqual((await verifyLedger(handle.db)).problems.map((p) => `${p.problem}:${p.id}`), [`balance_mismatch:${jht}`]);
  await sql`UPDATE ledger_balances SET credits = credits - 5 WHERE account_id = ${jht}`.execute(handle.db);
});

test('joining opens the accounts a participant will need: a BPU payer\'s receivable, and a JHT account only with JHT', async () => {
  const db = handle.db;
  const village = (await db.selectFrom('regions').select('code').where('parent_code', '=', '15.71.01').orderBy('code').executeTakeFirstOrThrow()).code;
  const join = async (serial: number, fullName: string, programs: ('JKK' | 'JKM' | 'JHT')[]) => (await registerBpu(db, {
    nik: nikFor('157101', '1990-06-07', 'M', serial), fullName, birthDate: '1990-06-07', sex: 'M', phone: `0812770${serial}`, villageCode: village,
    occupation: 'fisher', declaredIncome: 1_500_000, programs,
  }, { actor: SYSTEM, via: 'officer' })).participantId;
  const withJht = await join(7201, 'Rahmat Hidayat', ['JKK', 'JKM', 'JHT']);
  const withoutJht = await join(7202, 'Budi Santoso', ['JKK', 'JKM']);
  const opened = async (participantId: number) => (await db.selectFrom('ledger_accounts').select(['kind', 'normal_side', 'keeps_balance'])
    .where('participant_id', '=', participantId).orderBy('kind').execute()).map((a) => `${a.kind}:${a.normal_side}:${a.keeps_balance}`);
  assert.deepEqual(await opened(withJht), ['jht:C:true', 'receivable:D:true']);
  assert.deepEqual(await opened(withoutJht), ['receivable:D:true']);
});
