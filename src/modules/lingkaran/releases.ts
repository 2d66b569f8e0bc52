/**
 * Money a campaign could not use (no eligible worker left, workers registered by an employer
 * meanwhile) stays in the donations fund, visible on the campaign's page. When the campaign ends, a
 * supervisor releases it per the campaign's agreement with its donors: moved to the general pool (still
 * traced to each donation; the pool's runs use it) or refunded to each donor through the channel the
 * gift came by (a journal entry out of the donations fund). Either way the campaign closes.
 */
import { sql } from 'kysely';
import { inTransaction, type Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { defineProblems } from '../../platform/i18n.ts';
import { recordAudit, type AuditActor } from '../audit/audit.ts';
import { wibDate } from '../contributions/calendar.ts';
import { lockBpuBills } from '../contributions/donor-bills.ts';
import { accountIds } from '../ledger/accounts.ts';
import { postEntry } from '../ledger/journal.ts';
import { campaignByCode } from './campaigns.ts';

defineProblems({
  pool_not_released: { title: { id: 'Dana umum tidak dilepas', en: 'The general pool is not released' }, detail: { id: 'Dana umum tetap menunggu pekerja yang layak.', en: 'The general pool keeps waiting for eligible workers.' } },
});

export async function releaseUnused(db: Db, input: { campaignCode: string; note: string; actor: AuditActor }) {
  return inTransaction(db, async (tx) => {
    await lockBpuBills(tx, 'exclusive');
    const campaign = await campaignByCode(tx, input.campaignCode);
    if (campaign.is_pool) throw new AppError(409, 'pool_not_released');
    const { rows } = await sql<{ id: number; channel: 'virtual_account' | 'qris' | 'counter'; remaining: number }>`
      SELECT d.id, d.channel, d.amount - coalesce((SELECT sum(f.amount) FROM lingkaran_funding f WHERE f.donation_id = d.id), 0)
                                       - coalesce((SELECT sum(r.amount) FROM lingkaran_releases r WHERE r.donation_id = d.id), 0) AS remaining
      FROM lingkaran_donations d WHERE d.campaign_id = ${campaign.id} AND d.status = 'paid' ORDER BY d.id`.execute(tx);
    const kind = campaign.unused_policy === 'refund' ? 'refund' as const : 'to_pool' as const;
    const released: { donationId: number; amount: number; entryId: number | null }[] = [];
    for (const d of rows.filter((r) => Number(r.remaining) > 0)) {
      const amount = Number(d.remaining);
      const { id } = await tx.insertInto('lingkaran_releases').values({ donation_id: d.id, kind, amount, decided_by: input.actor.userId, note: input.note }).returning('id').executeTakeFirstOrThrow();
      let entryId: number | null = null;
      if (kind === 'refund') {
        const [fund, clearing] = await accountIds(tx, [{ kind: 'donations' }, { kind: 'clearing', channel: d.channel }]);
        entryId = (await postEntry(tx, {
          idempotencyKey: `lingkaran:refund:${id}`, kind: 'donation', reason: `pengembalian donasi / donation refund ${d.id}`,
          source: { type: 'lingkaran_release', id }, effectiveDate: wibDate(), actor: input.actor,
        }, [{ account: fund!, side: 'D', amount }, { account: clearing!, side: 'C', amount }])).id;
        await tx.updateTable('lingkaran_releases').set({ entry_id: entryId }).where('id', '=', id).execute();
      }
      released.push({ donationId: d.id, amount, entryId });
    }
    await tx.updateTable('lingkaran_campaigns').set({ status: 'closed' }).where('id', '=', campaign.id).execute();
    await recordAudit(tx, { actor: input.actor, action: 'lingkaran.unused_released', entityType: 'lingkaran_campaign', entityId: campaign.id, before: { status: campaign.status }, after: { status: 'closed', kind, released, note: input.note } });
    return { kind, total: released.reduce((s, r) => s + r.amount, 0), donations: released.length };
  });
}
