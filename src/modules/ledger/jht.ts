/**
 * JHT accounts (issue 5): each participant's old-age savings, its history, and the yearly return.
 *
 * The return (DECISIONS.md D13, D14) accrues each month on the month-end balance at rate/12 and is
 * credited once a year, rounded half up once (D2). The sum of the twelve month-end balances is the sum,
 * over the account's postings, of each signed amount times the month-ends of the year on or after its
 * date (12 for money there before the year began, 13 − month for money that came during it), so an
 * account emptied by a claim in the year earns pro rata by itself. `creditJhtReturns` does this in SQL
 * for every account at once; `jhtReturn` is the same arithmetic for one account, for tests and statements.
 */
import { sql } from 'kysely';
import { inTransaction, type Db, type Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { defineProblems } from '../../platform/i18n.ts';
import { percentFraction } from '../../platform/money.ts';
import { recordAudit, SYSTEM, type AuditActor } from '../audit/audit.ts';
import { wibDate } from '../contributions/calendar.ts';
import { accountId } from './accounts.ts';
import { postEntryFromQuery } from './journal.ts';

defineProblems({
  jht_rate_missing: {
    title: { id: 'Tingkat hasil JHT belum ditetapkan', en: 'JHT return rate not declared' },
    detail: { id: 'Tetapkan dulu tingkat hasil JHT tahun {year}.', en: 'Declare the JHT return rate for {year} first.' },
  },
  jht_year_credited: {
    title: { id: 'Tahun sudah dikreditkan', en: 'Year already credited' },
    detail: { id: 'Pengkreditan hasil JHT tahun {year} sudah dimulai; tingkatnya tidak dapat diubah lagi.', en: 'Crediting the {year} JHT return has started; its rate can no longer change.' },
  },
  jht_credit_busy: {
    title: { id: 'Pengkreditan sedang berjalan', en: 'Crediting is running' },
    detail: { id: 'Hasil JHT tahun {year} sedang dikreditkan. Tunggu sampai selesai.', en: 'The {year} JHT return is being credited. Wait until it finishes.' },
  },
  jht_year_not_over: {
    title: { id: 'Tahun belum selesai', en: 'Year not over' },
    detail: { id: 'Hasil JHT tahun {year} dikreditkan setelah 31 Desember {year}.', en: 'The {year} JHT return is credited after 31 December {year}.' },
  },
});

/** Month-ends of `year` on or after `date` (YYYY-MM-DD): 12 before the year, 0 after it. */
export function monthEndsFrom(date: string, year: number): number {
  const y = Number(date.slice(0, 4));
  if (y < year) return 12;
  if (y > year) return 0;
  return 13 - Number(date.slice(5, 7));
}

/** One account's return for `year` at `rate`% a year: Σ month-end balances × rate / 12, half up (D2). */
export function jhtReturn(postings: { date: string; amount: number }[], year: number, rate: string): number {
  const { num, den } = percentFraction(rate);
  const balanceMonths = postings.reduce((s, p) => s + BigInt(p.amount) * BigInt(monthEndsFrom(p.date, year)), 0n);
  if (balanceMonths <= 0n) return 0;
  const d = den * 12n;
  return Number((2n * balanceMonths * num + d) / (2n * d));
}

/** Declares (or, until the year's crediting starts, corrects) a year's rate; the change and its audit event commit together. */
export async function declareJhtRate(db: Db, input: { year: number; rate: string; legalBasis: string; actor: AuditActor }) {
  await inTransaction(db, async (tx) => {
    const started = await tx.selectFrom('jht_credit_runs').select('year').where('year', '=', input.year).executeTakeFirst()
      ?? await tx.selectFrom('jht_credits').select('year').where('year', '=', input.year).limit(1).executeTakeFirst();
    if (started) throw new AppError(409, 'jht_year_credited', { year: input.year });
    await sql`INSERT INTO jht_return_rates (year, rate, legal_basis, declared_by) VALUES (${input.year}, ${input.rate}::numeric, ${input.legalBasis}, ${input.actor.userId})
              ON CONFLICT (year) DO UPDATE SET rate = excluded.rate, legal_basis = excluded.legal_basis, declared_by = excluded.declared_by, declared_at = now()`.execute(tx);
    await recordAudit(tx, { actor: input.actor, action: 'jht_rate.declared', entityType: 'jht_return_rate', entityId: input.year, after: { rate: input.rate, legalBasis: input.legalBasis } });
  });
}

/**
 * Credits every JHT account its return for `year`, once: accounts already credited for the year are
 * skipped, so the run can be repeated or resumed. One journal entry per chunk of accounts, from the JHT
 * fund. Returns how many accounts were credited and the total.
 */
export async function creditJhtReturns(db: Db, year: number, opts: { today?: string; chunk?: number; onProgress?: (done: number, total: number) => void | Promise<void> } = {}) {
  const rate = await creditableRate(db, year, opts.today);
  const { num, den } = percentFraction(String(rate.rate));
  const fund = await accountId(db, { kind: 'fund', program: 'JHT' });
  const range = (await sql<{ lo: number | null; hi: number | null }>`SELECT min(id) AS lo, max(id) AS hi FROM ledger_accounts WHERE kind = 'jht'`.execute(db)).rows[0]!;
  let credited = 0;
  let amount = 0;
  if (range.lo === null || range.hi === null) return { credited, amount };
  const size = opts.chunk ?? 10_000;
  for (let lo = Number(range.lo); lo <= Number(range.hi); lo += size) {
    const hi = lo + size - 1;
    await inTransaction(db, async (tx) => {
      // the year's returns of this chunk's accounts not yet credited, recorded as credited (zero too)
      const rows = (await sql<{ account_id: number; amount: number }>`
        WITH accrual AS (
          SELECT a.id AS account_id,
                 coalesce(sum(CASE WHEN p.side = 'C' THEN p.amount ELSE -p.amount END
                              * CASE WHEN e.effective_date < make_date(${year}, 1, 1) THEN 12
                                     WHEN e.effective_date > make_date(${year}, 12, 31) THEN 0
                                     ELSE 13 - extract(month FROM e.effective_date)::int END), 0) AS balance_months
          FROM ledger_accounts a
          LEFT JOIN postings p ON p.account_id = a.id
          LEFT JOIN journal_entries e ON e.id = p.entry_id
          WHERE a.kind = 'jht' AND a.id BETWEEN ${lo} AND ${hi}
            AND NOT EXISTS (SELECT 1 FROM jht_credits c WHERE c.account_id = a.id AND c.year = ${year})
          GROUP BY a.id
        )
        INSERT INTO jht_credits (account_id, year, amount)
        SELECT account_id, ${year}, CASE WHEN balance_months <= 0 THEN 0
                                         ELSE div(2 * balance_months * ${num.toString()}::numeric + ${(den * 12n).toString()}::numeric, 2 * ${(den * 12n).toString()}::numeric)::bigint END
        FROM accrual
        RETURNING account_id, amount`.execute(tx)).rows;
      const paying = rows.filter((r) => Number(r.amount) > 0);
      if (!paying.length) return;
      const total = paying.reduce((s, r) => s + Number(r.amount), 0);
      const ids = paying.map((r) => r.account_id);
      const entry = await postEntryFromQuery(tx, {
        idempotencyKey: `jht_return:${year}:${lo}-${hi}`, kind: 'jht_return', reason: `hasil pengembangan JHT / JHT return ${year}`,
        source: { type: 'jht_return_rates', id: year }, effectiveDate: `${year}-12-31`, actor: SYSTEM,
      }, (entryId) => sql`
        SELECT ${entryId}::bigint, 1, ${fund}::bigint, 'D', ${total}::bigint
        UNION ALL
        SELECT ${entryId}::bigint, (1 + row_number() OVER (ORDER BY c.account_id))::int, c.account_id, 'C', c.amount
        FROM jht_credits c WHERE c.year = ${year} AND c.account_id = ANY (${ids}::bigint[]) AND c.amount > 0`);
      await sql`UPDATE jht_credits SET entry_id = ${entry!.id} WHERE year = ${year} AND account_id = ANY (${ids}::bigint[])`.execute(tx);
      credited += paying.length;
      amount += total;
    });
    await opts.onProgress?.(Math.min(hi, Number(range.hi)) - Number(range.lo) + 1, Number(range.hi) - Number(range.lo) + 1);
  }
  return { credited, amount };
}

/** The year's declared rate, once the year is over (409 otherwise, naming the year). */
async function creditableRate(db: Executor, year: number, today = wibDate()) {
  if (today <= `${year}-12-31`) throw new AppError(409, 'jht_year_not_over', { year });
  const rate = await db.selectFrom('jht_return_rates').select('rate').where('year', '=', year).executeTakeFirst();
  if (!rate) throw new AppError(409, 'jht_rate_missing', { year });
  return rate;
}

export interface JhtCreditRun {
  year: number;
  status: 'running' | 'completed' | 'failed';
  /** JHT accounts looked at, of `total` */
  done: number;
  total: number;
  /** accounts that received a return, and the rupiah credited (the whole year's, resumed runs included) */
  credited: number;
  amount: number;
  error: string | null;
  /** running, but its worker stopped renewing the lease (the process died): start it again to resume */
  stalled: boolean;
  startedAt: Date;
  finishedAt: Date | null;
}

type RunRow = { year: number; status: JhtCreditRun['status']; done: number; total: number; credited: number; amount: number; error: string | null; started_at: Date; finished_at: Date | null; lease_until: Date | null };
const toRun = (r: RunRow): JhtCreditRun => ({
  year: Number(r.year), status: r.status, done: Number(r.done), total: Number(r.total), credited: Number(r.credited), amount: Number(r.amount),
  error: r.error, stalled: r.status === 'running' && r.lease_until !== null && r.lease_until.getTime() < Date.now(), startedAt: r.started_at, finishedAt: r.finished_at,
});

/** Every declared year, latest first, with its rate and its crediting run (null before one started). */
export async function jhtYears(db: Executor) {
  const rows = await db.selectFrom('jht_return_rates as r').leftJoin('jht_credit_runs as c', 'c.year', 'r.year')
    .select(['r.year', 'r.rate', 'r.legal_basis', 'r.declared_at', 'c.status', 'c.done', 'c.total', 'c.credited', 'c.amount', 'c.error', 'c.started_at', 'c.finished_at', 'c.lease_until'])
    .orderBy('r.year', 'desc').execute();
  return rows.map((r) => ({
    year: Number(r.year), rate: String(r.rate), legalBasis: r.legal_basis, declaredAt: r.declared_at,
    run: r.status ? toRun({ ...r, status: r.status, done: r.done!, total: r.total!, credited: r.credited!, amount: r.amount!, started_at: r.started_at! }) : null,
  }));
}

export async function jhtCreditRun(db: Executor, year: number): Promise<JhtCreditRun | undefined> {
  const r = await db.selectFrom('jht_credit_runs').selectAll().where('year', '=', year).executeTakeFirst();
  return r ? toRun(r as RunRow) : undefined;
}

/**
 * Starts the crediting of `year` as a run, or resumes one that stopped (failed, or its lease ran out);
 * a completed run is returned as it is (`finished` null), one still working is a 409. The run credits in
 * the background; `finished` settles when it ends, and the run's row shows its progress meanwhile.
 */
export async function beginJhtCredit(db: Db, opts: { year: number; actor: AuditActor; today?: string; leaseSeconds?: number; chunk?: number; onProgress?: (run: JhtCreditRun) => void }) {
  const { year, actor } = opts;
  const lease = opts.leaseSeconds ?? 120;
  const claimed = await inTransaction(db, async (tx) => {
    await creditableRate(tx, year, opts.today);
    const total = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ledger_accounts WHERE kind = 'jht'`.execute(tx)).rows[0]!.n);
    const inserted = (await sql<RunRow>`
      INSERT INTO jht_credit_runs (year, status, total, started_by, lease_until)
      VALUES (${year}, 'running', ${total}, ${actor.userId}, now() + make_interval(secs => ${lease}))
      ON CONFLICT (year) DO NOTHING RETURNING *`.execute(tx)).rows[0];
    if (inserted) {
      await recordAudit(tx, { actor, action: 'jht_credit.started', entityType: 'jht_credit_run', entityId: year, after: { year, accounts: total } });
      return { run: toRun(inserted), claimed: true };
    }
    const existing = (await sql<RunRow & { lease_live: boolean }>`
      SELECT *, coalesce(lease_until > now(), false) AS lease_live FROM jht_credit_runs WHERE year = ${year} FOR UPDATE`.execute(tx)).rows[0]!;
    if (existing.status === 'completed') return { run: toRun(existing), claimed: false };
    if (existing.status === 'running' && existing.lease_live) throw new AppError(409, 'jht_credit_busy', { year });
    const resumed = (await sql<RunRow>`
      UPDATE jht_credit_runs SET status = 'running', error = NULL, done = 0, total = ${total}, lease_until = now() + make_interval(secs => ${lease})
      WHERE year = ${year} RETURNING *`.execute(tx)).rows[0]!;
    await recordAudit(tx, { actor, action: 'jht_credit.resumed', entityType: 'jht_credit_run', entityId: year, before: { status: existing.status, done: existing.done }, after: { status: 'running' } });
    return { run: toRun(resumed), claimed: true };
  });
  if (!claimed.claimed) return { run: claimed.run, finished: null };
  const finished = (async () => {
    await creditJhtReturns(db, year, {
      today: opts.today, chunk: opts.chunk,
      onProgress: async (done) => {
        const r = (await sql<RunRow>`UPDATE jht_credit_runs SET done = least(${done}, total), lease_until = now() + make_interval(secs => ${lease})
                                     WHERE year = ${year} RETURNING *`.execute(db)).rows[0]!;
        opts.onProgress?.(toRun(r));
      },
    });
    return inTransaction(db, async (tx) => {
      const run = toRun((await sql<RunRow>`
        UPDATE jht_credit_runs r SET status = 'completed', done = r.total, finished_at = now(), lease_until = NULL,
               credited = t.credited, amount = t.amount
        FROM (SELECT count(*) FILTER (WHERE amount > 0)::int AS credited, coalesce(sum(amount), 0)::bigint AS amount FROM jht_credits WHERE year = ${year}) AS t
        WHERE r.year = ${year} RETURNING r.*`.execute(tx)).rows[0]!);
      await recordAudit(tx, { actor, action: 'jht_credit.completed', entityType: 'jht_credit_run', entityId: year, after: { credited: run.credited, amount: run.amount } });
      return run;
    });
  })().catch(async (err: unknown) => {
    await db.updateTable('jht_credit_runs').set({ status: 'failed', error: err instanceof Error ? err.message.slice(0, 500) : String(err), lease_until: null })
      .where('year', '=', year).execute();
    throw err;
  });
  return { run: claimed.run, finished };
}

export interface JhtStatement {
  participantId: number;
  balance: number;
  /** every movement, oldest first, with the running balance */
  movements: { date: string; kind: string; reason: string; amount: number; balance: number; entryId: number }[];
  returns: { year: number; amount: number; rate: string | null }[];
}

/** A participant's JHT account: balance, every movement with its running balance, and the yearly returns. */
export async function jhtStatement(db: Executor, participantId: number): Promise<JhtStatement> {
  const rows = (await sql<{ date: string; kind: string; reason: string; amount: number; entry_id: number }>`
    SELECT e.effective_date AS date, e.kind, e.reason, CASE WHEN p.side = 'C' THEN p.amount ELSE -p.amount END AS amount, e.id AS entry_id
    FROM ledger_accounts a JOIN postings p ON p.account_id = a.id JOIN journal_entries e ON e.id = p.entry_id
    WHERE a.kind = 'jht' AND a.participant_id = ${participantId}
    ORDER BY e.effective_date, e.id`.execute(db)).rows;
  let balance = 0;
  const movements = rows.map((r) => {
    balance += Number(r.amount);
    return { date: r.date, kind: r.kind, reason: r.reason, amount: Number(r.amount), balance, entryId: r.entry_id };
  });
  const returns = (await sql<{ year: number; amount: number; rate: string | null }>`
    SELECT c.year, c.amount, r.rate::text AS rate FROM ledger_accounts a JOIN jht_credits c ON c.account_id = a.id
    LEFT JOIN jht_return_rates r ON r.year = c.year
    WHERE a.kind = 'jht' AND a.participant_id = ${participantId} ORDER BY c.year`.execute(db)).rows;
  return { participantId, balance, movements, returns: returns.map((r) => ({ year: Number(r.year), amount: Number(r.amount), rate: r.rate })) };
}
