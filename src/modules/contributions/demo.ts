/**
 * Demo contribution history, only for `lindung seed --demo`: the last three months billed, the demo
 * participant paid up, the demo employer paying one month on time, one late (so its next bill carries
 * a fine) and the last one not yet. Safe to run twice: completed runs and recorded payments are kept.
 * Also the paid-through month of the generated population, from the status it was generated with.
 */
import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { SYSTEM } from '../audit/audit.ts';
import { addDays, addMonths, wibDate } from './calendar.ts';
import { runBilling } from './billing-run.ts';
import { recordPayment } from './payments.ts';

const noonWib = (day: string) => new Date(`${day}T05:00:00Z`);

export async function seedDemoContributions(db: Db, today = wibDate()) {
  const thisMonth = `${today.slice(0, 7)}-01`;
  const months = [addMonths(thisMonth, -3), addMonths(thisMonth, -2), addMonths(thisMonth, -1)];
  // the demo participant has been a member since before the first of these months, and paid before
  const peserta = await sql<{ id: number }>`
    SELECT p.id FROM participants p JOIN person_accounts pa ON pa.person_id = p.person_id JOIN users u ON u.id = pa.user_id
    WHERE u.username = 'peserta' AND p.segment = 'BPU'`.execute(db);
  const participantId = peserta.rows[0]?.id;
  if (participantId !== undefined) {
    await db.updateTable('participants').set({ registered_at: noonWib(addMonths(months[0]!, -3)) }).where('id', '=', participantId)
      .where('registered_at', '>', noonWib(addMonths(months[0]!, -3))).execute();
    await sql`INSERT INTO bpu_coverage (participant_id, paid_through, legacy_through) VALUES (${participantId}, ${addMonths(months[0]!, -1)}, ${addMonths(months[0]!, -1)}) ON CONFLICT DO NOTHING`.execute(db);
  }
  const employer = await sql<{ id: number }>`
    SELECT eu.employer_id AS id FROM employer_users eu JOIN users u ON u.id = eu.user_id WHERE u.username = 'pemberi.kerja'`.execute(db);
  const employerId = employer.rows[0]?.id;
  for (const [i, month] of months.entries()) {
    await runBilling(db, { period: month, asOf: addMonths(month, 1) });
    const bills = await db.selectFrom('bills').select(['id', 'segment', 'total_amount', 'due_date', 'status'])
      .where('period', '=', month)
      .where((eb) => eb.or([eb('participant_id', '=', participantId ?? -1), eb('employer_id', '=', employerId ?? -1)]))
      .execute();
    for (const bill of bills) {
      if (bill.status !== 'open') continue;
      // the participant pays every month a few days early; the employer on time, then 20 days late, then not yet
      const paidOn = bill.segment === 'BPU' ? addDays(bill.due_date, -5) : i === 0 ? addDays(bill.due_date, -2) : i === 1 ? addDays(bill.due_date, 20) : null;
      if (!paidOn || paidOn > today) continue;
      await recordPayment(db, { billId: bill.id, amount: bill.total_amount, paidAt: noonWib(paidOn), channel: 'virtual_account', channelRef: `DEMO-${bill.id}`, actor: SYSTEM });
    }
  }
}

/**
 * Generated BPU participants paid before Lindung: active ones through last month, those in arrears 1
 * to 3 months behind, lapsed ones 4 to 12 months behind; pending ones never paid.
 */
export async function seedPopulationCoverage(db: Db, today = wibDate()) {
  const lastMonth = addMonths(`${today.slice(0, 7)}-01`, -1);
  await sql`
    INSERT INTO bpu_coverage (participant_id, paid_through, legacy_through)
    SELECT id, t.through, t.through
    FROM participants
    CROSS JOIN LATERAL (SELECT (${lastMonth}::date - make_interval(months => (CASE status WHEN 'active' THEN 0 WHEN 'arrears' THEN 1 + id % 3 ELSE 4 + id % 9 END)::int))::date AS through) AS t
    WHERE segment = 'BPU' AND registered_via = 'import' AND status IN ('active', 'arrears', 'lapsed')
    ON CONFLICT DO NOTHING`.execute(db);
}
