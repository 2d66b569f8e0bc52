/**
 * Who may be funded. Workers flagged vulnerable at registration are eligible as they are; others are
 * proposed for a campaign by an officer, a field agent or a community partner (by KPJ, within the
 * proposer's regions), or chosen by a donor from the campaign's eligible workers, who are shown to
 * donors only as pseudonyms with their district and occupation ("pekerja rentan pilihan").
 */
import { sql } from 'kysely';
import { inTransaction, type Db, type Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { defineProblems } from '../../platform/i18n.ts';
import { regionInScope, type Scope } from '../../platform/http/access.ts';
import { recordAudit, type AuditActor } from '../audit/audit.ts';
import { wibDate } from '../contributions/calendar.ts';
import { eligibleWorkers, pseudonymSql } from './allocation-run.ts';
import { campaignByCode } from './campaigns.ts';

defineProblems({
  worker_not_found: { title: { id: 'Pekerja tidak ditemukan', en: 'Worker not found' }, detail: { id: 'Tidak ada peserta BPU aktif dengan nomor itu di wilayah Anda.', en: 'There is no open informal (BPU) participation with that number in your regions.' } },
  worker_already_proposed: { title: { id: 'Pekerja sudah diusulkan', en: 'Worker already proposed' }, detail: { id: 'Pekerja ini sudah diusulkan untuk kampanye ini.', en: 'This worker has already been proposed for this campaign.' } },
});

export type ProposalSource = 'officer' | 'agent' | 'community' | 'donor';

export async function proposeWorker(db: Db, input: {
  campaignCode: string; kpj?: string; pseudonym?: string; reason: string; source: ProposalSource; donorId?: number; scope: Scope; actor: AuditActor;
}) {
  return inTransaction(db, async (tx) => {
    const campaign = await campaignByCode(tx, input.campaignCode);
    const by = input.kpj ? sql`p.kpj = ${input.kpj.replace(/\D/g, '')}` : sql`${pseudonymSql('p.id')} = ${(input.pseudonym ?? '').trim().toUpperCase()}`;
    const worker = (await sql<{ id: number; region: string }>`
      SELECT p.id, coalesce(pe.village_code, pe.regency_code) AS region FROM participants p JOIN people pe ON pe.id = p.person_id
      WHERE ${by} AND p.segment = 'BPU' AND p.status <> 'ended'`.execute(tx)).rows[0];
    if (!worker || !regionInScope(input.scope, worker.region)) throw new AppError(404, 'worker_not_found');
    const inserted = await tx.insertInto('lingkaran_proposals').values({
      participant_id: worker.id, campaign_id: campaign.id, source: input.source, donor_id: input.source === 'donor' ? input.donorId! : null, reason: input.reason.trim(), proposed_by: input.actor.userId,
    }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
    if (!inserted) throw new AppError(409, 'worker_already_proposed');
    await recordAudit(tx, { actor: input.actor, action: 'lingkaran.worker_proposed', entityType: 'participant', entityId: worker.id, after: { campaign: campaign.code, source: input.source, reason: input.reason } });
    return { id: inserted.id };
  });
}

/** The campaign's eligible workers as a donor may see them (for choosing), in priority order. */
export async function campaignCandidates(db: Executor, code: string, limit: number, today = wibDate()) {
  const campaign = await campaignByCode(db, code);
  const rows = await eligibleWorkers(db as Db, campaign, `${today.slice(0, 7)}-01`, limit);
  const regionCodes = [...new Set(rows.map((r) => r.regionCode.split('.').slice(0, 3).join('.')))];
  const names = new Map(regionCodes.length ? (await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', regionCodes).execute()).map((r) => [r.code, r.name]) : []);
  const occupations = new Map((await db.selectFrom('occupations').select(['code', 'name_id', 'name_en']).execute()).map((o) => [o.code, o]));
  return rows.map((r) => ({
    pseudonym: r.pseudonym, district: names.get(r.regionCode.split('.').slice(0, 3).join('.')) ?? null, occupation: r.occupation ? occupations.get(r.occupation)?.name_id ?? null : null,
    occupationEn: r.occupation ? occupations.get(r.occupation)?.name_en ?? null : null, status: r.status, chosen: r.chosen, startMonth: r.startMonth,
  }));
}

/** A donor's own page: its gifts with their receipts, and exactly which worker-months its money paid (pseudonymised). */
export async function donorPortal(db: Executor, donorId: number) {
  const donor = await db.selectFrom('lingkaran_donors').select(['id', 'kind', 'name', 'csr_program', 'anonymous']).where('id', '=', donorId).executeTakeFirstOrThrow();
  const donations = await db.selectFrom('lingkaran_donations as d').innerJoin('lingkaran_campaigns as c', 'c.id', 'd.campaign_id')
    .select(['d.id', 'd.receipt_code', 'd.amount', 'd.status', 'd.paid_at', 'd.created_at', 'c.code as campaign', 'c.title as campaign_title'])
    .where('d.donor_id', '=', donorId).orderBy('d.id', 'desc').execute();
  const { rows: months } = await sql<{ receipt_code: string; pseudonym: string; month: string; amount: number; campaign: string; occupation: string | null; occupationEn: string | null; district: string | null }>`
    SELECT d.receipt_code, fm.pseudonym, f.month, f.amount, c.code AS campaign, o.name_id AS occupation, o.name_en AS "occupationEn", r.name AS district
    FROM lingkaran_funding f JOIN lingkaran_donations d ON d.id = f.donation_id
    JOIN lingkaran_funded_months fm ON fm.participant_id = f.participant_id AND fm.month = f.month
    JOIN lingkaran_campaigns c ON c.id = fm.campaign_id LEFT JOIN occupations o ON o.code = fm.occupation_code
    LEFT JOIN regions r ON r.code = array_to_string((string_to_array(fm.region_code, '.'))[1:3], '.')
    WHERE d.donor_id = ${donorId} ORDER BY f.month, fm.pseudonym`.execute(db);
  const workers = new Set(months.map((m) => m.pseudonym)).size;
  return {
    donor: { kind: donor.kind, name: donor.name, csrProgram: donor.csr_program, anonymous: donor.anonymous },
    totals: { given: donations.filter((d) => d.status === 'paid').reduce((s, d) => s + Number(d.amount), 0), used: months.reduce((s, m) => s + Number(m.amount), 0), workers, workerMonths: months.length },
    donations: donations.map((d) => ({ id: d.id, receiptCode: d.receipt_code, amount: Number(d.amount), status: d.status, paidAt: d.paid_at, createdAt: d.created_at, campaign: d.campaign, campaignTitle: d.campaign_title })),
    workerMonths: months.map((m) => ({ ...m, amount: Number(m.amount) })),
  };
}
