/**
 * What anyone may see of GN Lingkaran: for the whole programme and per campaign, money in, money
 * allocated, money unused; the workers protected by region, occupation and month; every donation
 * (the donor's name unless anonymous, its receipt code) and every funded worker (a pseudonym, the
 * district, the occupation, the months): never a NIK, a name, a phone number or a village. The same
 * totals are read from the journal (the donations fund's postings), so the page shows that they agree.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { campaignByCode, campaignMoney, listCampaigns, type CampaignMoney } from './campaigns.ts';
import { ANONYMOUS } from './donors.ts';

export interface Breakdowns {
  byRegion: { code: string; name: string; workers: number; amount: number }[];
  byOccupation: { code: string | null; name: string | null; nameEn: string | null; workers: number; amount: number }[];
  byMonth: { month: string; workers: number; amount: number }[];
}

export interface LedgerTotals { in: number; out: number; balance: number }

/** The donations fund as the journal has it: credits in, debits out; for one campaign, the entries that came from its donations, runs and releases. */
export async function ledgerTotals(db: Executor, campaignId?: number): Promise<LedgerTotals> {
  const scope = campaignId === undefined ? sql`` : sql`AND (
      (e.source_type = 'lingkaran_donation' AND e.source_id IN (SELECT id::text FROM lingkaran_donations WHERE campaign_id = ${campaignId}))
   OR (e.source_type = 'lingkaran_allocation_run' AND e.source_id IN (SELECT id::text FROM lingkaran_allocation_runs WHERE campaign_id = ${campaignId}))
   OR (e.source_type = 'lingkaran_release' AND e.source_id IN (SELECT r.id::text FROM lingkaran_releases r JOIN lingkaran_donations d ON d.id = r.donation_id WHERE d.campaign_id = ${campaignId})))`;
  const r = (await sql<{ credits: number; debits: number }>`
    SELECT coalesce(sum(p.amount) FILTER (WHERE p.side = 'C'), 0)::bigint AS credits, coalesce(sum(p.amount) FILTER (WHERE p.side = 'D'), 0)::bigint AS debits
    FROM postings p JOIN ledger_accounts a ON a.id = p.account_id AND a.kind = 'donations' JOIN journal_entries e ON e.id = p.entry_id
    WHERE true ${scope}`.execute(db)).rows[0]!;
  return { in: Number(r.credits), out: Number(r.debits), balance: Number(r.credits) - Number(r.debits) };
}

async function breakdowns(db: Executor, campaignId?: number): Promise<Breakdowns> {
  const where = campaignId === undefined ? sql`` : sql`WHERE fm.campaign_id = ${campaignId}`;
  const [byRegion, byOccupation, byMonth] = await Promise.all([
    sql<{ code: string; name: string; workers: number; amount: number }>`
      SELECT r.code, r.name, count(DISTINCT fm.participant_id)::int AS workers, sum(fm.amount)::bigint AS amount
      FROM lingkaran_funded_months fm JOIN regions r ON r.code = split_part(fm.region_code, '.', 1) || '.' || split_part(fm.region_code, '.', 2)
      ${where} GROUP BY r.code, r.name ORDER BY workers DESC, r.code`.execute(db),
    sql<{ code: string | null; name: string | null; nameEn: string | null; workers: number; amount: number }>`
      SELECT o.code, o.name_id AS name, o.name_en AS "nameEn", count(DISTINCT fm.participant_id)::int AS workers, sum(fm.amount)::bigint AS amount
      FROM lingkaran_funded_months fm LEFT JOIN occupations o ON o.code = fm.occupation_code
      ${where} GROUP BY o.code, o.name_id, o.name_en ORDER BY workers DESC, o.code`.execute(db),
    sql<{ month: string; workers: number; amount: number }>`
      SELECT fm.month, count(*)::int AS workers, sum(fm.amount)::bigint AS amount FROM lingkaran_funded_months fm ${where} GROUP BY fm.month ORDER BY fm.month`.execute(db),
  ]);
  const n = <T extends { amount: number }>(rows: T[]) => rows.map((r) => ({ ...r, amount: Number(r.amount) }));
  return { byRegion: n(byRegion.rows), byOccupation: n(byOccupation.rows), byMonth: n(byMonth.rows) };
}

export async function programmeSummary(db: Executor) {
  const campaigns = await listCampaigns(db);
  const total = campaigns.reduce<CampaignMoney>((t, c) => {
    for (const k of Object.keys(t) as (keyof CampaignMoney)[]) t[k] += c.money[k];
    return t;
  }, { raised: 0, allocated: 0, refunded: 0, movedToPool: 0, fromOthers: 0, unused: 0, donations: 0, workers: 0, workerMonths: 0 });
  const workers = Number((await sql<{ n: number }>`SELECT count(DISTINCT participant_id)::int AS n FROM lingkaran_funded_months`.execute(db)).rows[0]!.n);
  return {
    money: { raised: total.raised, allocated: total.allocated, refunded: total.refunded, unused: total.unused, donations: total.donations, workers, workerMonths: total.workerMonths },
    ledger: await ledgerTotals(db),
    ...(await breakdowns(db)),
    campaigns: campaigns.map(publicCampaign),
  };
}

type CampaignListRow = Awaited<ReturnType<typeof listCampaigns>>[number];
function publicCampaign(c: CampaignListRow) {
  return {
    code: c.code, title: c.title, description: c.description, isPool: c.is_pool, targetWorkers: c.target_workers, months: c.months, regionCodes: c.region_codes,
    occupationCodes: c.occupation_codes, monthlyAmount: Number(c.monthly_amount), goalAmount: c.goal_amount === null ? null : Number(c.goal_amount), status: c.status,
    unusedPolicy: c.unused_policy, owner: c.owner_name ? (c.owner_anonymous ? null : c.owner_name) : null, money: c.money,
  };
}

export async function campaignPublic(db: Executor, code: string) {
  const c = await campaignByCode(db, code);
  const money = (await campaignMoney(db, [c.id])).get(c.id)!;
  const owner = c.owner_donor_id ? await db.selectFrom('lingkaran_donors').select(['name', 'anonymous', 'csr_program']).where('id', '=', c.owner_donor_id).executeTakeFirst() : undefined;
  const regions = c.region_codes.length ? await db.selectFrom('regions').select(['code', 'name', 'kind']).where('code', 'in', c.region_codes).execute() : [];
  const occupations = c.occupation_codes.length ? await db.selectFrom('occupations').select(['code', 'name_id', 'name_en']).where('code', 'in', c.occupation_codes).execute() : [];
  const [donations, workers, runs] = await Promise.all([publicDonations(db, c.id), publicWorkers(db, c.id), db.selectFrom('lingkaran_allocation_runs')
    .select(['id', 'first_month', 'workers', 'worker_months', 'amount', 'unused', 'entry_id', 'created_at']).where('campaign_id', '=', c.id).orderBy('id').execute()]);
  return {
    campaign: {
      ...publicCampaign({ ...c, owner_name: owner?.name ?? null, owner_anonymous: owner?.anonymous ?? false, money }),
      csrProgram: owner && !owner.anonymous ? owner.csr_program : null,
      regions: regions.map((r) => ({ code: r.code, name: r.name, kind: r.kind })),
      occupations: occupations.map((o) => ({ code: o.code, name: o.name_id, nameEn: o.name_en })),
    },
    money, ledger: await ledgerTotals(db, c.id), ...(await breakdowns(db, c.id)),
    donations, workers, runs: runs.map((r) => ({ ...r, amount: Number(r.amount), unused: Number(r.unused) })),
  };
}

/** Every paid donation, newest first: the donor's public name and the receipt code. */
export async function publicDonations(db: Executor, campaignId?: number) {
  let q = db.selectFrom('lingkaran_donations as d').innerJoin('lingkaran_donors as o', 'o.id', 'd.donor_id').innerJoin('lingkaran_campaigns as c', 'c.id', 'd.campaign_id')
    .select(['d.receipt_code', 'd.amount', 'd.paid_at', 'd.anonymous', 'o.name', 'o.kind', 'd.channel', 'd.entry_id', 'c.code as campaign'])
    .where('d.status', '=', 'paid');
  if (campaignId !== undefined) q = q.where('d.campaign_id', '=', campaignId);
  const rows = await q.orderBy('d.paid_at', 'desc').orderBy('d.id', 'desc').execute();
  return rows.map((d) => ({
    receiptCode: d.receipt_code, amount: Number(d.amount), paidAt: d.paid_at!, donor: d.anonymous ? null : d.name, donorKind: d.kind, channel: d.channel, entryId: d.entry_id, campaign: d.campaign,
  }));
}

/** Every funded worker of a campaign: a pseudonym, the district, the occupation, the months and the amount. */
export async function publicWorkers(db: Executor, campaignId?: number) {
  const where = campaignId === undefined ? sql`` : sql`WHERE fm.campaign_id = ${campaignId}`;
  const { rows } = await sql<{ pseudonym: string; district: string | null; regency: string | null; occupation: string | null; occupationEn: string | null; first: string; last: string; months: number; amount: number; campaign: string; runId: number }>`
    SELECT fm.pseudonym, d.name AS district, rg.name AS regency, o.name_id AS occupation, o.name_en AS "occupationEn",
           min(fm.month) AS first, max(fm.month) AS last, count(*)::int AS months, sum(fm.amount)::bigint AS amount, c.code AS campaign, min(fm.run_id) AS "runId"
    FROM lingkaran_funded_months fm
    JOIN lingkaran_campaigns c ON c.id = fm.campaign_id
    LEFT JOIN regions d ON d.code = array_to_string((string_to_array(fm.region_code, '.'))[1:3], '.') AND d.level = 3
    LEFT JOIN regions rg ON rg.code = array_to_string((string_to_array(fm.region_code, '.'))[1:2], '.')
    LEFT JOIN occupations o ON o.code = fm.occupation_code
    ${where}
    GROUP BY fm.pseudonym, d.name, rg.name, o.name_id, o.name_en, c.code, fm.run_id ORDER BY min(fm.month), fm.pseudonym`.execute(db);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

/**
 * The public ledger as rows for CSV: each paid donation in, each funded worker's months out, each
 * refund out; money a campaign moved to the general pool in its own column (it stays in the fund). So
 * for the programme, in − out is the donations fund's balance in the journal; for a campaign,
 * in − out − moved is what it still holds.
 */
export async function publicLedgerRows(db: Executor, campaignCode?: string) {
  const c = campaignCode ? await campaignByCode(db, campaignCode) : undefined;
  const scope = (col: string) => (c ? sql`AND ${sql.ref(col)} = ${c.id}` : sql``);
  const { rows } = await sql<{ date: string; type: string; reference: string; campaign: string; party: string | null; anonymous: boolean; detail: string; amount_in: number; amount_out: number; amount_moved: number; entry_id: number | null }>`
    SELECT * FROM (
      SELECT to_char(d.paid_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS date, 'donasi/donation' AS type, d.receipt_code AS reference, c.code AS campaign,
             o.name AS party, d.anonymous, d.channel AS detail, d.amount AS amount_in, 0::bigint AS amount_out, 0::bigint AS amount_moved, d.entry_id, d.paid_at AS at, d.id AS n
      FROM lingkaran_donations d JOIN lingkaran_donors o ON o.id = d.donor_id JOIN lingkaran_campaigns c ON c.id = d.campaign_id
      WHERE d.status = 'paid' ${scope('d.campaign_id')}
      UNION ALL
      SELECT to_char(r.created_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD'), 'alokasi/allocation', 'ALOKASI-' || r.id, c.code, fm.pseudonym, false,
             to_char(min(fm.month), 'YYYY-MM') || '..' || to_char(max(fm.month), 'YYYY-MM'), 0, sum(fm.amount), 0, r.entry_id, r.created_at, r.id
      FROM lingkaran_funded_months fm JOIN lingkaran_allocation_runs r ON r.id = fm.run_id JOIN lingkaran_campaigns c ON c.id = fm.campaign_id
      WHERE true ${scope('fm.campaign_id')}
      GROUP BY r.id, r.created_at, r.entry_id, c.code, fm.pseudonym
      UNION ALL
      SELECT to_char(r.created_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD'), CASE r.kind WHEN 'refund' THEN 'pengembalian/refund' ELSE 'ke dana umum/to pool' END,
             d.receipt_code, c.code, o.name, d.anonymous, r.note, 0, CASE r.kind WHEN 'refund' THEN r.amount ELSE 0 END,
             CASE r.kind WHEN 'to_pool' THEN r.amount ELSE 0 END, r.entry_id, r.created_at, r.id
      FROM lingkaran_releases r JOIN lingkaran_donations d ON d.id = r.donation_id JOIN lingkaran_donors o ON o.id = d.donor_id JOIN lingkaran_campaigns c ON c.id = d.campaign_id
      WHERE true ${scope('d.campaign_id')}
    ) AS l ORDER BY at, type, n, party`.execute(db);
  return rows.map((r) => ({ ...r, party: r.anonymous ? ANONYMOUS.id : r.party, amount_in: Number(r.amount_in), amount_out: Number(r.amount_out), amount_moved: Number(r.amount_moved) }));
}
