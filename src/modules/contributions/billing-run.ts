/**
 * The monthly billing run (issue 4): for one contribution month, a bill per PU employer with a line per
 * worker, program and payer from the wages in force; BPU bills for the months each participant pays at
 * once; construction projects and migrant-worker placements billed once; late fines of earlier PU bills
 * on the employer's next bill (D6, D7); then the BPU statuses (D16).
 *
 * A run is a row in billing_runs. Work is done in chunks, each one transaction that writes bills
 * together with all their lines and totals, so a run that dies half-way resumes where it stopped and
 * a period run twice changes nothing (one bill per employer and month, per BPU first month, per project,
 * per placement: unique indexes). The heavy statements are set-based: one INSERT … SELECT per chunk.
 */
import { sql, type RawBuilder } from 'kysely';
import { inTransaction, type Db, type Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit, SYSTEM, type AuditActor } from '../audit/audit.ts';
import { luhnSql } from '../registry/check-digits.ts';
import { computeQuote, keysFor } from '../rules/quote.ts';
import { parametersAt } from '../rules/parameters.ts';
import { addDays, addMonths, dueDate, wibDate } from './calendar.ts';
import { loadHolidays, rulesForPeriod, type PeriodRules } from './rules.ts';
import { refreshBpuStatus } from './status.ts';

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
  /** employers per PU chunk; participants (by id range) per BPU chunk is 20 × this */
  chunkSize?: number;
  /** how long a worker holds the run between chunks before another may take it over */
  leaseSeconds?: number;
  onProgress?: (run: BillingRun) => void;
  /** called after each committed chunk (tests use it to stop a run half-way) */
  afterChunk?: (step: RunStep, chunk: number) => void | Promise<void>;
}

export const SEGMENT_DIGIT = { PU: 1, BPU: 2, JAKON: 3, PMI: 4 } as const;

/** A bill's payment code: '8', the segment digit, the bill id in 12 digits and a Luhn check digit (15 digits). */
function paymentCodeSql(segment: keyof typeof SEGMENT_DIGIT, idColumn: string): RawBuilder<string> {
  const prefix = `8${SEGMENT_DIGIT[segment]}`;
  return sql<string>`(SELECT body || ${luhnSql('body', 14)} FROM (SELECT ${prefix}::text || lpad(${sql.ref(idColumn)}::text, 12, '0') AS body) AS code_body)`;
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
  const chunkSize = opts.chunkSize ?? 1000;
  const chunks = [
    ...await idChunks(db, 'PU', sql`SELECT min(id) AS lo, max(id) AS hi FROM employers`, chunkSize),
    ...await idChunks(db, 'BPU', sql`SELECT min(id) AS lo, max(id) AS hi FROM participants WHERE segment = 'BPU'`, chunkSize * 20),
    ...await idChunks(db, 'JAKON', sql`SELECT min(id) AS lo, max(id) AS hi FROM construction_projects`, 500),
    ...await idChunks(db, 'PMI', sql`SELECT min(id) AS lo, max(id) AS hi FROM migrant_placements`, 500),
    { step: 'status' as const, lo: 0, hi: 0 },
  ];
  let current = run;
  const progress = async (step: RunStep, done: number) => {
    const r = (await sql<RunRow>`
      UPDATE billing_runs SET step = ${step}, done = ${done}, total = ${chunks.length}, lease_until = now() + make_interval(secs => ${opts.leaseSeconds})
      WHERE id = ${run.id} RETURNING *`.execute(db)).rows[0]!;
    current = toRun(r);
    opts.onProgress?.(current);
  };
  await progress(chunks[0]!.step, 0);
  let statusChanges: Record<string, number> = {};
  for (const [i, chunk] of chunks.entries()) {
    if (chunk.step === 'status') {
      statusChanges = await refreshBpuStatus(db, { asOf: ctx.asOf, lapseMonths: rules.lapseMonths, bpuDue: rules.bpuDue, holidays, reason: `billing_run:${run.id}` });
    } else {
      await inTransaction(db, (tx) => billChunk(tx, ctx, chunk));
    }
    await progress(chunk.step, i + 1);
    await opts.afterChunk?.(chunk.step, i + 1);
  }
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
      await insertPuBills(tx, ctx, chunk);
      await insertPuLines(tx, ctx);
      await insertFineLines(tx, ctx);
      break;
    case 'BPU':
      await insertBpuBills(tx, ctx, chunk);
      await insertBpuLines(tx, ctx);
      break;
    case 'JAKON':
    case 'PMI':
      await billOneOffs(tx, ctx, chunk);
      break;
  }
  await settleTotals(tx, ctx, chunk.step);
}

const billsSeq = sql`pg_get_serial_sequence('bills', 'id')::regclass`;

/** Employments that count in the month: started by its end, not ended before its start, with a wage in force. */
function activeEmployments(ctx: RunContext) {
  return sql`e.start_date <= ${ctx.periodEnd} AND (e.end_date IS NULL OR e.end_date >= ${ctx.period})
    AND EXISTS (SELECT 1 FROM wages w WHERE w.employment_id = e.id AND w.effective_month <= ${ctx.period})`;
}

async function insertPuBills(tx: Tx, ctx: RunContext, chunk: Chunk) {
  await sql`
    INSERT INTO bills (id, run_id, segment, period, employer_id, branch_id, payment_code, issued_on, due_date)
    OVERRIDING SYSTEM VALUE
    SELECT id, ${ctx.run.id}, 'PU', ${ctx.period}, employer_id, branch_id, ${paymentCodeSql('PU', 'id')}, ${ctx.asOf}, ${ctx.puDue}
    FROM (
      SELECT nextval(${billsSeq}) AS id, er.id AS employer_id, er.branch_id
      FROM employers er
      WHERE er.id BETWEEN ${chunk.lo} AND ${chunk.hi} AND er.status = 'active'
        AND EXISTS (SELECT 1 FROM employments e WHERE e.employer_id = er.id AND ${activeEmployments(ctx)})
        AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.segment = 'PU' AND b.employer_id = er.id AND b.period = ${ctx.period})
      ORDER BY er.id
    ) AS new_bills
    ON CONFLICT DO NOTHING`.execute(tx);
}

function valuesTable<T>(rows: T[], columns: string[], row: (r: T) => RawBuilder<unknown>[]) {
  return sql`(VALUES ${sql.join(rows.map((r) => sql`(${sql.join(row(r))})`))}) AS ${sql.raw(`r(${columns.join(', ')})`)}`;
}

/** One line per worker, program and payer on the chunk's new PU bills; rates by the employer's risk class and discount. */
async function insertPuLines(tx: Tx, ctx: RunContext) {
  const { puRates, jpCap, discountMinWorkers } = ctx.rules;
  const rates = valuesTable(puRates, ['program', 'payer', 'risk_class', 'discounted', 'rate', 'rule_id', 'capped'], (r) => [
    sql`${r.program}::text`, sql`${r.payer}::text`, sql`${r.riskClass}::smallint`, sql`${r.discounted}::boolean`, sql`${r.rate}::numeric`, sql`${r.ruleId}::bigint`, sql`${r.capped}::boolean`,
  ]);
  const discounted = discountMinWorkers === null ? sql`false` : sql`(er.labor_intensive AND s.workers >= ${discountMinWorkers})`;
  await sql`
    WITH chunk_bills AS (
      SELECT b.id, b.employer_id FROM bills b WHERE b.run_id = ${ctx.run.id} AND b.segment = 'PU' AND b.lines = 0
    ), staff AS (
      SELECT cb.id AS bill_id, e.employer_id, e.participant_id, w.wage, count(*) OVER (PARTITION BY e.employer_id) AS workers
      FROM chunk_bills cb
      JOIN employments e ON e.employer_id = cb.employer_id AND ${activeEmployments(ctx)}
      CROSS JOIN LATERAL (SELECT w.wage FROM wages w WHERE w.employment_id = e.id AND w.effective_month <= ${ctx.period}
                          ORDER BY w.effective_month DESC LIMIT 1) AS w
    )
    INSERT INTO bill_lines (bill_id, participant_id, month, kind, program, payer, base, rate, amount, rule_id)
    SELECT s.bill_id, s.participant_id, ${ctx.period}, 'contribution', r.program, r.payer, x.base, r.rate, round(x.base * r.rate / 100)::bigint, r.rule_id
    FROM staff s
    JOIN employers er ON er.id = s.employer_id
    JOIN participants p ON p.id = s.participant_id
    JOIN ${rates} ON r.program = ANY (p.programs) AND (r.risk_class IS NULL OR (r.risk_class = er.risk_class AND r.discounted = ${discounted}))
    CROSS JOIN LATERAL (SELECT CASE WHEN r.capped THEN least(s.wage, ${jpCap}::bigint) ELSE s.wage END AS base) AS x
    ORDER BY s.bill_id`.execute(tx);
}

/**
 * Late fines of the employer's earlier PU bills on its new bill (D6, D7): per program, the fine rate ×
 * the months of delay not yet charged, on that program's contribution. A bill still unpaid keeps
 * accruing and is charged again, for the new months only, on the next bill.
 */
async function insertFineLines(tx: Tx, ctx: RunContext) {
  const { fineRates, fineDaysPerMonth } = ctx.rules;
  const rates = valuesTable(fineRates, ['program', 'rate', 'rule_id'], (r) => [sql`${r.program}::text`, sql`${r.rate}::numeric`, sql`${r.ruleId}::bigint`]);
  await sql`
    INSERT INTO bill_lines (bill_id, participant_id, month, kind, program, payer, base, rate, amount, rule_id, source_bill_id, fine_months)
    SELECT nb.id, NULL, src.period, 'fine', c.program, 'employer', c.base, r.rate * d.delta, round(c.base * r.rate * d.delta / 100)::bigint, r.rule_id, src.id, d.delta
    FROM bills nb
    JOIN bills src ON src.segment = 'PU' AND src.employer_id = nb.employer_id AND src.period < ${ctx.period} AND src.status <> 'expired'
      AND src.due_date < ${ctx.asOf}::date
      AND (src.paid_at IS NULL OR (src.paid_at AT TIME ZONE 'Asia/Jakarta')::date > src.due_date)
    CROSS JOIN LATERAL (
      SELECT ceil((coalesce((src.paid_at AT TIME ZONE 'Asia/Jakarta')::date, ${ctx.asOf}::date) - src.due_date)::numeric / ${fineDaysPerMonth})::int AS months_now
    ) AS m
    JOIN LATERAL (
      SELECT l.program, sum(l.amount)::bigint AS base FROM bill_lines l WHERE l.bill_id = src.id AND l.kind = 'contribution' GROUP BY l.program
    ) AS c ON true
    JOIN ${rates} ON r.program = c.program
    CROSS JOIN LATERAL (
      SELECT m.months_now - coalesce((SELECT sum(f.fine_months) FROM bill_lines f WHERE f.source_bill_id = src.id AND f.program = c.program), 0)::int AS delta
    ) AS d
    WHERE nb.run_id = ${ctx.run.id} AND nb.segment = 'PU' AND nb.lines = 0 AND d.delta > 0`.execute(tx);
}

async function insertBpuBills(tx: Tx, ctx: RunContext, chunk: Chunk) {
  await sql`
    INSERT INTO bills (id, run_id, segment, period, months, participant_id, branch_id, payment_code, issued_on, due_date)
    OVERRIDING SYSTEM VALUE
    SELECT id, ${ctx.run.id}, 'BPU', ${ctx.period}, months, participant_id, branch_id, ${paymentCodeSql('BPU', 'id')}, ${ctx.asOf}, ${ctx.bpuDue}
    FROM (
      SELECT nextval(${billsSeq}) AS id, p.id AS participant_id, coalesce(pl.months, 1) AS months, br.branch_id
      FROM participants p
      JOIN people pe ON pe.id = p.person_id
      JOIN branch_regencies br ON br.regency_code = pe.regency_code
      LEFT JOIN bpu_payment_plans pl ON pl.participant_id = p.id
      WHERE p.id BETWEEN ${chunk.lo} AND ${chunk.hi} AND p.segment = 'BPU' AND p.status <> 'ended'
        AND p.registered_at < ${addMonths(ctx.period, 1)}::date
        -- months already covered by an earlier bill of several months are not billed again
        AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.segment = 'BPU' AND b.participant_id = p.id AND b.participant_id BETWEEN ${chunk.lo} AND ${chunk.hi}
                          AND b.period BETWEEN ${addMonths(ctx.period, -11)}::date AND ${ctx.period}::date
                          AND b.period + make_interval(months => b.months) > ${ctx.period}::date)
      ORDER BY p.id
    ) AS new_bills
    ON CONFLICT DO NOTHING`.execute(tx);
}

/** A line per month and program of each new BPU bill (D8): JKK 1% clamped, JKM flat, JHT 2% if chosen. */
async function insertBpuLines(tx: Tx, ctx: RunContext) {
  const get = (k: string) => ctx.rules.params.get(k)!;
  const [jkk, jkkMin, jkkMax, jkm, jht, incomeMin] = ['bpu.jkk.rate', 'bpu.jkk.min', 'bpu.jkk.max', 'bpu.jkm.flat', 'bpu.jht.rate', 'bpu.income.min'].map(get) as [ReturnType<typeof get>, ReturnType<typeof get>, ReturnType<typeof get>, ReturnType<typeof get>, ReturnType<typeof get>, ReturnType<typeof get>];
  await sql`
    INSERT INTO bill_lines (bill_id, participant_id, month, kind, program, payer, base, rate, amount, rule_id)
    SELECT b.id, b.participant_id, (b.period + make_interval(months => m.i))::date, 'contribution', r.program, 'participant',
           CASE WHEN r.rate IS NULL THEN NULL ELSE x.income END, r.rate,
           CASE r.program
             WHEN 'JKK' THEN least(${jkkMax.value}::bigint, greatest(${jkkMin.value}::bigint, round(x.income * r.rate / 100)::bigint))
             WHEN 'JKM' THEN ${jkm.value}::bigint
             ELSE round(x.income * r.rate / 100)::bigint END,
           r.rule_id
    FROM bills b
    JOIN participants p ON p.id = b.participant_id
    CROSS JOIN LATERAL (SELECT greatest(coalesce(p.declared_income, 0), ${incomeMin.value}::bigint) AS income) AS x
    CROSS JOIN LATERAL generate_series(0, b.months - 1) AS m(i)
    JOIN (VALUES ('JKK', ${jkk.value}::numeric, ${jkk.id}::bigint), ('JKM', NULL::numeric, ${jkm.id}::bigint), ('JHT', ${jht.value}::numeric, ${jht.id}::bigint))
      AS r(program, rate, rule_id) ON r.program = ANY (p.programs)
    WHERE b.run_id = ${ctx.run.id} AND b.segment = 'BPU' AND b.lines = 0
    ORDER BY b.id, m.i`.execute(tx);
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
  const bills = (await sql<{ id: number; ref: number }>`
    INSERT INTO bills (id, run_id, segment, period, employer_id, participant_id, project_id, placement_id, branch_id, payment_code, issued_on, due_date)
    OVERRIDING SYSTEM VALUE
    SELECT id, ${ctx.run.id}, ${segment}, ${ctx.period}, employer_id, participant_id, project_id, placement_id, branch_id, ${paymentCodeSql(segment, 'id')}, ${ctx.asOf}, ${due}
    FROM (SELECT nextval(${billsSeq}) AS id, t.* FROM unnest(${pending.map((p) => ('employer_id' in p ? p.employer_id : null))}::bigint[],
                 ${pending.map((p) => ('participant_id' in p ? p.participant_id : null))}::bigint[],
                 ${pending.map((p) => (jakon ? p.id : null))}::bigint[], ${pending.map((p) => (jakon ? null : p.id))}::bigint[],
                 ${pending.map((p) => p.branch_id)}::bigint[]) AS t(employer_id, participant_id, project_id, placement_id, branch_id)) AS new_bills
    RETURNING id, coalesce(project_id, placement_id) AS ref`.execute(tx)).rows;
  const billOf = new Map(bills.map((b) => [Number(b.ref), b.id]));
  const lines = pending.flatMap((p) => {
    const quote = computeQuote(params, 'contract_value' in p
      ? { segment, period: ctx.period.slice(0, 7), contractValue: p.contract_value }
      : { segment, period: ctx.period.slice(0, 7), contractMonths: p.contract_months });
    return quote.lines.map((l) => ({ bill_id: billOf.get(p.id)!, participant_id: 'participant_id' in p ? p.participant_id : null, program: l.program as Exclude<typeof l.program, 'JKP'>, payer: l.payer, phase: l.phase ?? null, base: l.base, rate: l.rate, amount: l.amount, rule_id: l.ruleId }));
  });
  await tx.insertInto('bill_lines').values(lines.map((l) => ({ ...l, month: ctx.period, kind: 'contribution' as const, payer: l.payer as 'employer' | 'participant' }))).execute();
}

/** The chunk's new bills get their totals from their lines (and stop being "unfinished"). */
async function settleTotals(tx: Tx, ctx: RunContext, step: RunStep) {
  await sql`
    UPDATE bills b
    SET contribution_amount = s.contribution, fine_amount = s.fine, total_amount = s.contribution + s.fine,
        employer_amount = s.employer, worker_amount = s.worker, participant_amount = s.participant, lines = s.n
    FROM (
      SELECT l.bill_id,
             coalesce(sum(l.amount) FILTER (WHERE l.kind = 'contribution'), 0) AS contribution,
             coalesce(sum(l.amount) FILTER (WHERE l.kind = 'fine'), 0) AS fine,
             coalesce(sum(l.amount) FILTER (WHERE l.payer = 'employer'), 0) AS employer,
             coalesce(sum(l.amount) FILTER (WHERE l.payer = 'worker'), 0) AS worker,
             coalesce(sum(l.amount) FILTER (WHERE l.payer = 'participant'), 0) AS participant,
             count(*) AS n
      FROM bill_lines l
      WHERE l.bill_id IN (SELECT id FROM bills WHERE run_id = ${ctx.run.id} AND segment = ${step} AND lines = 0)
      GROUP BY l.bill_id
    ) AS s
    WHERE b.id = s.bill_id`.execute(tx);
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
