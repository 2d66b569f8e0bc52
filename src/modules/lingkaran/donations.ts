/**
 * Giving. A donor (signed in, or a guest with a name and a contact) pledges an amount to a campaign or
 * to the general pool and gets a payment code, payable like a bill's: a virtual account at each partner
 * bank, a dynamic QRIS code, or cash at a branch counter. The pledge is idempotent on the request's key;
 * the payment on the channel's transaction id: the same notification delivered again, or many times at
 * once, posts once and answers the same. A paid donation is one journal entry: the channel's clearing
 * account debited, the donations fund credited. Its receipt code finds it in the public list.
 */
import { sql } from 'kysely';
import { inTransaction, type Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { defineFieldRules, defineProblems } from '../../platform/i18n.ts';
import { recordAudit, type AuditActor } from '../audit/audit.ts';
import { wibDate } from '../contributions/calendar.ts';
import { accountIds } from '../ledger/accounts.ts';
import { postEntry } from '../ledger/journal.ts';
import { campaignByCode } from './campaigns.ts';
import { donationPaymentCode, newReceiptCode } from './codes.ts';
import { guestDonor, type DonorContact } from './donors.ts';
import type { DonationChannel } from './tables.ts';

defineProblems({
  donation_not_found: { title: { id: 'Donasi tidak ditemukan', en: 'Donation not found' }, detail: { id: 'Tidak ada donasi dengan kode itu.', en: 'There is no donation with that code.' } },
  donation_already_paid: { title: { id: 'Donasi sudah dibayar', en: 'Donation already paid' }, detail: { id: 'Donasi ini sudah dibayar lewat transaksi lain.', en: 'This donation has already been paid by another transaction.' } },
  donation_request_reused: { title: { id: 'Kunci permintaan sudah dipakai', en: 'Request key already used' }, detail: { id: 'Kunci permintaan ini sudah dipakai untuk donasi lain.', en: 'This request key was used for a different donation.' } },
});
defineFieldRules({
  amount_must_equal: { id: 'Jumlah harus sama dengan donasi: Rp{amount}.', en: 'The amount must equal the donation: Rp{amount}.' },
});

export interface PledgeInput {
  campaignCode: string;
  amount: number;
  anonymous: boolean;
  requestKey: string;
  /** a signed-in donor, or a guest's name and contact */
  donorId?: number;
  guest?: DonorContact;
  actor: AuditActor;
}

export interface DonationView {
  id: number;
  receiptCode: string;
  paymentCode: string;
  amount: number;
  status: 'pending' | 'paid';
  anonymous: boolean;
  donorName: string;
  donorKind: string;
  campaign: { code: string; title: string };
  channel: DonationChannel | null;
  paidAt: Date | null;
  entryId: number | null;
  createdAt: Date;
}

export async function pledgeDonation(db: Db, input: PledgeInput): Promise<{ donation: DonationView; replayed: boolean }> {
  return inTransaction(db, async (tx) => {
    const campaign = await campaignByCode(tx, input.campaignCode);
    if (campaign.status !== 'open') throw new AppError(409, 'campaign_closed');
    // the same request again (a double tap, a retry on a poor connection) is the same pledge
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`lingkaran:pledge:${input.requestKey}`}))`.execute(tx);
    const earlier = await tx.selectFrom('lingkaran_donations').select(['id', 'campaign_id', 'amount']).where('request_key', '=', input.requestKey).executeTakeFirst();
    if (earlier) {
      if (earlier.campaign_id !== campaign.id || Number(earlier.amount) !== input.amount) throw new AppError(409, 'donation_request_reused');
      return { donation: await donationView(tx, { id: earlier.id }), replayed: true };
    }
    const donorId = input.donorId ?? await guestDonor(tx, { ...input.guest!, anonymous: input.anonymous });
    let id: number | undefined;
    for (let attempt = 0; id === undefined; attempt++) {
      // a receipt code is random: on the rare collision, draw again
      const r = await sql<{ id: number }>`
        INSERT INTO lingkaran_donations (donor_id, campaign_id, amount, anonymous, receipt_code, request_key)
        VALUES (${donorId}, ${campaign.id}, ${input.amount}, ${input.anonymous}, ${newReceiptCode()}, ${input.requestKey})
        ON CONFLICT (receipt_code) DO NOTHING RETURNING id`.execute(tx);
      id = r.rows[0]?.id;
      if (attempt > 5) throw new Error('no free receipt code');
    }
    await recordAudit(tx, { actor: input.actor, action: 'lingkaran.donation_pledged', entityType: 'lingkaran_donation', entityId: id, after: { campaign: campaign.code, amount: input.amount, anonymous: input.anonymous, donorId } });
    return { donation: await donationView(tx, { id }), replayed: false };
  });
}

export async function donationView(db: Db | import('../../platform/db.ts').Executor, by: { id: number } | { receiptCode: string }): Promise<DonationView> {
  let q = db.selectFrom('lingkaran_donations as d').innerJoin('lingkaran_donors as o', 'o.id', 'd.donor_id').innerJoin('lingkaran_campaigns as c', 'c.id', 'd.campaign_id')
    .select(['d.id', 'd.receipt_code', 'd.amount', 'd.status', 'd.anonymous', 'o.name', 'o.kind', 'c.code', 'c.title', 'd.channel', 'd.paid_at', 'd.entry_id', 'd.created_at']);
  q = 'id' in by ? q.where('d.id', '=', by.id) : q.where('d.receipt_code', '=', by.receiptCode.trim().toUpperCase());
  const d = await q.executeTakeFirst();
  if (!d) throw new AppError(404, 'donation_not_found');
  return {
    id: d.id, receiptCode: d.receipt_code, paymentCode: donationPaymentCode(d.id), amount: Number(d.amount), status: d.status, anonymous: d.anonymous,
    donorName: d.name, donorKind: d.kind, campaign: { code: d.code, title: d.title }, channel: d.channel, paidAt: d.paid_at, entryId: d.entry_id, createdAt: d.created_at,
  };
}

export interface DonationPayment {
  donationId: number;
  amount: number;
  paidAt: Date;
  channel: DonationChannel;
  channelRef: string;
  actor: AuditActor;
}

/** A donation's payment, once per channel transaction (see the module comment). The amount is the pledge's, whole. */
export async function payDonation(db: Db, input: DonationPayment): Promise<{ donation: DonationView; replayed: boolean }> {
  return inTransaction(db, async (tx) => {
    const d = await tx.selectFrom('lingkaran_donations').select(['id', 'amount', 'status', 'channel', 'channel_ref']).where('id', '=', input.donationId).forUpdate().executeTakeFirst();
    if (!d) throw new AppError(404, 'donation_not_found');
    if (d.status === 'paid') {
      if (d.channel === input.channel && d.channel_ref === input.channelRef) return { donation: await donationView(tx, { id: d.id }), replayed: true };
      throw new AppError(409, 'donation_already_paid');
    }
    const clash = await tx.selectFrom('lingkaran_donations').select('id').where('channel', '=', input.channel).where('channel_ref', '=', input.channelRef).executeTakeFirst();
    if (clash) throw new AppError(409, 'payment_reference_reused');
    if (input.amount !== Number(d.amount)) {
      throw new AppError(422, 'validation_failed', {}, [{ field: 'amount', rule: 'amount_must_equal', params: { amount: Number(d.amount).toLocaleString('id-ID') } }]);
    }
    const [clearing, fund] = await accountIds(tx, [{ kind: 'clearing', channel: input.channel }, { kind: 'donations' }]);
    const entry = await postEntry(tx, {
      idempotencyKey: `donation:${input.channel}:${input.channelRef}`, kind: 'donation', reason: `donasi GN Lingkaran / GN Lingkaran donation ${d.id}`,
      source: { type: 'lingkaran_donation', id: d.id }, effectiveDate: wibDate(input.paidAt), actor: input.actor,
    }, [{ account: clearing!, side: 'D', amount: input.amount }, { account: fund!, side: 'C', amount: input.amount }]);
    await tx.updateTable('lingkaran_donations').set({ status: 'paid', channel: input.channel, channel_ref: input.channelRef, paid_at: input.paidAt, entry_id: entry.id, recorded_by: input.actor.userId })
      .where('id', '=', d.id).execute();
    await recordAudit(tx, { actor: input.actor, action: 'lingkaran.donation_paid', entityType: 'lingkaran_donation', entityId: d.id, before: { status: 'pending' }, after: { status: 'paid', channel: input.channel, amount: input.amount, entryId: entry.id } });
    return { donation: await donationView(tx, { id: d.id }), replayed: false };
  });
}
