/**
 * `lindung verify` for bills: every bill names a run (unless a GN Lingkaran allocation run issued it), a branch and a payer that exist, every line names
 * a bill and a rule version that exist, every payment and allocation names a bill, payment, journal
 * entry and user that exist, every bill's totals are the sums of its lines, and what it was paid is the
 * sum of its allocations (a reversal's taking back included). Bills, lines, payments
 * and allocations carry no per-row foreign keys (migrations 0017 and 0031: they are written by the
 * statement that joins what they name), so these references are proved here, over the whole tables, in
 * a few set-based statements.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

export interface BillProblem {
  problem: 'line_without_bill' | 'line_without_rule' | 'total_mismatch' | 'bill_without_reference' | 'payment_without_reference' | 'allocation_without_reference' | 'paid_mismatch';
  billId: number;
  /** how many lines (or, for a total, the bill's stored total and the sum of its lines) */
  detail: string;
}

export async function verifyBills(db: Executor, limit = 100): Promise<{ bills: number; lines: number; problems: BillProblem[] }> {
  const counts = (await sql<{ bills: number; lines: number }>`
    SELECT (SELECT count(*) FROM bills)::bigint AS bills, (SELECT count(*) FROM bill_lines)::bigint AS lines`.execute(db)).rows[0]!;
  const { rows } = await sql<BillProblem>`
    (SELECT 'line_without_bill' AS problem, l.bill_id AS "billId", count(*) || ' baris / lines' AS detail
       FROM bill_lines l WHERE NOT EXISTS (SELECT 1 FROM bills b WHERE b.id = l.bill_id) GROUP BY l.bill_id LIMIT ${limit})
    UNION ALL
    (SELECT 'line_without_rule', l.bill_id, count(*) || ' baris / lines'
       FROM bill_lines l WHERE NOT EXISTS (SELECT 1 FROM rule_parameters r WHERE r.id = l.rule_id) GROUP BY l.bill_id LIMIT ${limit})
    UNION ALL
    (SELECT 'bill_without_reference', b.id, concat_ws(', ',
              CASE WHEN b.run_id IS NOT NULL AND r.id IS NULL THEN 'run ' || b.run_id END, CASE WHEN br.id IS NULL THEN 'branch ' || b.branch_id END,
              CASE WHEN b.employer_id IS NOT NULL AND er.id IS NULL THEN 'employer ' || b.employer_id END,
              CASE WHEN b.participant_id IS NOT NULL AND p.id IS NULL THEN 'participant ' || b.participant_id END,
              CASE WHEN b.project_id IS NOT NULL AND cp.id IS NULL THEN 'project ' || b.project_id END,
              CASE WHEN b.placement_id IS NOT NULL AND mp.id IS NULL THEN 'placement ' || b.placement_id END)
       FROM bills b
       LEFT JOIN billing_runs r ON r.id = b.run_id LEFT JOIN branches br ON br.id = b.branch_id
       LEFT JOIN employers er ON er.id = b.employer_id LEFT JOIN participants p ON p.id = b.participant_id
       LEFT JOIN construction_projects cp ON cp.id = b.project_id LEFT JOIN migrant_placements mp ON mp.id = b.placement_id
       WHERE (b.run_id IS NOT NULL AND r.id IS NULL) OR br.id IS NULL OR (b.employer_id IS NOT NULL AND er.id IS NULL) OR (b.participant_id IS NOT NULL AND p.id IS NULL)
          OR (b.project_id IS NOT NULL AND cp.id IS NULL) OR (b.placement_id IS NOT NULL AND mp.id IS NULL) LIMIT ${limit})
    UNION ALL
    (SELECT 'payment_without_reference', p.bill_id, 'pembayaran / payment ' || p.id || ': ' || concat_ws(', ',
              CASE WHEN b.id IS NULL THEN 'bill ' || p.bill_id END, CASE WHEN p.entry_id IS NOT NULL AND e.id IS NULL THEN 'entry ' || p.entry_id END,
              CASE WHEN p.recorded_by IS NOT NULL AND u.id IS NULL THEN 'user ' || p.recorded_by END)
       FROM bill_payments p
       LEFT JOIN bills b ON b.id = p.bill_id LEFT JOIN journal_entries e ON e.id = p.entry_id LEFT JOIN users u ON u.id = p.recorded_by
       WHERE b.id IS NULL OR (p.entry_id IS NOT NULL AND e.id IS NULL) OR (p.recorded_by IS NOT NULL AND u.id IS NULL) LIMIT ${limit})
    UNION ALL
    (SELECT 'allocation_without_reference', a.bill_id, 'pembayaran / payment ' || a.payment_id || ': ' || concat_ws(', ',
              CASE WHEN b.id IS NULL THEN 'bill ' || a.bill_id END, CASE WHEN p.id IS NULL THEN 'payment ' || a.payment_id END,
              CASE WHEN e.id IS NULL THEN 'entry ' || a.entry_id END)
       FROM payment_allocations a
       LEFT JOIN bills b ON b.id = a.bill_id LEFT JOIN bill_payments p ON p.id = a.payment_id LEFT JOIN journal_entries e ON e.id = a.entry_id
       WHERE b.id IS NULL OR p.id IS NULL OR e.id IS NULL LIMIT ${limit})
    UNION ALL
    (SELECT 'total_mismatch', b.id, b.total_amount || ' ≠ ' || coalesce(s.total, 0) || ' (' || b.lines || ' / ' || coalesce(s.n, 0) || ' baris / lines)'
       FROM bills b
       LEFT JOIN (SELECT bill_id, sum(amount) AS total, count(*) AS n FROM bill_lines GROUP BY bill_id) s ON s.bill_id = b.id
       WHERE b.total_amount <> coalesce(s.total, 0) OR b.lines <> coalesce(s.n, 0) LIMIT ${limit})
    UNION ALL
    (SELECT 'paid_mismatch', b.id, b.paid_amount || ' ≠ ' || coalesce(s.paid, 0) || ' (dialokasikan / allocated)'
       FROM bills b
       LEFT JOIN (SELECT bill_id, sum(amount) AS paid FROM payment_allocations GROUP BY bill_id) s ON s.bill_id = b.id
       WHERE b.paid_amount <> coalesce(s.paid, 0) LIMIT ${limit})`.execute(db);
  return { bills: Number(counts.bills), lines: Number(counts.lines), problems: rows.map((r) => ({ ...r, billId: Number(r.billId) })) };
}
