/**
 * BPU statuses follow from how far the participant has paid (DECISIONS.md D16):
 * each month after the last paid one whose due date has passed is a month in arrears; more than
 * `lapseMonths` of them and the membership lapses (its unpaid past-due bills expire, nothing is fined);
 * a payment moves the participant forward again. PU statuses never change for an employer's arrears
 * (D15). Every change is written to the participant's status history.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { addMonths, dueDate } from './calendar.ts';

export interface StatusRefresh {
  asOf: string;
  lapseMonths: number;
  bpuDue: { day: number; monthOffset: number };
  holidays: ReadonlySet<string>;
  reason: string;
  /** only these participants (after a payment); all BPU participants when absent */
  participantIds?: number[];
}

/** Updates the statuses that changed; returns how many moved to each status. */
export async function refreshBpuStatus(db: Executor, opts: StatusRefresh): Promise<Record<string, number>> {
  const month = `${opts.asOf.slice(0, 7)}-01`;
  // this month's contribution is not yet in arrears until its due date has passed
  const beforeDue = opts.asOf <= dueDate(month, opts.bpuDue, opts.holidays) ? 1 : 0;
  // months in arrears = months from the paid-through month to this one, less the month not yet due:
  // none when paid through `activeFrom` or later, more than lapseMonths when paid through before `lapsedBefore`
  const activeFrom = addMonths(month, -beforeDue);
  const lapsedBefore = addMonths(month, -beforeDue - opts.lapseMonths);
  const only = opts.participantIds ? sql`AND p.id = ANY (${opts.participantIds}::bigint[])` : sql``;
  const { rows } = await sql<{ status: string; n: number }>`
    WITH computed AS (
      SELECT p.id, p.status AS old,
             CASE WHEN c.paid_through IS NULL THEN 'pending'
                  WHEN c.paid_through >= ${activeFrom}::date THEN 'active'
                  WHEN c.paid_through < ${lapsedBefore}::date THEN 'lapsed'
                  ELSE 'arrears' END AS new
      FROM participants p
      LEFT JOIN bpu_coverage c ON c.participant_id = p.id
      WHERE p.segment = 'BPU' AND p.status IN ('pending', 'active', 'arrears', 'lapsed') ${only}
    ), changed AS (
      UPDATE participants p SET status = c.new FROM computed c WHERE p.id = c.id AND c.new <> c.old
      RETURNING p.id, p.person_id, p.status
    ), history AS (
      INSERT INTO participant_status_history (participant_id, person_id, status, reason)
      SELECT id, person_id, status, ${opts.reason} FROM changed
    ), expired AS (
      UPDATE bills b SET status = 'expired'
      WHERE b.participant_id = ANY (ARRAY (SELECT id FROM changed WHERE status = 'lapsed'))
        AND b.segment = 'BPU' AND b.status = 'open' AND b.due_date < ${opts.asOf}::date
    )
    SELECT status, count(*)::int AS n FROM changed GROUP BY status`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
