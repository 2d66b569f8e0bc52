// PostgreSQL only (a *.pg.test.ts file): a posting process that dies, and a payment racing a bill change.
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase } from '../../../test/support/db.ts';
import { nikFor } from '../../../test/support/people.ts';
import { projectRoot } from '../../platform/config.ts';
import { inTransaction, openDatabase, type DatabaseHandle } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { SYSTEM } from '../audit/audit.ts';
import { registerBpu } from '../registry/bpu-registration.ts';
import { runBilling } from '../contributions/billing-run.ts';
import { recordPayment } from '../contributions/payments.ts';
import { refreshBpuStatus } from '../contributions/status.ts';
import { accountId } from './accounts.ts';
import { postEntry } from './journal.ts';
import { verifyLedger } from './verify.ts';

let handle: DatabaseHandle & { url?: string };
before(async () => { handle = await testDatabase(); });
after(() => handle.close());

const count = async (table: string) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(handle.db)).rows[0]!.n);

test('a process killed in the middle of posting leaves no half entry', async () => {
  const before = { entries: await count('journal_entries'), postings: await count('postings') };
  // a separate Node process writes the postings of an entry, then is killed (SIGKILL) before it commits
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `
    import { sql } from 'kysely';
    import { inTransaction, openDatabase } from './src/platform/db.ts';
    import { SYSTEM } from './src/modules/audit/audit.ts';
    import { accountId } from './src/modules/ledger/accounts.ts';
    import { postEntry } from './src/modules/ledger/journal.ts';
    const { db } = await openDatabase({ databaseUrl: process.env.VICTIM_URL, poolSize: 1 });
    const counter = await accountId(db, { kind: 'clearing', channel: 'counter' });
    const fund = await accountId(db, { kind: 'fund', program: 'JKM' });
    await inTransaction(db, async (tx) => {
      await postEntry(tx, { idempotencyKey: 'killed-1', kind: 'payment', reason: 'uji / test', source: { type: 'test', id: 1 }, effectiveDate: '2026-11-21', actor: SYSTEM },
        [{ account: counter, side: 'D', amount: 6800 }, { account: fund, side: 'C', amount: 6800 }]);
      const n = (await sql\`SELECT count(*)::int AS n FROM postings WHERE entry_id IN (SELECT id FROM journal_entries WHERE idempotency_key = 'killed-1')\`.execute(tx)).rows[0].n;
      process.stdout.write('posted ' + n + '\\n');
      process.kill(process.pid, 'SIGKILL');
    });
  `], { cwd: projectRoot, env: { ...process.env, VICTIM_URL: handle.url! }, encoding: 'utf8', timeout: 60_000 });
  assert.equal(child.signal, 'SIGKILL', child.stderr);
  assert.match(child.stdout, /^posted 2$/m, 'the entry and both postings were written inside the transaction');
  // the server notices the dead connection and rolls its transaction back
  for (let i = 0; i < 50 && Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`.execute(handle.db)).rows[0]!.n) > 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual({ entries: await count('journal_entries'), postings: await count('postings') }, before, 'nothing of the entry remains');
  assert.deepEqual((await verifyLedger(handle.db)).problems, []);
  const counter = await accountId(handle.db, { kind: 'clearing', channel: 'counter' });
  const fund = await accountId(handle.db, { kind: 'fund', program: 'JKM' });
  const again = await inTransaction(handle.db, (tx) => postEntry(tx, { idempotencyKey: 'killed-1', kind: 'payment', reason: 'uji / test', source: { type: 'test', id: 1 }, effectiveDate: '2026-11-21', actor: SYSTEM },
    [{ account: counter, side: 'D', amount: 6_800 }, { account: fund, side: 'C', amount: 6_800 }]));
  assert.equal(again.replayed, false, 'the same key posts whole, once');
});

test('a payment racing the lapse that expires its bill: either it pays the bill or it is refused, never both', async () => {
  const village = (await handle.db.selectFrom('regions').select('code').where('parent_code', '=', '15.71.01').orderBy('code').executeTakeFirstOrThrow()).code;
  const ids: number[] = [];
  for (const [i, name] of ['Ani Lestari', 'Bambang Irawan', 'Citra Dewi', 'Dodi Saputra', 'Evi Marlina', 'Fahmi Idris'].entries()) {
    ids.push((await registerBpu(handle.db, {
      nik: nikFor('157101', '1984-01-01', i % 2 ? 'M' : 'F', 8600 + i), fullName: name, birthDate: '1984-01-01', sex: i % 2 ? 'M' : 'F', phone: `08127702${8600 + i}`, villageCode: village,
      occupation: 'farmer', declaredIncome: 1_000_000, programs: ['JKK', 'JKM'],
    }, { actor: SYSTEM, via: 'officer' })).participantId);
  }
  await handle.db.updateTable('participants').set({ registered_at: new Date('2026-01-01T00:00:00Z') }).where('id', 'in', ids).execute();
  for (const period of ['2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01']) await runBilling(handle.db, { period, asOf: period });
  const february = await handle.db.selectFrom('bills').select(['id', 'participant_id', 'total_amount']).where('participant_id', 'in', ids).where('period', '=', '2026-02-01').orderBy('id').execute();
  const payer = await openDatabase({ databaseUrl: handle.url!, poolSize: 6 });
  const lapser = await openDatabase({ databaseUrl: handle.url!, poolSize: 1 });
  try {
    // 20 June: February to June unpaid, more than three months: the lapse expires February's bills
    const [payments] = await Promise.all([
      Promise.allSettled(february.map((b, i) => recordPayment(payer.db, { billId: b.id, amount: b.total_amount, paidAt: new Date('2026-06-20T03:00:00Z'), channel: 'qris', channelRef: `RACE-${i}`, actor: SYSTEM }))),
      refreshBpuStatus(lapser.db, { asOf: '2026-06-20', lapseMonths: 3, bpuDue: { day: 15, monthOffset: 0 }, holidays: new Set(), reason: 'race' }),
    ]);
    const after = await handle.db.selectFrom('bills').select(['id', 'status', 'paid_amount', 'total_amount']).where('id', 'in', february.map((b) => b.id)).orderBy('id').execute();
    for (const [i, bill] of after.entries()) {
      const p = payments[i]!;
      if (p.status === 'fulfilled') assert.deepEqual([bill.status, bill.paid_amount], ['paid', bill.total_amount], `bill ${bill.id} paid`);
      else {
        assert.ok(p.reason instanceof AppError && p.reason.code === 'bill_closed', String(p.reason));
        assert.deepEqual([bill.status, bill.paid_amount], ['expired', 0], `bill ${bill.id} expired and unpaid`);
      }
    }
    assert.deepEqual((await verifyLedger(handle.db)).problems, []);
  } finally {
    await payer.close();
    await lapser.close();
  }
});
