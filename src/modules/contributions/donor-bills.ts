/**
 * Bills paid by donors (GN Lingkaran, RULES.md §6). A donor funds a vulnerable informal worker's JKK and
 * JKM for some months; Lindung bills those months at the minimum package (JKK on the minimum declared
 * income, JKM flat: Rp16,800 a month under the 2026 rules, whatever the worker declared), issues the bill
 * already paid, and posts one journal entry for all of a run's bills: the donations fund debited, each
 * program's fund credited. Such a bill never enters the receivables: it is owed and paid in the same
 * transaction. Its payment and allocations are recorded like any other, so the worker's months show as
 * paid, and their coverage moves forward (the status follows, DECISIONS.md D16).
 */
import { sql } from 'kysely';
import type { Tx, Executor } from '../../platform/db.ts';
import type { AuditActor } from '../audit/audit.ts';
import { accountIds, type AccountSpec } from '../ledger/accounts.ts';
import { postEntry, reserveEntryId } from '../ledger/journal.ts';
import { bpuMonthlyContribution, BPU_KEYS, minimumDeclaredIncome, type ContributionLine } from '../rules/bpu.ts';
import { parametersAt } from '../rules/parameters.ts';
import { wibDate } from './calendar.ts';
import { bpuStatusRules } from './rules.ts';
import { refreshBpuStatus } from './status.ts';

/**
 * Who may write BPU bills at a time: the billing run's BPU chunks together (shared), or one allocation
 * run alone (exclusive). Without it a billing run could bill a month a donor's uncommitted bill already
 * covers, since each decides what is covered from what it can see.
 */
const BPU_BILLS_LOCK = sql`hashtext('bpu-bills')`;
export async function lockBpuBills(tx: Tx, mode: 'shared' | 'exclusive') {
  await (mode === 'shared' ? sql`SELECT pg_advisory_xact_lock_shared(${BPU_BILLS_LOCK})` : sql`SELECT pg_advisory_xact_lock(${BPU_BILLS_LOCK})`).execute(tx);
}

export interface DonorPackage {
  /** one worker-month */
  amount: number;
  lines: ContributionLine[];
  ruleIds: number[];
}

/** The JKK + JKM package of one month, from the rules in force on its first day. */
export async function donorMonthlyPackage(db: Executor, month: string): Promise<DonorPackage> {
  const params = await parametersAt(db, BPU_KEYS, month);
  const quote = bpuMonthlyContribution(params, minimumDeclaredIncome(params), false);
  return { amount: quote.total, lines: quote.lines, ruleIds: [...new Set(quote.lines.flatMap((l) => l.ruleIds))] };
}

export interface DonorPaidBills {
  entryId: number;
  bills: { participantId: number; billId: number; amount: number }[];
}

/**
 * Issues and pays, in the caller's transaction, one bill per worker for its months, all at `pkg`. The
 * first month of each must follow every bill the worker already has (the BPU unique index refuses
 * otherwise, and the whole transaction with it).
 */
export async function issueDonorPaidBills(tx: Tx, opts: {
  idempotencyKey: string; source: { type: string; id: number }; debit: AccountSpec; reason: string;
  pkg: DonorPackage; workers: readonly { participantId: number; firstMonth: string; months: number }[]; paidAt: Date; actor: AuditActor;
}): Promise<DonorPaidBills> {
  if (!opts.workers.length) throw new Error('no workers to bill');
  const day = wibDate(opts.paidAt);
  const perProgram = opts.pkg.lines.map((l) => ({ program: l.program, amount: l.amount * opts.workers.reduce((s, w) => s + w.months, 0) }));
  // Rows are locked in the order a worker's own payment racing this locks them (payment_record): the
  // participant, then their coverage, and the ledger stripe's head last, held by the entry to the commit.
  await sql`SELECT id FROM participants WHERE id = ANY (${opts.workers.map((w) => w.participantId)}::bigint[]) ORDER BY id FOR NO KEY UPDATE`.execute(tx);
  const entryId = await reserveEntryId(tx);
  const pkg = sql`(VALUES ${sql.join(opts.pkg.lines.map((l) => sql`(${l.program}::text, ${l.base}::bigint, ${l.rate}::numeric, ${l.amount}::bigint, ${l.ruleIds[0]}::bigint)`))})
                  AS r(program, base, rate, amount, rule_id)`;
  const monthly = opts.pkg.amount;
  const { rows } = await sql<{ id: number; participant_id: number; total_amount: number }>`
    WITH w AS (
      SELECT * FROM unnest(${opts.workers.map((w) => w.participantId)}::bigint[], ${opts.workers.map((w) => w.firstMonth)}::date[], ${opts.workers.map((w) => w.months)}::int[])
        AS w(participant_id, first_month, months)
    ), new_bills AS (
      INSERT INTO bills (run_id, issued_by, segment, period, months, participant_id, branch_id, issued_on, due_date, contribution_amount, fine_amount,
                         total_amount, employer_amount, worker_amount, participant_amount, lines, paid_amount, paid_at, status)
      SELECT NULL, 'lingkaran', 'BPU', w.first_month, w.months, w.participant_id, br.branch_id, ${day}, ${day}, w.months * ${monthly}::bigint, 0,
             w.months * ${monthly}::bigint, 0, 0, w.months * ${monthly}::bigint, w.months * ${opts.pkg.lines.length}, w.months * ${monthly}::bigint, ${opts.paidAt}, 'paid'
      FROM w CROSS JOIN LATERAL (SELECT br.branch_id FROM participants p JOIN people pe ON pe.id = p.person_id
                                 JOIN branch_regencies br ON br.regency_code = pe.regency_code WHERE p.id = w.participant_id LIMIT 1) AS br
      RETURNING id, participant_id, period, months, total_amount
    ), month_lines AS (
      SELECT b.id AS bill_id, b.participant_id, (b.period + make_interval(months => m.i))::date AS month, r.program, r.base, r.rate, r.amount, r.rule_id
      FROM new_bills b CROSS JOIN LATERAL generate_series(0, b.months - 1) AS m(i) CROSS JOIN ${pkg}
    ), inserted_lines AS (
      INSERT INTO bill_lines (bill_id, participant_id, month, kind, program, payer, base, rate, amount, rule_id)
      SELECT bill_id, participant_id, month, 'contribution', program, 'participant', base, rate, amount, rule_id FROM month_lines
    ), payments AS (
      INSERT INTO bill_payments (bill_id, amount, paid_at, channel, channel_ref, recorded_by, entry_id, credit_amount)
      SELECT id, total_amount, ${opts.paidAt}, 'donation', ${`${opts.source.type}:${opts.source.id}:`} || participant_id, ${opts.actor.userId}, ${entryId}, 0 FROM new_bills
      RETURNING id, bill_id
    ), allocations AS (
      INSERT INTO payment_allocations (payment_id, bill_id, kind, month, program, payer, participant_id, amount, entry_id)
      SELECT p.id, l.bill_id, 'contribution', l.month, l.program, 'participant', l.participant_id, l.amount, ${entryId}
      FROM payments p JOIN month_lines l ON l.bill_id = p.bill_id
    ), coverage AS (
      INSERT INTO bpu_coverage (participant_id, paid_through)
      SELECT participant_id, (period + make_interval(months => months - 1))::date FROM new_bills
      ON CONFLICT (participant_id) DO UPDATE SET paid_through = greatest(bpu_coverage.paid_through, excluded.paid_through), updated_at = now()
    )
    SELECT id, participant_id, total_amount FROM new_bills ORDER BY participant_id`.execute(tx);
  if (rows.length !== opts.workers.length) throw new Error(`${opts.workers.length - rows.length} workers have no branch for their regency`);
  const ids = rows.map((r) => r.participant_id);
  await refreshBpuStatus(tx, { asOf: day, ...(await bpuStatusRules(tx, day)), reason: `${opts.source.type}:${opts.source.id}`, participantIds: ids });
  const [debit, ...funds] = await accountIds(tx, [opts.debit, ...perProgram.map((p) => ({ kind: 'fund' as const, program: p.program }))]);
  const total = perProgram.reduce((s, p) => s + p.amount, 0);
  const entry = await postEntry(tx, {
    idempotencyKey: opts.idempotencyKey, kind: 'allocation', reason: opts.reason, source: opts.source, effectiveDate: day, actor: opts.actor, entryId,
  }, [{ account: debit!, side: 'D', amount: total }, ...perProgram.map((p, i) => ({ account: funds[i]!, side: 'C' as const, amount: p.amount }))]);
  return { entryId: entry.id, bills: rows.map((r) => ({ participantId: r.participant_id, billId: r.id, amount: Number(r.total_amount) })) };
}
