/**
 * Reading bills: lists in the reader's scope, one bill with its lines and payments, an employer's
 * arrears (D15: shown to the employer, never held against the worker), and a worker's months.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { Scope } from '../../platform/http/access.ts';
import { maskKpj } from '../registry/check-digits.ts';

export interface BillSummary {
  id: number;
  segment: 'PU' | 'BPU' | 'JAKON' | 'PMI';
  period: string;
  months: number;
  paymentCode: string;
  payerName: string;
  employerId: number | null;
  participantId: number | null;
  issuedOn: string;
  dueDate: string;
  contributionAmount: number;
  fineAmount: number;
  totalAmount: number;
  paidAmount: number;
  status: 'open' | 'paid' | 'expired';
  overdue: boolean;
  lines: number;
}

export interface BillFilter {
  runId?: number;
  segment?: string;
  status?: string;
  employerId?: number;
  participantId?: number;
  /** staff: only bills of branches serving their regions */
  scope?: Scope;
  limit: number;
  offset: number;
}

const SUMMARY = sql`
  b.id, b.segment, to_char(b.period, 'YYYY-MM') AS period, b.months, bill_payment_code(b.segment, b.id) AS payment_code, b.employer_id, b.participant_id, b.issued_on, b.due_date,
  b.contribution_amount, b.fine_amount, b.total_amount, b.paid_amount, b.status, b.lines,
  (b.status = 'open' AND b.due_date < current_date) AS overdue,
  coalesce(er.legal_name, pe.full_name, '') AS payer_name`;
const PAYER_JOINS = sql`
  LEFT JOIN employers er ON er.id = b.employer_id
  LEFT JOIN participants pa ON pa.id = b.participant_id
  LEFT JOIN people pe ON pe.id = pa.person_id`;

type SummaryRow = { id: number; segment: BillSummary['segment']; period: string; months: number; payment_code: string; employer_id: number | null; participant_id: number | null; issued_on: string; due_date: string; contribution_amount: number; fine_amount: number; total_amount: number; paid_amount: number; status: BillSummary['status']; lines: number; overdue: boolean; payer_name: string };

const toSummary = (r: SummaryRow): BillSummary => ({
  id: r.id, segment: r.segment, period: r.period, months: r.months, paymentCode: r.payment_code, payerName: r.payer_name, employerId: r.employer_id, participantId: r.participant_id,
  issuedOn: r.issued_on, dueDate: r.due_date, contributionAmount: r.contribution_amount, fineAmount: r.fine_amount, totalAmount: r.total_amount, paidAmount: r.paid_amount,
  status: r.status, overdue: r.overdue, lines: r.lines,
});

/** Bills whose branch serves a region in the scope (a branch's regencies, or a province's). */
function scopeFilter(scope: Scope | undefined): RawBuilder<unknown> {
  if (!scope || scope.national) return sql``;
  return sql`AND b.branch_id IN (SELECT br.branch_id FROM branch_regencies br
    WHERE br.regency_code = ANY (${scope.regionPrefixes}::text[]) OR br.regency_code LIKE ANY (SELECT p || '.%' FROM unnest(${scope.regionPrefixes}::text[]) AS p))`;
}

export async function listBills(db: Executor, f: BillFilter): Promise<{ total: number; items: BillSummary[] }> {
  const where = sql`WHERE true
    ${f.runId !== undefined ? sql`AND b.run_id = ${f.runId}` : sql``}
    ${f.segment ? sql`AND b.segment = ${f.segment}` : sql``}
    ${f.status === 'overdue' ? sql`AND b.status = 'open' AND b.due_date < current_date` : f.status ? sql`AND b.status = ${f.status}` : sql``}
    ${f.employerId !== undefined ? sql`AND b.employer_id = ${f.employerId}` : sql``}
    ${f.participantId !== undefined ? sql`AND b.participant_id = ${f.participantId}` : sql``}
    ${scopeFilter(f.scope)}`;
  const total = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM bills b ${where}`.execute(db)).rows[0]!.n;
  const rows = (await sql<SummaryRow>`SELECT ${SUMMARY} FROM bills b ${PAYER_JOINS} ${where} ORDER BY b.period DESC, b.id LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db)).rows;
  return { total, items: rows.map(toSummary) };
}

export interface BillDetail extends BillSummary {
  branchId: number;
  employerAmount: number;
  workerAmount: number;
  participantAmount: number;
  lineTotal: number;
  lineItems: BillLineView[];
  /** the payments that paid this bill, and how much of each went here (a PU payment pays the oldest month first) */
  /** a reversal (reversesPaymentId set) shows what it took back as a negative amount; a reversed payment names its reversal */
  payments: { id: number; amount: number; paidAt: Date; channel: string; channelRef: string; paymentAmount: number; paidWithBillId: number; reversesPaymentId: number | null; reversedBy: number | null }[];
}

export interface BillLineView {
  participantId: number | null;
  kpjMasked: string | null;
  name: string | null;
  month: string;
  kind: 'contribution' | 'fine';
  program: string;
  payer: string;
  phase: string | null;
  base: number | null;
  rate: string | null;
  amount: number;
  ruleId: number;
  sourcePeriod: string | null;
  fineMonths: number | null;
}

export async function getBill(db: Executor, id: number, page: { limit: number; offset: number }): Promise<BillDetail | undefined> {
  const row = (await sql<SummaryRow & { branch_id: number; employer_amount: number; worker_amount: number; participant_amount: number }>`
    SELECT ${SUMMARY}, b.branch_id, b.employer_amount, b.worker_amount, b.participant_amount FROM bills b ${PAYER_JOINS} WHERE b.id = ${id}`.execute(db)).rows[0];
  if (!row) return undefined;
  const payments = (await sql<{ id: number; amount: number; paid_at: Date; channel: string; channel_ref: string; payment_amount: number; bill_id: number; reverses_payment_id: number | null; reversed_by: number | null }>`
    SELECT p.id, sum(a.amount)::bigint AS amount, p.paid_at, p.channel, p.channel_ref, p.amount AS payment_amount, p.bill_id, p.reverses_payment_id,
           (SELECT r.id FROM bill_payments r WHERE r.reverses_payment_id = p.id) AS reversed_by
    FROM payment_allocations a JOIN bill_payments p ON p.id = a.payment_id
    WHERE a.bill_id = ${id} GROUP BY p.id ORDER BY p.id`.execute(db)).rows;
  return {
    ...toSummary(row), branchId: row.branch_id, employerAmount: row.employer_amount, workerAmount: row.worker_amount, participantAmount: row.participant_amount,
    lineTotal: row.lines, lineItems: await billLines(db, id, page),
    payments: payments.map((p) => ({ id: p.id, amount: Number(p.amount), paidAt: p.paid_at, channel: p.channel, channelRef: p.channel_ref, paymentAmount: p.reverses_payment_id === null ? Number(p.payment_amount) : -Number(p.payment_amount), paidWithBillId: p.bill_id,
      reversesPaymentId: p.reverses_payment_id, reversedBy: p.reversed_by })),
  };
}

/** A bill's lines in a stable order: workers by name, then programs and payers; fines last. */
export async function billLines(db: Executor, billId: number, page: { limit: number; offset: number }): Promise<BillLineView[]> {
  const rows = (await sql<{ participant_id: number | null; kpj: string | null; full_name: string | null; month: string; kind: 'contribution' | 'fine'; program: string; payer: string; phase: string | null; base: number | null; rate: string | null; amount: number; rule_id: number; source_period: string | null; fine_months: number | null }>`
    SELECT l.participant_id, pa.kpj, pe.full_name, to_char(l.month, 'YYYY-MM') AS month, l.kind, l.program, l.payer, l.phase, l.base, l.rate::text AS rate, l.amount, l.rule_id,
           to_char(src.period, 'YYYY-MM') AS source_period, l.fine_months
    FROM bill_lines l
    LEFT JOIN participants pa ON pa.id = l.participant_id
    LEFT JOIN people pe ON pe.id = pa.person_id
    LEFT JOIN bills src ON src.id = l.source_bill_id
    WHERE l.bill_id = ${billId}
    ORDER BY l.kind, pe.search_name NULLS LAST, l.participant_id, l.month,
             array_position(ARRAY['JKK', 'JKM', 'JHT', 'JP', 'JKK+JKM'], l.program), array_position(ARRAY['employer', 'worker', 'participant'], l.payer), src.period
    LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db)).rows;
  return rows.map((r) => ({
    participantId: r.participant_id, kpjMasked: r.kpj ? maskKpj(r.kpj) : null, name: r.full_name, month: r.month, kind: r.kind, program: r.program, payer: r.payer,
    phase: r.phase, base: r.base, rate: r.rate === null ? null : normalizeRate(r.rate), amount: r.amount, ruleId: r.rule_id, sourcePeriod: r.source_period, fineMonths: r.fine_months,
  }));
}

/** numeric text without trailing zeros: "0.4450" → "0.445", "4.0" → "4" */
export function normalizeRate(rate: string): string {
  return rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate;
}

export interface Arrears {
  openBills: number;
  overdueBills: number;
  overdueAmount: number;
  oldestDueDate: string | null;
  bills: BillSummary[];
}

export async function employerArrears(db: Executor, employerId: number): Promise<Arrears> {
  const s = (await sql<{ open: number; overdue: number; amount: number; oldest: string | null }>`
    SELECT count(*) FILTER (WHERE status = 'open')::int AS open,
           count(*) FILTER (WHERE status = 'open' AND due_date < current_date)::int AS overdue,
           coalesce(sum(total_amount - paid_amount) FILTER (WHERE status = 'open' AND due_date < current_date), 0)::bigint AS amount,
           min(due_date) FILTER (WHERE status = 'open' AND due_date < current_date) AS oldest
    FROM bills WHERE employer_id = ${employerId}`.execute(db)).rows[0]!;
  const recent = await listBills(db, { employerId, limit: 24, offset: 0 });
  return { openBills: s.open, overdueBills: s.overdue, overdueAmount: Number(s.amount), oldestDueDate: s.oldest, bills: recent.items };
}

export interface ContributionMonth {
  month: string;
  segment: string;
  employerName: string | null;
  wage: number | null;
  declaredIncome: number | null;
  amount: number;
  ownShare: number;
  billId: number;
  paymentCode: string;
  dueDate: string;
  billStatus: 'open' | 'paid' | 'expired';
  paid: boolean;
  protected: boolean;
}

/**
 * A worker's months, newest first: what was reported, what was due for them, and whether it was paid.
 * PU months are protected whatever the employer paid (D15); BPU months only when paid.
 */
export async function contributionMonths(db: Executor, personId: number, limit = 24): Promise<ContributionMonth[]> {
  const rows = (await sql<{ month: string; segment: string; employer_name: string | null; wage: number | null; declared_income: number | null; amount: number; own: number; bill_id: number; payment_code: string; due_date: string; status: ContributionMonth['billStatus'] }>`
    SELECT to_char(l.month, 'YYYY-MM') AS month, b.segment, er.legal_name AS employer_name,
           max(l.base) FILTER (WHERE b.segment = 'PU' AND l.program = 'JHT') AS wage,
           CASE WHEN b.segment = 'BPU' THEN max(p.declared_income) END AS declared_income,
           sum(l.amount)::bigint AS amount, sum(l.amount) FILTER (WHERE l.payer IN ('worker', 'participant'))::bigint AS own,
           b.id AS bill_id, bill_payment_code(b.segment, b.id) AS payment_code, b.due_date, b.status
    FROM (
      -- the bills that can carry this person's lines: their own (BPU, PMI) and their employers' for the
      -- months they worked there (PU)
      SELECT b.id FROM participants p JOIN bills b ON b.segment = 'BPU' AND b.participant_id = p.id WHERE p.person_id = ${personId}
      UNION
      SELECT b.id FROM participants p JOIN migrant_placements mp ON mp.participant_id = p.id JOIN bills b ON b.segment = 'PMI' AND b.placement_id = mp.id
      WHERE p.person_id = ${personId}
      UNION
      SELECT b.id FROM employments e
      JOIN bills b ON b.segment = 'PU' AND b.employer_id = e.employer_id AND b.period >= date_trunc('month', e.start_date) AND (e.end_date IS NULL OR b.period <= e.end_date)
      WHERE e.person_id = ${personId}
    ) AS theirs
    JOIN bills b ON b.id = theirs.id
    JOIN participants p ON p.person_id = ${personId}
    JOIN bill_lines l ON l.bill_id = b.id AND l.participant_id = p.id AND l.kind = 'contribution'
    LEFT JOIN employers er ON er.id = b.employer_id
    GROUP BY l.month, b.segment, er.legal_name, b.id
    ORDER BY l.month DESC, b.segment
    LIMIT ${limit}`.execute(db)).rows;
  return rows.map((r) => ({
    month: r.month, segment: r.segment, employerName: r.employer_name, wage: r.wage, declaredIncome: r.declared_income, amount: Number(r.amount), ownShare: Number(r.own ?? 0),
    billId: r.bill_id, paymentCode: r.payment_code, dueDate: r.due_date, billStatus: r.status, paid: r.status === 'paid', protected: r.segment !== 'BPU' || r.status === 'paid',
  }));
}

export async function participationsOf(db: Executor, personId: number) {
  const rows = (await sql<{ id: number; segment: string; status: string; paid_through: string | null; plan: number | null }>`
    SELECT p.id, p.segment, p.status, to_char(c.paid_through, 'YYYY-MM') AS paid_through, pl.months AS plan
    FROM participants p LEFT JOIN bpu_coverage c ON c.participant_id = p.id LEFT JOIN bpu_payment_plans pl ON pl.participant_id = p.id
    WHERE p.person_id = ${personId} ORDER BY p.status = 'ended', p.id`.execute(db)).rows;
  return rows.map((r) => ({ participantId: r.id, segment: r.segment, status: r.status, paidThrough: r.paid_through, planMonths: r.segment === 'BPU' ? (r.plan ?? 1) : null }));
}
