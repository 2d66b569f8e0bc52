/**
 * GN Lingkaran campaigns. An officer or a company creates one with a target: how many workers, for how
 * many months, in which regions (province down to village) and occupations. Its goal is computed from
 * the BPU rules in force (donorMonthlyPackage: JKK at the minimum declared income + JKM, Rp16,800 a
 * month in 2026). The general pool ('umum') is a campaign too, open to every region and occupation;
 * money given without a campaign, and money another campaign could not use, goes there.
 */
import { sql } from 'kysely';
import { inTransaction, type Db, type Executor } from '../../platform/db.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { defineFieldRules, defineProblems } from '../../platform/i18n.ts';
import { recordAudit, type AuditActor } from '../audit/audit.ts';
import { wibDate } from '../contributions/calendar.ts';
import { donorMonthlyPackage } from '../contributions/donor-bills.ts';
import { campaignCode } from './codes.ts';

defineProblems({
  campaign_not_found: { title: { id: 'Kampanye tidak ditemukan', en: 'Campaign not found' }, detail: { id: 'Tidak ada kampanye GN Lingkaran dengan alamat itu.', en: 'There is no GN Lingkaran campaign at that address.' } },
  campaign_closed: { title: { id: 'Kampanye sudah ditutup', en: 'Campaign closed' }, detail: { id: 'Kampanye ini tidak menerima donasi lagi.', en: 'This campaign no longer takes donations.' } },
});
defineFieldRules({
  region_unknown: { id: 'Kode wilayah {code} tidak dikenal.', en: 'Unknown region code {code}.' },
  occupation_unknown: { id: 'Pekerjaan {code} tidak dikenal atau bukan pekerjaan informal.', en: 'Occupation {code} is unknown or not an informal occupation.' },
});

export const POOL_CODE = 'umum';

export interface CampaignInput {
  title: string;
  description?: string;
  targetWorkers: number;
  months: number;
  regionCodes: string[];
  occupationCodes: string[];
  unusedPolicy?: 'reallocate' | 'refund';
}

export async function createCampaign(db: Db, input: CampaignInput, ctx: { actor: AuditActor; ownerDonorId?: number | null; today?: string }) {
  const errors: FieldError[] = [];
  const regions = [...new Set(input.regionCodes.map((c) => c.trim()))];
  const occupations = [...new Set(input.occupationCodes)];
  const knownRegions = regions.length ? new Set((await db.selectFrom('regions').select('code').where('code', 'in', regions).execute()).map((r) => r.code)) : new Set<string>();
  if (!regions.length) errors.push({ field: 'regionCodes', rule: 'required' });
  for (const code of regions) if (!knownRegions.has(code)) errors.push({ field: 'regionCodes', rule: 'region_unknown', params: { code } });
  const knownOccupations = occupations.length ? new Set((await db.selectFrom('occupations').select('code').where('code', 'in', occupations).where('informal', '=', true).execute()).map((r) => r.code)) : new Set<string>();
  for (const code of occupations) if (!knownOccupations.has(code)) errors.push({ field: 'occupationCodes', rule: 'occupation_unknown', params: { code } });
  if (errors.length) throw new AppError(422, 'validation_failed', {}, errors);
  const today = ctx.today ?? wibDate();
  const month = `${today.slice(0, 7)}-01`;
  const pkg = await donorMonthlyPackage(db, month);
  return inTransaction(db, async (tx) => {
    const base = campaignCode(input.title);
    const taken = new Set((await tx.selectFrom('lingkaran_campaigns').select('code').where('code', 'like', `${base}%`).execute()).map((r) => r.code));
    let code = base;
    for (let n = 2; taken.has(code) || code === POOL_CODE; n++) code = `${base}-${n}`;
    const row = {
      code, title: input.title.trim(), description: input.description?.trim() ?? '', owner_donor_id: ctx.ownerDonorId ?? null, created_by: ctx.actor.userId,
      target_workers: input.targetWorkers, months: input.months, region_codes: regions, occupation_codes: occupations,
      monthly_amount: pkg.amount, goal_amount: input.targetWorkers * input.months * pkg.amount, rule_ids: pkg.ruleIds, rules_date: month,
      unused_policy: input.unusedPolicy ?? 'reallocate',
    };
    const { id } = await tx.insertInto('lingkaran_campaigns').values(row).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, { actor: ctx.actor, action: 'lingkaran.campaign_created', entityType: 'lingkaran_campaign', entityId: id, after: row });
    return { id, code, goalAmount: row.goal_amount, monthlyAmount: pkg.amount };
  });
}

/** The general pool: made once when the database is set up (setup.ts), so that reading never writes. */
export async function ensurePoolCampaign(db: Executor, today = wibDate()): Promise<{ id: number; code: string }> {
  const found = await db.selectFrom('lingkaran_campaigns').select(['id', 'code']).where('is_pool', '=', true).executeTakeFirst();
  if (found) return found;
  const month = `${today.slice(0, 7)}-01`;
  const pkg = await donorMonthlyPackage(db, month);
  await sql`INSERT INTO lingkaran_campaigns (code, title, description, is_pool, months, monthly_amount, rule_ids, rules_date)
            VALUES (${POOL_CODE}, 'Dana umum GN Lingkaran', 'Donasi tanpa kampanye tertentu, dan dana kampanye lain yang tidak terpakai. / Gifts to no particular campaign, and money other campaigns could not use.',
                    true, 6, ${pkg.amount}, ${pkg.ruleIds}::bigint[], ${month})
            ON CONFLICT DO NOTHING`.execute(db);
  return db.selectFrom('lingkaran_campaigns').select(['id', 'code']).where('is_pool', '=', true).executeTakeFirstOrThrow();
}

export async function campaignByCode(db: Executor, code: string) {
  const c = await db.selectFrom('lingkaran_campaigns').selectAll().where('code', '=', code).executeTakeFirst();
  if (!c) throw new AppError(404, 'campaign_not_found');
  return c;
}

/**
 * The money of campaigns, as the ledger sees it: paid in, spent on workers' months, refunded, moved to
 * the pool (out of a campaign) or from other campaigns (into the pool), and what is left.
 */
export interface CampaignMoney { raised: number; allocated: number; refunded: number; movedToPool: number; fromOthers: number; unused: number; donations: number; workers: number; workerMonths: number }

export async function campaignMoney(db: Executor, campaignIds?: number[]): Promise<Map<number, CampaignMoney>> {
  const only = campaignIds ? sql`WHERE c.id = ANY (${campaignIds}::bigint[])` : sql``;
  const { rows } = await sql<{ id: number } & Record<keyof CampaignMoney, number>>`
    SELECT c.id,
      coalesce(d.raised, 0)::bigint AS raised, coalesce(d.n, 0)::int AS donations,
      coalesce(f.allocated, 0)::bigint AS allocated, coalesce(f.workers, 0)::int AS "workers", coalesce(f.months, 0)::int AS "workerMonths",
      coalesce(r.refunded, 0)::bigint AS refunded, coalesce(r.moved, 0)::bigint AS "movedToPool",
      CASE WHEN c.is_pool THEN (SELECT coalesce(sum(amount), 0) FROM lingkaran_releases WHERE kind = 'to_pool') ELSE 0 END::bigint AS "fromOthers"
    FROM lingkaran_campaigns c
    LEFT JOIN (SELECT campaign_id, sum(amount) AS raised, count(*) AS n FROM lingkaran_donations WHERE status = 'paid' GROUP BY campaign_id) d ON d.campaign_id = c.id
    LEFT JOIN (SELECT campaign_id, sum(amount) AS allocated, count(DISTINCT participant_id) AS workers, count(*) AS months FROM lingkaran_funded_months GROUP BY campaign_id) f ON f.campaign_id = c.id
    LEFT JOIN (SELECT d.campaign_id, sum(r.amount) FILTER (WHERE r.kind = 'refund') AS refunded, sum(r.amount) FILTER (WHERE r.kind = 'to_pool') AS moved
               FROM lingkaran_releases r JOIN lingkaran_donations d ON d.id = r.donation_id GROUP BY d.campaign_id) r ON r.campaign_id = c.id
    ${only}`.execute(db);
  return new Map(rows.map((r) => {
    const m = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])) as unknown as CampaignMoney & { id: number };
    m.unused = m.raised + m.fromOthers - m.allocated - m.refunded - m.movedToPool;
    return [m.id, m];
  }));
}

export async function listCampaigns(db: Executor) {
  const campaigns = await db.selectFrom('lingkaran_campaigns as c').leftJoin('lingkaran_donors as d', 'd.id', 'c.owner_donor_id')
    .select(['c.id', 'c.code', 'c.title', 'c.description', 'c.is_pool', 'c.target_workers', 'c.months', 'c.region_codes', 'c.occupation_codes', 'c.monthly_amount',
      'c.goal_amount', 'c.status', 'c.created_at', 'c.unused_policy', 'd.name as owner_name', 'd.anonymous as owner_anonymous'])
    .orderBy('c.is_pool', 'desc').orderBy('c.created_at', 'desc').execute();
  const money = await campaignMoney(db);
  return campaigns.map((c) => ({ ...c, money: money.get(c.id)! }));
}
