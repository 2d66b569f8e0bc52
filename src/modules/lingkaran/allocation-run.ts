/**
 * An allocation run: the money a campaign holds pays eligible workers' JKK and JKM for the campaign's
 * months, through the ledger (donations fund → program funds), never the same worker-month twice.
 *
 * Eligible: an informal (BPU) participation that has not ended; flagged vulnerable at registration or
 * proposed for this campaign (by an officer, an agent, a community partner, or chosen by a donor); living
 * in one of the campaign's regions and, if it names any, working in one of its occupations; not
 * registered by an employer meanwhile (an open PU participation); not already paid through the run's
 * first month.
 *
 * Priority, stated and fair: workers a donor chose by name first; then those not covered now before
 * those still active; then those whose cover ended longest ago (never paid first); then the lowest
 * declared income; then the earliest registered.
 *
 * Each worker is funded for all of the campaign's months, from the first month no bill of theirs
 * covers yet, or not at all. Runs take turns (one transaction-scoped lock), so two runs never see the
 * same free month; the primary key of lingkaran_funded_months refuses a second funding of a
 * worker-month whatever happens. Money no eligible worker can use stays in the campaign, visible.
 */
import { sql } from 'kysely';
import { inTransaction, type Db, type Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { defineFieldRules } from '../../platform/i18n.ts';
import { recordAudit, type AuditActor } from '../audit/audit.ts';
import { monthStart, wibDate } from '../contributions/calendar.ts';
import { donorMonthlyPackage, issueDonorPaidBills, lockBpuBills } from '../contributions/donor-bills.ts';
import { campaignByCode } from './campaigns.ts';
import { planAllocation, type Available, type Candidate } from './plan.ts';

defineFieldRules({
  month_in_past: { id: 'Bulan pertama tidak boleh sebelum bulan ini ({month}).', en: 'The first month cannot be before this month ({month}).' },
});

export interface AllocationResult {
  runId: number | null;
  campaign: string;
  firstMonth: string;
  eligible: number;
  workers: number;
  workerMonths: number;
  amount: number;
  unused: number;
  entryId: number | null;
}

/** The SQL of a worker's pseudonym: the same worker, the same code, everywhere; never a NIK, a name or a phone. */
export const pseudonymSql = (participantId: string) => sql.raw(`'PR-' || upper(substr(md5((SELECT pseudonym_salt FROM lingkaran_settings) || ':' || ${participantId}), 1, 8))`);

type CampaignRow = Awaited<ReturnType<typeof campaignByCode>>;

/** The campaign's eligible workers in priority order, each with the first month no bill of theirs covers. */
export async function eligibleWorkers(tx: Tx | Db, campaign: CampaignRow, firstMonth: string, limit: number): Promise<(Candidate & { pseudonym: string; regionCode: string; occupation: string | null; status: string; chosen: boolean })[]> {
  const regions = campaign.region_codes;
  const occupations = campaign.occupation_codes;
  const { rows } = await sql<{ id: number; start_month: string; pseudonym: string; region_code: string; occupation_code: string | null; status: string; chosen: boolean }>`
    SELECT p.id, greatest(${firstMonth}::date, coalesce(last.next_month, ${firstMonth}::date))::date AS start_month, ${pseudonymSql('p.id')} AS pseudonym,
           coalesce(pe.village_code, pe.regency_code) AS region_code, pe.occupation_code, p.status, coalesce(pr.source = 'donor', false) AS chosen
    FROM participants p
    JOIN people pe ON pe.id = p.person_id
    LEFT JOIN bpu_coverage c ON c.participant_id = p.id
    LEFT JOIN lingkaran_proposals pr ON pr.campaign_id = ${campaign.id} AND pr.participant_id = p.id
    CROSS JOIN LATERAL (SELECT max(b.period + make_interval(months => b.months))::date AS next_month FROM bills b WHERE b.segment = 'BPU' AND b.participant_id = p.id) AS last
    WHERE p.segment = 'BPU' AND p.status <> 'ended'
      AND (pe.vulnerable OR pr.id IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM participants pu WHERE pu.person_id = p.person_id AND pu.segment = 'PU' AND pu.status <> 'ended')
      AND (c.paid_through IS NULL OR c.paid_through < ${firstMonth}::date)
      AND (cardinality(${regions}::text[]) = 0 OR EXISTS (SELECT 1 FROM unnest(${regions}::text[]) AS rc(code)
             WHERE coalesce(pe.village_code, pe.regency_code) = rc.code OR coalesce(pe.village_code, pe.regency_code) LIKE rc.code || '.%'))
      AND (cardinality(${occupations}::text[]) = 0 OR pe.occupation_code = ANY (${occupations}::text[]))
    ORDER BY coalesce(pr.source = 'donor', false) DESC, (p.status = 'active') ASC, c.paid_through ASC NULLS FIRST, p.declared_income ASC, p.registered_at, p.id
    LIMIT ${limit}`.execute(tx);
  return rows.map((r) => ({ participantId: r.id, startMonth: r.start_month, pseudonym: r.pseudonym, regionCode: r.region_code, occupation: r.occupation_code, status: r.status, chosen: r.chosen }));
}

/** What the campaign holds, donation by donation, oldest paid first; the pool also holds what other campaigns moved to it. */
async function availableMoney(tx: Tx, campaign: CampaignRow): Promise<Available[]> {
  const { rows } = await sql<{ id: number; remaining: number }>`
    WITH used AS (
      SELECT f.donation_id, sum(f.amount) AS amount FROM lingkaran_funding f
      JOIN lingkaran_funded_months fm ON fm.participant_id = f.participant_id AND fm.month = f.month
      WHERE fm.campaign_id = ${campaign.id} GROUP BY f.donation_id
    ), released AS (SELECT donation_id, sum(amount) AS amount FROM lingkaran_releases GROUP BY donation_id)
    SELECT id, remaining FROM (
      SELECT d.id, d.paid_at AS since, d.amount - coalesce(u.amount, 0) - coalesce(r.amount, 0) AS remaining
      FROM lingkaran_donations d LEFT JOIN used u ON u.donation_id = d.id LEFT JOIN released r ON r.donation_id = d.id
      WHERE d.campaign_id = ${campaign.id} AND d.status = 'paid'
      UNION ALL
      SELECT r.donation_id, r.created_at, r.amount - coalesce(u.amount, 0)
      FROM lingkaran_releases r LEFT JOIN used u ON u.donation_id = r.donation_id
      WHERE r.kind = 'to_pool' AND ${campaign.is_pool}
    ) AS m WHERE remaining > 0 ORDER BY since, id`.execute(tx);
  return rows.map((r) => ({ donationId: r.id, remaining: Number(r.remaining) }));
}

export async function runAllocation(db: Db, input: { campaignCode: string; firstMonth?: string; actor: AuditActor; today?: string }): Promise<AllocationResult> {
  const today = input.today ?? wibDate();
  const thisMonth = `${today.slice(0, 7)}-01`;
  const firstMonth = input.firstMonth ? monthStart(input.firstMonth) : thisMonth;
  if (!firstMonth) throw new AppError(422, 'validation_failed', {}, [{ field: 'firstMonth', rule: 'format', params: { format: 'YYYY-MM' } }]);
  if (firstMonth < thisMonth) throw new AppError(422, 'validation_failed', {}, [{ field: 'firstMonth', rule: 'month_in_past', params: { month: thisMonth.slice(0, 7) } }]);
  return inTransaction(db, async (tx) => {
    // allocation runs take turns with each other and with billing runs: each sees the bills the other wrote
    await lockBpuBills(tx, 'exclusive');
    const campaign = await campaignByCode(tx, input.campaignCode);
    const pkg = await donorMonthlyPackage(tx, firstMonth);
    const donations = await availableMoney(tx, campaign);
    const available = donations.reduce((s, d) => s + d.remaining, 0);
    const alreadyFunded = campaign.target_workers === null ? 0
      : Number((await sql<{ n: number }>`SELECT count(DISTINCT participant_id)::int AS n FROM lingkaran_funded_months WHERE campaign_id = ${campaign.id}`.execute(tx)).rows[0]!.n);
    const maxWorkers = Math.max(0, Math.min((campaign.target_workers ?? Number.MAX_SAFE_INTEGER) - alreadyFunded, Math.floor(available / (campaign.months * pkg.amount))));
    const candidates = maxWorkers ? await eligibleWorkers(tx, campaign, firstMonth, maxWorkers) : [];
    const plan = planAllocation({ candidates, donations, months: campaign.months, monthlyAmount: pkg.amount, maxWorkers });
    const result: AllocationResult = { runId: null, campaign: campaign.code, firstMonth, eligible: candidates.length, workers: 0, workerMonths: 0, amount: 0, unused: plan.unused, entryId: null };
    if (!plan.workers.length) return result;
    const run = await tx.insertInto('lingkaran_allocation_runs').values({ campaign_id: campaign.id, first_month: firstMonth, started_by: input.actor.userId })
      .returning('id').executeTakeFirstOrThrow();
    const paid = await issueDonorPaidBills(tx, {
      idempotencyKey: `lingkaran:allocation:${run.id}`, source: { type: 'lingkaran_allocation_run', id: run.id }, debit: { kind: 'donations' },
      reason: `GN Lingkaran: ${campaign.title}`.slice(0, 200), pkg, paidAt: new Date(), actor: input.actor,
      workers: plan.workers.map((w) => ({ participantId: w.participantId, firstMonth: w.months[0]!, months: w.months.length })),
    });
    const billOf = new Map(paid.bills.map((b) => [b.participantId, b.billId]));
    const months = plan.workers.flatMap((w) => w.months.map((month) => ({ participantId: w.participantId, month, billId: billOf.get(w.participantId)! })));
    await sql`
      INSERT INTO lingkaran_funded_months (participant_id, month, campaign_id, run_id, bill_id, amount, pseudonym, region_code, occupation_code)
      SELECT m.participant_id, m.month, ${campaign.id}, ${run.id}, m.bill_id, ${pkg.amount}, ${pseudonymSql('m.participant_id')}, coalesce(pe.village_code, pe.regency_code), pe.occupation_code
      FROM unnest(${months.map((m) => m.participantId)}::bigint[], ${months.map((m) => m.month)}::date[], ${months.map((m) => m.billId)}::bigint[]) AS m(participant_id, month, bill_id)
      JOIN participants p ON p.id = m.participant_id JOIN people pe ON pe.id = p.person_id`.execute(tx);
    await sql`
      INSERT INTO lingkaran_funding (donation_id, participant_id, month, amount)
      SELECT * FROM unnest(${plan.funding.map((f) => f.donationId)}::bigint[], ${plan.funding.map((f) => f.participantId)}::bigint[],
                           ${plan.funding.map((f) => f.month)}::date[], ${plan.funding.map((f) => f.amount)}::bigint[])`.execute(tx);
    Object.assign(result, { runId: run.id, workers: plan.workers.length, workerMonths: months.length, amount: plan.used, entryId: paid.entryId });
    await tx.updateTable('lingkaran_allocation_runs').set({ workers: result.workers, worker_months: result.workerMonths, amount: result.amount, unused: result.unused, entry_id: paid.entryId })
      .where('id', '=', run.id).execute();
    await recordAudit(tx, { actor: input.actor, action: 'lingkaran.allocation_run', entityType: 'lingkaran_campaign', entityId: campaign.id, after: { runId: run.id, firstMonth, workers: result.workers, workerMonths: result.workerMonths, amount: result.amount, unused: result.unused, entryId: paid.entryId } });
    return result;
  });
}
