/**
 * A payment settles a bill, once per channel transaction: the same channel reference delivered again
 * answers the same and writes nothing. A BPU bill paid in full moves the participant's paid-through
 * month and so their status (a lapsed participant resumes). Allocation across several bills, over-
 * payments and the ledger postings belong to the money module (issue 5), which calls this.
 */
import { sql } from 'kysely';
import { inTransaction, type Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { defineFieldRules, defineProblems } from '../../platform/i18n.ts';
import { recordAudit, type AuditActor } from '../audit/audit.ts';
import { addMonths, wibDate } from './calendar.ts';
import { loadHolidays, rulesForPeriod } from './rules.ts';
import { refreshBpuStatus } from './status.ts';

defineProblems({
  bill_not_found: { title: { id: 'Tagihan tidak ditemukan', en: 'Bill not found' }, detail: { id: 'Tidak ada tagihan dengan nomor itu.', en: 'There is no bill with that number.' } },
  bill_closed: { title: { id: 'Tagihan tidak dapat dibayar', en: 'Bill cannot be paid' }, detail: { id: 'Tagihan ini berstatus {status}.', en: 'This bill is {status}.' } },
  payment_reference_reused: { title: { id: 'Nomor transaksi sudah dipakai', en: 'Transaction reference already used' }, detail: { id: 'Nomor transaksi kanal ini sudah tercatat untuk pembayaran lain.', en: 'This channel transaction reference is already recorded for another payment.' } },
});

defineFieldRules({
  exceeds_outstanding: { id: 'Melebihi sisa tagihan Rp{outstanding}.', en: 'More than the Rp{outstanding} outstanding.' },
});

export type Channel = 'virtual_account' | 'qris' | 'counter' | 'import';

export interface PaymentInput {
  billId: number;
  amount: number;
  paidAt: Date;
  channel: Channel;
  channelRef: string;
  actor: AuditActor;
}

export interface PaymentResult {
  paymentId: number;
  billId: number;
  billStatus: 'open' | 'paid' | 'expired';
  paidAmount: number;
  outstanding: number;
  replayed: boolean;
}

export async function recordPayment(db: Db, input: PaymentInput): Promise<PaymentResult> {
  const result = await inTransaction(db, async (tx) => {
    const bill = await tx.selectFrom('bills').select(['id', 'segment', 'period', 'months', 'participant_id', 'status', 'total_amount', 'paid_amount'])
      .where('id', '=', input.billId).forUpdate().executeTakeFirst();
    if (!bill) throw new AppError(404, 'bill_not_found');
    // the reference is looked up after the bill is locked, so two deliveries of it take turns
    const earlier = await tx.selectFrom('bill_payments').select(['id', 'bill_id', 'amount'])
      .where('channel', '=', input.channel).where('channel_ref', '=', input.channelRef).executeTakeFirst();
    if (earlier) {
      if (earlier.bill_id !== input.billId || Number(earlier.amount) !== input.amount) throw new AppError(409, 'payment_reference_reused');
      return { paymentId: earlier.id, billId: bill.id, billStatus: bill.status, paidAmount: Number(bill.paid_amount), outstanding: Number(bill.total_amount) - Number(bill.paid_amount), replayed: true, bill };
    }
    if (bill.status !== 'open') throw new AppError(409, 'bill_closed', { status: bill.status });
    const outstanding = Number(bill.total_amount) - Number(bill.paid_amount);
    if (input.amount > outstanding) {
      throw new AppError(422, 'validation_failed', {}, [{ field: 'amount', rule: 'exceeds_outstanding', params: { outstanding: outstanding.toLocaleString('id-ID') } }]);
    }
    const payment = await tx.insertInto('bill_payments').values({
      bill_id: bill.id, amount: input.amount, paid_at: input.paidAt, channel: input.channel, channel_ref: input.channelRef, recorded_by: input.actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    const paidAmount = Number(bill.paid_amount) + input.amount;
    const status = paidAmount === Number(bill.total_amount) ? 'paid' as const : 'open' as const;
    await tx.updateTable('bills').set({ paid_amount: paidAmount, status, ...(status === 'paid' ? { paid_at: input.paidAt } : {}) }).where('id', '=', bill.id).execute();
    if (status === 'paid' && bill.segment === 'BPU' && bill.participant_id !== null) {
      const through = addMonths(bill.period, bill.months - 1);
      await sql`
        INSERT INTO bpu_coverage (participant_id, paid_through) VALUES (${bill.participant_id}, ${through})
        ON CONFLICT (participant_id) DO UPDATE SET paid_through = greatest(bpu_coverage.paid_through, excluded.paid_through), updated_at = now()`.execute(tx);
      // the status on the day of the payment: a participant in arrears or lapsed is active again
      const day = wibDate(input.paidAt);
      const rules = await rulesForPeriod(tx, `${day.slice(0, 7)}-01`);
      await refreshBpuStatus(tx, { asOf: day, lapseMonths: rules.lapseMonths, bpuDue: rules.bpuDue, holidays: await loadHolidays(tx), reason: `payment:${payment.id}`, participantIds: [bill.participant_id] });
    }
    await recordAudit(tx, {
      actor: input.actor, action: 'bill.payment_recorded', entityType: 'bill', entityId: bill.id,
      before: { paidAmount: Number(bill.paid_amount), status: bill.status }, after: { paidAmount, status, channel: input.channel, amount: input.amount },
    });
    return { paymentId: payment.id, billId: bill.id, billStatus: status, paidAmount, outstanding: Number(bill.total_amount) - paidAmount, replayed: false, bill };
  });
  const { bill: _bill, ...answer } = result;
  return answer;
}
