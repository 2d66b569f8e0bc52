/**
 * `lindung verify` for GN Lingkaran: every rupiah of the donations fund is traced. Each funded
 * worker-month is paid exactly by its donations (lingkaran_funding); each allocation run's months add
 * up to its amount and to its journal entry; no donation is used, moved or refunded beyond what was
 * paid; each paid donation's journal entry carries its amount.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

export interface LingkaranProblem {
  problem: 'month_funding_mismatch' | 'run_total_mismatch' | 'donation_overused' | 'donation_entry_mismatch';
  id: string;
  detail: string;
}

export async function verifyLingkaran(db: Executor, limit = 100): Promise<{ donations: number; workerMonths: number; problems: LingkaranProblem[] }> {
  const counts = (await sql<{ donations: number; months: number }>`
    SELECT (SELECT count(*) FROM lingkaran_donations WHERE status = 'paid')::int AS donations, (SELECT count(*) FROM lingkaran_funded_months)::int AS months`.execute(db)).rows[0]!;
  const { rows } = await sql<LingkaranProblem>`
    (SELECT 'month_funding_mismatch' AS problem, fm.participant_id || '/' || to_char(fm.month, 'YYYY-MM') AS id, fm.amount || ' ≠ ' || coalesce(sum(f.amount), 0) AS detail
       FROM lingkaran_funded_months fm LEFT JOIN lingkaran_funding f ON f.participant_id = fm.participant_id AND f.month = fm.month
       GROUP BY fm.participant_id, fm.month, fm.amount HAVING fm.amount <> coalesce(sum(f.amount), 0) LIMIT ${limit})
    UNION ALL
    (SELECT 'run_total_mismatch', r.id::text, r.amount || ' / ' || coalesce(m.amount, 0) || ' / ' || coalesce(e.amount, 0)
       FROM lingkaran_allocation_runs r
       LEFT JOIN (SELECT run_id, sum(amount) AS amount FROM lingkaran_funded_months GROUP BY run_id) m ON m.run_id = r.id
       LEFT JOIN journal_entries e ON e.id = r.entry_id
       WHERE r.amount <> coalesce(m.amount, 0) OR (r.amount > 0 AND r.amount <> coalesce(e.amount, 0)) LIMIT ${limit})
    UNION ALL
    (SELECT 'donation_overused', d.id::text, d.amount || ' < ' || (coalesce(f.amount, 0) + coalesce(r.amount, 0))
       FROM lingkaran_donations d
       LEFT JOIN (SELECT donation_id, sum(amount) AS amount FROM lingkaran_funding GROUP BY donation_id) f ON f.donation_id = d.id
       LEFT JOIN (SELECT donation_id, sum(amount) FILTER (WHERE kind = 'refund') AS amount FROM lingkaran_releases GROUP BY donation_id) r ON r.donation_id = d.id
       WHERE (d.status <> 'paid' AND coalesce(f.amount, 0) + coalesce(r.amount, 0) > 0) OR d.amount < coalesce(f.amount, 0) + coalesce(r.amount, 0) LIMIT ${limit})
    UNION ALL
    (SELECT 'donation_entry_mismatch', d.id::text, d.amount || ' ≠ ' || coalesce(e.amount, 0)
       FROM lingkaran_donations d LEFT JOIN journal_entries e ON e.id = d.entry_id
       WHERE d.status = 'paid' AND (e.id IS NULL OR e.amount <> d.amount OR e.source_type <> 'lingkaran_donation' OR e.source_id <> d.id::text) LIMIT ${limit})`.execute(db);
  return { donations: counts.donations, workerMonths: counts.months, problems: rows };
}
