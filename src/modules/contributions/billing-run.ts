/**
 * The monthly billing run (issue 4): for one contribution month, a bill per PU employer with a line per
 * worker, program and payer from the wages in force; BPU bills for the months each participant pays at
 * once; construction projects and migrant-worker placements billed once; late fines of earlier PU bills
 * on the employer's next bill (D6, D7); then the BPU statuses (D16).
 *
 * A run is a row in billing_runs. Work is done in chunks, each one transaction that writes bills
 * together with all their lines and totals, so a run that dies half-way resumes where it stopped and
 * a period run twice changes nothing: each chunk skips the payers billed already, and unique indexes
 * (one bill per employer and month, per BPU first month, per project, per placement) refuse a second bill
 * outright rather than skip it. The heavy statements are set-based: one INSERT … SELECT per chunk.
 */
import { sql, type RawBuilder } from 'kysely';
import { inTransaction, type Db, type Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { percentFraction } from '../../platform/money.ts';
import { recordAudit, SYSTEM, type AuditActor } from '../audit/audit.ts';
import { luhnCheckDigit } from '../registry/check-digits.ts';
import { computeQuote, keysFor } from '../rules/quote.ts';
import { parametersAt } from '../rules/parameters.ts';
import { addDays, addMonths, dueDate, wibDate } from './calendar.ts';
import { lockBpuBills } from './donor-bills.ts';
import { loadHolidays, rulesForPeriod, type PeriodRules } from './rules.ts';
import { refreshBpuStatus } from './status.ts';
import { accountIds } from '../ledger/accounts.ts';
import type { FundProgram } from '../ledger/tables.ts';
import { postEntryFromQuery } from '../ledger/journal.ts';

export type RunStep = 'start' | 'PU' | 'BPU' | 'JAKON' | 'PMI' | 'status' | 'done';

export interface BillingRun {
  id: number;
  period: string;
  asOf: string;
  status: 'running' | 'completed' | 'failed';
  step: RunStep;
  done: number;
  total: number;
  counts: RunCounts;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface RunCounts {
  bills?: Record<string, number>;
  lines?: number;
  amount?: number;
  fines?: number;
  statusChanges?: Record<string, number>;
}

export interface RunOptions {
  /** YYYY-MM-01 */
  period: string;
  /** the issue date; late fines are counted up to it (default today) */
  asOf?: string;
  actor?: AuditActor;
  /** employers per PU chunk (default 4000); participants (by id range) per BPU chunk is 10 × this */
  chunkSize?: number;
  /** connections that bill chunks at the same time (default 2) */
  workers?: number;
  /** how long a worker holds the run between chunks before another may take it over */
  leaseSeconds?: number;
  onProgress?: (run: BillingRun) => void;
  /** called after each committed chunk (tests use it to stop a run half-way) */
  afterChunk?: (step: RunStep, chunk: number) => void | Promise<void>;
}

export const SEGMENT_DIGIT = { PU: 1, BPU: 2, JAKON: 3, PMI: 4 } as const;

/**
 * A bill's payment code: '8', the segment digit, the bill id in 12 digits and a Luhn check digit
 * (15 digits). It is computed from the id, here and in SQL (bill_payment_code, migration 0017), never
 * stored: unique because the id is.
 */
export function paymentCode(segment: keyof typeof SEGMENT_DIGIT, billId: number): string {
  const body = `8${SEGMENT_DIGIT[segment]}${String(billId).padStart(12, '0')}`;
  return body + luhnCheckDigit(body);
}

/** The bill id inside a payment code, or null when the text is not a valid code (format or check digit). */
export function billIdFromPaymentCode(code: string): number | null {
  const digits = code.replace(/[\s.-]/g, '');
  if (!/^8[1-4]\d{13}$/.test(digits) || luhnCheckDigit(digits.slice(0, 14)) !== Number(digits[14])) return null;
  return Number(digits.slice(2, 14));
}

type RunRow = { id: number; period: string; as_of: string; status: BillingRun['status']; step: string; done: number; total: number; counts: unknown; error: string | null; started_at: Date; finished_at: Date | null };

function toRun(r: RunRow): BillingRun {
  return { id: r.id, period: r.period, asOf: r.as_of, status: r.status, step: r.step as RunStep, done: r.done, total: r.total, counts: r.counts as RunCounts, error: r.error, startedAt: r.started_at, finishedAt: r.finished_at };
}

export async function getRun(db: Db, id: number): Promise<BillingRun | undefined> {
  const r = await db.selectFrom('billing_runs').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRun(r as RunRow) : undefined;
}

export async function listRuns(db: Db): Promise<BillingRun[]> {
  const rows = await db.selectFrom('billing_runs').selectAll().orderBy('period', 'desc').limit(120).execute();
  return rows.map((r) => toRun(r as RunRow));
}

/**
 * Creates the run for a period, or takes over one that stopped (failed, or its worker's lease ran out).
 * A completed run is returned as it is. Another worker holding a live lease: 409.
 */
export async function claimRun(db: Db, opts: { period: string; asOf: string; actor: AuditActor; leaseSeconds: number }): Promise<{ run: BillingRun; claimed: boolean }> {
  return inTransaction(db, async (tx) => {
    const inserted = await sql<RunRow>`
      INSERT INTO billing_runs (period, as_of, status, started_by, lease_until)
      VALUES (${opts.period}, ${opts.asOf}, 'running', ${opts.actor.userId}, now() + make_interval(secs => ${opts.leaseSeconds}))
      ON CONFLICT (period) DO NOTHING RETURNING *`.execute(tx);
    if (inserted.rows[0]) {
      await recordAudit(tx, { actor: opts.actor, action: 'billing_run.started', entityType: 'billing_run', entityId: inserted.rows[0].id, after: { period: opts.period, asOf: opts.asOf } });
      return { run: toRun(inserted.rows[0]), claimed: true };
    }
    const existing = (await sql<RunRow & { lease_live: boolean }>`
      SELECT *, lease_until > now() AS lease_live FROM billing_runs WHERE period = ${opts.period} FOR UPDATE`.execute(tx)).rows[0]!;
    if (existing.status === 'completed') return { run: toRun(existing), claimed: false };
    if (existing.status === 'running' && existing.lease_live) throw new AppError(409, 'billing_run_busy', { period: opts.period.slice(0, 7) });
    // resume: the issue date stays the one the run started with, so resumed bills match the first ones
    const resumed = (await sql<RunRow>`
      UPDATE billing_runs SET status = 'running', error = NULL, lease_until = now() + make_interval(secs => ${opts.leaseSeconds})
      WHERE id = ${existing.id} RETURNING *`.execute(tx)).rows[0]!;
    await recordAudit(tx, { actor: opts.actor, action: 'billing_run.resumed', entityType: 'billing_run', entityId: existing.id, before: { status: existing.status, step: existing.step }, after: { status: 'running' } });
    return { run: toRun(resumed), claimed: true };
  });
}

/** Runs (or resumes) the billing of one period to the end. */
export async function runBilling(db: Db, opts: RunOptions): Promise<BillingRun> {
  const { run, finished } = await beginBilling(db, opts);
  return finished ?? run;
}

/**
 * Claims the period's run and starts it; `finished` settles when it ends (null when the period was
 * already completed). The web screen answers at once and polls the run's progress.
 */
export async function beginBilling(db: Db, opts: RunOptions): Promise<{ run: BillingRun; finished: Promise<BillingRun> | null }> {
  const actor = opts.actor ?? SYSTEM;
  const leaseSeconds = opts.leaseSeconds ?? 120;
  const { run, claimed } = await claimRun(db, { period: opts.period, asOf: opts.asOf ?? wibDate(), actor, leaseSeconds });
  if (!claimed) return { run, finished: null };
  const finished = executeRun(db, run, { ...opts, leaseSeconds }).catch(async (err: unknown) => {
    await db.updateTable('billing_runs').set({ status: 'failed', error: err instanceof Error ? err.message.slice(0, 500) : String(err), lease_until: null })
      .where('id', '=', run.id).execute();
    throw err;
  });
  return { run, finished };
}

interface Chunk {
  step: RunStep;
  lo: number;
  hi: number;
}

async function executeRun(db: Db, run: BillingRun, opts: RunOptions & { leaseSeconds: number }): Promise<BillingRun> {
  const period = run.period;
  const rules = await rulesForPeriod(db, period);
  const holidays = await loadHolidays(db);
  const ctx: RunContext = {
    run, rules, period, asOf: run.asOf,
    periodEnd: addDays(addMonths(period, 1), -1),
    puDue: dueDate(period, rules.puDue, holidays),
    bpuDue: dueDate(period, rules.bpuDue, holidays),
  };
  const chunkSize = opts.chunkSize ?? 4000;
  const chunks = [
    ...await idChunks(db, 'PU', sql`SELECT min(id) AS lo, max(id) AS hi FROM employers`, chunkSize),
    ...await idChunks(db, 'BPU', sql`SELECT min(id) AS lo, max(id) AS hi FROM participants WHERE segment = 'BPU'`, chunkSize * 10),
    ...await idChunks(db, 'JAKON', sql`SELECT min(id) AS lo, max(id) AS hi FROM construction_projects`, 500),
    ...await idChunks(db, 'PMI', sql`SELECT min(id) AS lo, max(id) AS hi FROM migrant_placements`, 500),
  ];
  const total = chunks.length + 1; // the bill chunks, then the BPU statuses
  const progress = async (step: RunStep, done: number) => {
    const r = (await sql<RunRow>`
      UPDATE billing_runs SET step = ${step}, done = ${done}, total = ${total}, lease_until = now() + make_interval(secs => ${opts.leaseSeconds})
      WHERE id = ${run.id} RETURNING *`.execute(db)).rows[0]!;
    opts.onProgress?.(toRun(r));
  };
  await progress(chunks[0]?.step ?? 'status', 0);
  // bill chunks are independent, so `workers` connections take them in turn; the BPU statuses come last
  let next = 0;
  let done = 0;
  let failed = false;
  let reported = Promise.resolve();
  const worker = async () => {
    while (!failed && next < chunks.length) {
      const chunk = chunks[next++]!;
      try {
        await inTransaction(db, async (tx) => {
          // a chunk's statements are planned on estimates far above what they touch (generate_series),
          // so PostgreSQL would compile them with JIT, which costs more than running them; and the sort
          // of a chunk's lines should stay in memory
          await sql`SET LOCAL jit = off`.execute(tx);
          await sql`SET LOCAL work_mem = '64MB'`.execute(tx);
          await billChunk(tx, ctx, chunk);
        });
        const n = ++done;
        // one update at a time, in order, so the run's progress never goes back
        reported = reported.then(() => progress(chunk.step, n));
        await reported;
        await opts.afterChunk?.(chunk.step, n);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.max(1, opts.workers ?? 2) }, worker));
  const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  await progress('status', chunks.length);
  const statusChanges = await inTransaction(db, async (tx) => {
    // every BPU participant against their paid-through month: one hash join, kept in memory
    await sql`SET LOCAL work_mem = '64MB'`.execute(tx);
    return refreshBpuStatus(tx, { asOf: ctx.asOf, lapseMonths: rules.lapseMonths, bpuDue: rules.bpuDue, holidays, reason: `billing_run:${run.id}` });
  });
  await progress('status', total);
  return finishRun(db, run.id, opts.actor ?? SYSTEM, statusChanges);
}

async function idChunks(db: Db, step: RunStep, range: RawBuilder<unknown>, size: number): Promise<Chunk[]> {
  const r = (await (range as RawBuilder<{ lo: number | null; hi: number | null }>).execute(db)).rows[0];
  if (!r || r.lo === null || r.hi === null) return [];
  const out: Chunk[] = [];
  for (let lo = r.lo; lo <= r.hi; lo += size) out.push({ step, lo, hi: Math.min(r.hi, lo + size - 1) });
  return out;
}

interface RunContext {
  run: BillingRun;
  rules: PeriodRules;
  period: string;
  periodEnd: string;
  asOf: string;
  puDue: string;
  bpuDue: string;
}

async function billChunk(tx: Tx, ctx: RunContext, chunk: Chunk) {
  switch (chunk.step) {
    case 'PU':
      return billPu(tx, ctx, chunk);
    case 'BPU':
      return billBpu(tx, ctx, chunk);
    case 'JAKON':
    case 'PMI':
      return billOneOffs(tx, ctx, chunk);
  }
}

function valuesTable<T>(rows: T[], columns: string[], row: (r: T) => RawBuilder<unknown>[]) {
  return sql`(VALUES ${sql.join(rows.map((r) => sql`(${sql.join(row(r))})`))}) AS ${sql.raw(`r(${columns.join(', ')})`)}`;
}

/** A rate as the exact fraction of the base it takes (percentFraction), as two bigint SQL values. */
function fraction(rate: string): RawBuilder<unknown>[] {
  const { num, den } = percentFraction(rate);
  return [sql`${num.toString()}::bigint`, sql`${den.toString()}::bigint`];
}

/**
 * base × rate% rounded half up to a rupiah (D1), in bigint arithmetic over the rate's exact fraction
 * (r.num / r.den): the same formula as percentOf, and several times cheaper than numeric.
 */
const percentOfSql = (base: string) => sql.raw(`((2 * ${base} * r.num + r.den) / (2 * r.den))`);

/** The columns of bill_lines a chunk's `lines` CTE yields, after the key (`owner`) of the bill they go on. */
const LINE_COLUMNS = sql.raw('participant_id, month, kind, program, payer, phase, base, rate, amount, rule_id, source_bill_id, fine_months');

/** A bill's total columns, and their values from TOTALS (below) as `t`. */
const TOTAL_COLUMNS = sql.raw('contribution_amount, fine_amount, total_amount, employer_amount, worker_amount, participant_amount, lines');
const TOTAL_VALUES = sql.raw('t.contribution, t.fine, t.contribution + t.fine, t.employer, t.worker, t.participant, t.n');

/** A bill's totals from the chunk's `lines` CTE, per owner (employer or participant). */
const TOTALS = sql`
  SELECT owner,
         coalesce(sum(amount) FILTER (WHERE kind = 'contribution'), 0)::bigint AS contribution,
         coalesce(sum(amount) FILTER (WHERE kind = 'fine'), 0)::bigint AS fine,
         coalesce(sum(amount) FILTER (WHERE payer = 'employer'), 0)::bigint AS employer,
         coalesce(sum(amount) FILTER (WHERE payer = 'worker'), 0)::bigint AS worker,
         coalesce(sum(amount) FILTER (WHERE payer = 'participant'), 0)::bigint AS participant,
         count(*)::int AS n
  FROM lines GROUP BY owner`;

/**
 * The end of a chunk's statement: its lines onto the bills it inserted. It answers those bills' ids and
 * what they bill per program, which the chunk's ledger entry needs without reading the lines again.
 */
const insertLinesReturningBills = sql`, new_lines AS (
      INSERT INTO bill_lines (bill_id, ${LINE_COLUMNS})
      SELECT nb.id, ${LINE_COLUMNS} FROM lines JOIN new_bills nb USING (owner)
      ORDER BY nb.id, month
      RETURNING program, amount
    )
    SELECT (SELECT coalesce(array_agg(id), '{}') FROM new_bills) AS ids,
           (SELECT coalesce(array_agg(owner ORDER BY id), '{}') FROM new_bills) AS owners,
           (SELECT coalesce(array_agg(receivable ORDER BY id), '{}') FROM new_bills) AS receivables,
           (SELECT coalesce(array_agg(total_amount ORDER BY id), '{}') FROM new_bills) AS totals,
           (SELECT coalesce(json_object_agg(program, amount), '{}') FROM (
              SELECT program, sum(amount)::bigint AS amount FROM new_lines GROUP BY program) AS p) AS billed`;

interface IssuedBills {
  ids: number[];
  /** whose receivable the bills go on: the employer's (PU, JAKON) or the participant's (BPU, PMI) */
  payer: 'employer' | 'participant';
  /** per bill, in the order of their ids: the payer's id, their receivable account (null: not found) and the bill's total */
  owners: number[];
  receivables: (number | null)[];
  totals: number[];
  /** program → amount billed on them */
  billed: Record<string, number>;
}
type IssuedRow = { ids: number[]; owners: number[]; receivables: (number | null)[]; totals: number[]; billed: Record<string, number | string> };
const issued = (payer: IssuedBills['payer'], rows: IssuedRow[]): IssuedBills => ({
  ids: (rows[0]?.ids ?? []).map(Number),
  payer,
  owners: (rows[0]?.owners ?? []).map(Number),
  receivables: (rows[0]?.receivables ?? []).map((r) => (r === null ? null : Number(r))),
  totals: (rows[0]?.totals ?? []).map(Number),
  billed: Object.fromEntries(Object.entries(rows[0]?.billed ?? {}).map(([k, v]) => [k, Number(v)])),
});

/**
 * A bill's payer's receivable, as the chunk statement's RETURNING looks it up: one probe a bill of the
 * accounts' unique index (owner first, migration 0039), a subquery so that it is never planned as a
 * scan of every account.
 */
const receivableOf = (payer: IssuedBills['payer']) => sql.raw(`(
  SELECT a.id FROM ledger_accounts a
  WHERE coalesce(a.${payer}_id, 0) = bills.${payer}_id AND coalesce(a.${payer === 'employer' ? 'participant' : 'employer'}_id, 0) = 0
    AND a.kind = 'receivable' AND coalesce(a.program, '') = '' AND coalesce(a.channel, '') = '') AS receivable`);

/**
 * The receivable of each bill's payer, as the chunk's statement found them. Payers' receivables are
 * opened when they join (migration 0034); one that is missing is opened here.
 */
async function receivablesOf(tx: Tx, { payer, owners, receivables }: IssuedBills): Promise<number[]> {
  const missing = [...new Set(owners.filter((_, i) => receivables[i] === null))];
  if (!missing.length) return receivables as number[];
  const specs = missing.map((id) => ({ kind: 'receivable' as const, ...(payer === 'employer' ? { employerId: id } : { participantId: id }) }));
  const opened = new Map((await accountIds(tx, specs)).map((account, i) => [missing[i]!, account]));
  return owners.map((owner, i) => receivables[i] ?? opened.get(owner)!);
}

/**
 * The ledger entry of the bills a chunk issued: each payer's receivable debited with their bills'
 * totals, each program's "billed" account credited with what the bills charge for it (contributions and
 * fines alike; a payment later moves them into the funds). One entry per chunk, keyed by its bills.
 */
async function postBillsIssued(tx: Tx, ctx: RunContext, bills: IssuedBills) {
  const { ids, totals, billed } = bills;
  if (!ids.length) return;
  // the payers' receivables and the bills' totals from what the chunk's statement answered: the bills
  // are not read again
  const receivables = await receivablesOf(tx, bills);
  const programs = Object.keys(billed).sort();
  const billedAccounts = await accountIds(tx, programs.map((program) => ({ kind: 'billed', program: program as FundProgram })));
  const credits = sql.join(programs.map((program, i) => sql`(${billedAccounts[i]}::bigint, 'C', ${billed[program]}::bigint)`));
  await postEntryFromQuery(tx, {
    idempotencyKey: `bills_issued:${ctx.run.id}:${Math.min(...ids)}-${Math.max(...ids)}:${ids.length}`, kind: 'bills_issued',
    reason: `tagihan terbit / bills issued ${ctx.period.slice(0, 7)}`, source: { type: 'billing_run', id: ctx.run.id }, effectiveDate: ctx.asOf, actor: SYSTEM,
  }, (entryId) => sql`
    SELECT ${entryId}::bigint, (row_number() OVER (ORDER BY p.side DESC, p.account_id))::int, p.account_id, p.side, p.amount FROM (
      SELECT b.account_id, 'D' AS side, sum(b.total)::bigint AS amount
      FROM unnest(${receivables}::bigint[], ${totals}::bigint[]) AS b(account_id, total)
      GROUP BY b.account_id
      UNION ALL
      SELECT * FROM (VALUES ${credits}) AS c(account_id, side, amount)
    ) AS p WHERE p.amount > 0`);
}

/**
 * One PU chunk in one statement: the month's lines of every active employer in the id range that has no
 * bill for the month yet (a line per worker, program and payer, rates by the employer's risk class and
 * discount), plus the late fines of its earlier bills; the bills with their totals; then the lines on
 * them. Nothing is written twice: an employer billed already is skipped, and the lines join only the
 * bills this statement inserted.
 */
async function billPu(tx: Tx, ctx: RunContext, chunk: Chunk) {
  const { puRates, jpCap, discountMinWorkers, fineRates, fineDaysPerMonth } = ctx.rules;
  const rates = valuesTable(puRates, ['program', 'payer', 'risk_class', 'discounted', 'rate', 'num', 'den', 'rule_id', 'capped'], (r) => [
    sql`${r.program}::text`, sql`${r.payer}::text`, sql`${r.riskClass}::smallint`, sql`${r.discounted}::boolean`, sql`${r.rate}::numeric`,
    ...fraction(r.rate), sql`${r.ruleId}::bigint`, sql`${r.capped}::boolean`,
  ]);
  const fines = valuesTable(fineRates, ['program', 'rate', 'rule_id'], (r) => [sql`${r.program}::text`, sql`${r.rate}::numeric`, sql`${r.ruleId}::bigint`]);
  const discounted = discountMinWorkers === null ? sql`false` : sql`(s.labor_intensive AND s.workers >= ${discountMinWorkers})`;
  const result = await sql<IssuedRow>`
    WITH staff AS (
      SELECT er.id AS employer_id, er.risk_class, er.labor_intensive, e.participant_id, p.programs, w.wage,
             count(*) OVER (PARTITION BY er.id) AS workers
      FROM employers er
      -- employments that count in the month: started by its end, not ended before its start, with a wage
      -- in force (the lateral finds none for an employment without one, and drops it)
      JOIN employments e ON e.employer_id = er.id AND e.start_date <= ${ctx.periodEnd} AND (e.end_date IS NULL OR e.end_date >= ${ctx.period})
      CROSS JOIN LATERAL (SELECT w.wage FROM wages w WHERE w.employment_id = e.id AND w.effective_month <= ${ctx.period}
                          ORDER BY w.effective_month DESC LIMIT 1) AS w
      JOIN participants p ON p.id = e.participant_id
      WHERE er.id BETWEEN ${chunk.lo} AND ${chunk.hi} AND er.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.segment = 'PU' AND b.employer_id = er.id AND b.period = ${ctx.period})
    ), contributions AS (
      SELECT s.employer_id AS owner, s.participant_id, ${ctx.period}::date AS month, 'contribution'::text AS kind, r.program, r.payer,
             NULL::text AS phase, x.base, r.rate, ${percentOfSql('x.base')} AS amount, r.rule_id,
             NULL::bigint AS source_bill_id, NULL::smallint AS fine_months
      FROM staff s
      JOIN ${rates} ON r.program = ANY (s.programs) AND (r.risk_class IS NULL OR (r.risk_class = s.risk_class AND r.discounted = ${discounted}))
      CROSS JOIN LATERAL (SELECT CASE WHEN r.capped THEN least(s.wage, ${jpCap}::bigint) ELSE s.wage END AS base) AS x
    ), late_fines AS (
      -- D6, D7: per program, the fine rate × the months of delay not yet charged, on that program's
      -- contribution; a bill still unpaid keeps accruing and is charged again for the new months only
      SELECT src.employer_id AS owner, NULL::bigint AS participant_id, src.period AS month, 'fine'::text AS kind, c.program, 'employer'::text AS payer,
             NULL::text AS phase, c.base, r.rate * d.delta AS rate, round(c.base * r.rate * d.delta / 100)::bigint AS amount, r.rule_id,
             src.id AS source_bill_id, d.delta::smallint AS fine_months
      FROM bills src
      CROSS JOIN LATERAL (
        SELECT ceil((coalesce((src.paid_at AT TIME ZONE 'Asia/Jakarta')::date, ${ctx.asOf}::date) - src.due_date)::numeric / ${fineDaysPerMonth})::int AS months_now
      ) AS m
      JOIN LATERAL (
        SELECT l.program, sum(l.amount)::bigint AS base FROM bill_lines l WHERE l.bill_id = src.id AND l.kind = 'contribution' GROUP BY l.program
      ) AS c ON true
      JOIN ${fines} ON r.program = c.program
      CROSS JOIN LATERAL (
        SELECT m.months_now - coalesce((SELECT sum(f.fine_months) FROM bill_lines f WHERE f.source_bill_id = src.id AND f.program = c.program), 0)::int AS delta
      ) AS d
      WHERE src.segment = 'PU' AND src.employer_id IN (SELECT DISTINCT employer_id FROM staff)
        AND src.period < ${ctx.period} AND src.status <> 'expired' AND src.due_date < ${ctx.asOf}::date
        AND (src.paid_at IS NULL OR (src.paid_at AT TIME ZONE 'Asia/Jakarta')::date > src.due_date)
        AND d.delta > 0
    ), lines AS (
      SELECT * FROM contributions UNION ALL SELECT * FROM late_fines
    ), new_bills AS (
      INSERT INTO bills (run_id, segment, period, employer_id, branch_id, issued_on, due_date,
                         ${TOTAL_COLUMNS})
      SELECT ${ctx.run.id}, 'PU', ${ctx.period}, t.owner, er.branch_id, ${ctx.asOf}, ${ctx.puDue},
             ${TOTAL_VALUES}
      FROM (${TOTALS}) AS t JOIN employers er ON er.id = t.owner ORDER BY t.owner
      RETURNING id, employer_id AS owner, total_amount, ${receivableOf('employer')}
    )
    ${insertLinesReturningBills}`.execute(tx);
  await postBillsIssued(tx, ctx, issued('employer', result.rows));
}

/**
 * One BPU chunk in one statement: for each participant in the id range whose month is not covered by
 * an earlier bill, a bill of the months its plan chooses (1, 3, 6 or 12), with a line per month and
 * program (D8): JKK 1% of the declared income clamped, JKM flat, JHT 2% if chosen.
 */
async function billBpu(tx: Tx, ctx: RunContext, chunk: Chunk) {
  // a GN Lingkaran allocation run writing a donor's bill of these months finishes first, or waits
  await lockBpuBills(tx, 'shared');
  const get = (k: string) => ctx.rules.params.get(k)!;
  const [jkk, jkkMin, jkkMax, jkm, jht, incomeMin] = ['bpu.jkk.rate', 'bpu.jkk.min', 'bpu.jkk.max', 'bpu.jkm.flat', 'bpu.jht.rate', 'bpu.income.min'].map(get) as [ReturnType<typeof get>, ReturnType<typeof get>, ReturnType<typeof get>, ReturnType<typeof get>, ReturnType<typeof get>, ReturnType<typeof get>];
  const result = await sql<IssuedRow>`
    WITH due AS (
      SELECT p.id AS participant_id, p.programs, coalesce(pl.months, 1) AS months, br.branch_id,
             greatest(coalesce(p.declared_income, 0), ${incomeMin.value}::bigint) AS income
      FROM participants p
      -- the branch of the participant's regency, looked up per participant (never a scan of people)
      CROSS JOIN LATERAL (SELECT br.branch_id FROM people pe JOIN branch_regencies br ON br.regency_code = pe.regency_code WHERE pe.id = p.person_id LIMIT 1) AS br
      LEFT JOIN bpu_payment_plans pl ON pl.participant_id = p.id
      WHERE p.id BETWEEN ${chunk.lo} AND ${chunk.hi} AND p.segment = 'BPU' AND p.status <> 'ended'
        AND p.registered_at < ${addMonths(ctx.period, 1)}::date
        -- months already covered by an earlier bill of several months are not billed again
        AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.segment = 'BPU' AND b.participant_id = p.id AND b.participant_id BETWEEN ${chunk.lo} AND ${chunk.hi}
                          AND b.period BETWEEN ${addMonths(ctx.period, -11)}::date AND ${ctx.period}::date
                          AND b.period + make_interval(months => b.months) > ${ctx.period}::date)
    ), lines AS (
      SELECT d.participant_id AS owner, d.participant_id, (${ctx.period}::date + make_interval(months => m.i))::date AS month,
             'contribution'::text AS kind, r.program, 'participant'::text AS payer, NULL::text AS phase,
             CASE WHEN r.rate IS NULL THEN NULL ELSE d.income END AS base, r.rate,
             CASE r.program
               WHEN 'JKK' THEN least(${jkkMax.value}::bigint, greatest(${jkkMin.value}::bigint, ${percentOfSql('d.income')}))
               WHEN 'JKM' THEN ${jkm.value}::bigint
               ELSE ${percentOfSql('d.income')} END AS amount,
             r.rule_id, NULL::bigint AS source_bill_id, NULL::smallint AS fine_months
      FROM due d
      CROSS JOIN LATERAL generate_series(0, d.months - 1) AS m(i)
      JOIN (VALUES ('JKK', ${jkk.value}::numeric, ${sql.join(fraction(jkk.value))}, ${jkk.id}::bigint), ('JKM', NULL::numeric, NULL::bigint, NULL::bigint, ${jkm.id}::bigint),
                   ('JHT', ${jht.value}::numeric, ${sql.join(fraction(jht.value))}, ${jht.id}::bigint))
        AS r(program, rate, num, den, rule_id) ON r.program = ANY (d.programs)
    ), new_bills AS (
      INSERT INTO bills (run_id, segment, period, months, participant_id, branch_id, issued_on, due_date,
                         ${TOTAL_COLUMNS})
      SELECT ${ctx.run.id}, 'BPU', ${ctx.period}, d.months, t.owner, d.branch_id, ${ctx.asOf}, ${ctx.bpuDue},
             ${TOTAL_VALUES}
      FROM (${TOTALS}) AS t JOIN due d ON d.participant_id = t.owner ORDER BY t.owner
      RETURNING id, participant_id AS owner, total_amount, ${receivableOf('participant')}
    )
    ${insertLinesReturningBills}`.execute(tx);
  await postBillsIssued(tx, ctx, issued('participant', result.rows));
}

/**
 * Construction projects and migrant-worker placements whose start month has come and that have no
 * bill: billed once, with the lines of the public quote for the same input (computeQuote), so a bill
 * and a quote can never disagree. These are few, so the lines are computed here and inserted in one
 * statement per chunk.
 */
async function billOneOffs(tx: Tx, ctx: RunContext, chunk: Chunk) {
  const jakon = chunk.step === 'JAKON';
  const due = jakon ? ctx.puDue : ctx.bpuDue;
  const pending = jakon
    ? (await sql<{ id: number; employer_id: number; branch_id: number; contract_value: number }>`
        SELECT cp.id, cp.employer_id, er.branch_id, cp.contract_value FROM construction_projects cp JOIN employers er ON er.id = cp.employer_id
        WHERE cp.id BETWEEN ${chunk.lo} AND ${chunk.hi} AND cp.start_month <= ${ctx.period}
          AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.segment = 'JAKON' AND b.project_id = cp.id) ORDER BY cp.id`.execute(tx)).rows
    : (await sql<{ id: number; participant_id: number; branch_id: number; contract_months: number }>`
        SELECT mp.id, mp.participant_id, br.branch_id, mp.contract_months FROM migrant_placements mp
        JOIN participants p ON p.id = mp.participant_id JOIN people pe ON pe.id = p.person_id JOIN branch_regencies br ON br.regency_code = pe.regency_code
        WHERE mp.id BETWEEN ${chunk.lo} AND ${chunk.hi} AND mp.start_month <= ${ctx.period}
          AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.segment = 'PMI' AND b.placement_id = mp.id) ORDER BY mp.id`.execute(tx)).rows;
  if (!pending.length) return;
  const segment = jakon ? 'JAKON' as const : 'PMI' as const;
  const probe = jakon ? { segment, period: ctx.period.slice(0, 7), contractValue: 1 } : { segment, period: ctx.period.slice(0, 7), contractMonths: 6 };
  const params = await parametersAt(tx, keysFor(probe), ctx.period);
  const linesOf = pending.map((p) => computeQuote(params, 'contract_value' in p
    ? { segment, period: ctx.period.slice(0, 7), contractValue: p.contract_value }
    : { segment, period: ctx.period.slice(0, 7), contractMonths: p.contract_months }).lines.filter((l) => l.payer !== 'government'));
  const sumOf = (i: number, payer?: string) => linesOf[i]!.filter((l) => !payer || l.payer === payer).reduce((s, l) => s + l.amount, 0);
  const column = <T>(f: (p: (typeof pending)[number], i: number) => T) => pending.map(f);
  const bills = (await sql<{ id: number; ref: number }>`
    INSERT INTO bills (run_id, segment, period, employer_id, participant_id, project_id, placement_id, branch_id, issued_on, due_date,
                       contribution_amount, total_amount, employer_amount, participant_amount, lines)
    SELECT ${ctx.run.id}, ${segment}, ${ctx.period}, employer_id, participant_id, project_id, placement_id, branch_id, ${ctx.asOf}, ${due},
           total, total, employer, participant, n
    FROM unnest(${column((p) => ('employer_id' in p ? p.employer_id : null))}::bigint[],
                 ${column((p) => ('participant_id' in p ? p.participant_id : null))}::bigint[],
                 ${column((p) => (jakon ? p.id : null))}::bigint[], ${column((p) => (jakon ? null : p.id))}::bigint[],
                 ${column((p) => p.branch_id)}::bigint[], ${column((_, i) => sumOf(i))}::bigint[], ${column((_, i) => sumOf(i, 'employer'))}::bigint[],
                 ${column((_, i) => sumOf(i, 'participant'))}::bigint[], ${column((_, i) => linesOf[i]!.length)}::int[])
          AS t(employer_id, participant_id, project_id, placement_id, branch_id, total, employer, participant, n)
    RETURNING id, coalesce(project_id, placement_id) AS ref`.execute(tx)).rows;
  const billOf = new Map(bills.map((b) => [Number(b.ref), b.id]));
  const lines = pending.flatMap((p, i) => linesOf[i]!.map((l) => ({
    bill_id: billOf.get(p.id)!, participant_id: 'participant_id' in p ? p.participant_id : null, month: ctx.period, kind: 'contribution' as const,
    program: l.program as Exclude<typeof l.program, 'JKP'>, payer: l.payer as 'employer' | 'participant', phase: l.phase ?? null,
    base: l.base, rate: l.rate, amount: l.amount, rule_id: l.ruleId,
  })));
  await tx.insertInto('bill_lines').values(lines).execute();
  const billed: Record<string, number> = {};
  for (const l of lines) billed[l.program] = (billed[l.program] ?? 0) + l.amount;
  await postBillsIssued(tx, ctx, {
    ids: bills.map((b) => b.id), payer: jakon ? 'employer' : 'participant', billed,
    owners: pending.map((p) => ('employer_id' in p ? p.employer_id : p.participant_id)), receivables: pending.map(() => null),
    totals: pending.map((_, i) => sumOf(i)),
  });
}

async function finishRun(db: Db, runId: number, actor: AuditActor, statusChanges: Record<string, number>): Promise<BillingRun> {
  return inTransaction(db, async (tx) => {
    const totals = await sql<{ segment: string; bills: number; lines: number; amount: number; fines: number }>`
      SELECT segment, count(*)::int AS bills, sum(lines)::bigint AS lines, sum(total_amount)::bigint AS amount, sum(fine_amount)::bigint AS fines
      FROM bills WHERE run_id = ${runId} GROUP BY segment`.execute(tx);
    const counts: RunCounts = {
      bills: Object.fromEntries(totals.rows.map((r) => [r.segment, r.bills])),
      lines: totals.rows.reduce((s, r) => s + Number(r.lines), 0),
      amount: totals.rows.reduce((s, r) => s + Number(r.amount), 0),
      fines: totals.rows.reduce((s, r) => s + Number(r.fines), 0),
      statusChanges,
    };
    const r = (await sql<RunRow>`
      UPDATE billing_runs SET status = 'completed', step = 'done', counts = ${JSON.stringify(counts)}::jsonb, finished_at = now(), lease_until = NULL
      WHERE id = ${runId} RETURNING *`.execute(tx)).rows[0]!;
    await recordAudit(tx, { actor, action: 'billing_run.completed', entityType: 'billing_run', entityId: runId, after: counts as Record<string, unknown> });
    return toRun(r);
  });
}
