/**
 * Reversing a payment: a bank recalls it, or it was recorded on the wrong bill. In one transaction, once
 * per payment: the payment's journal entry is reversed (every posting on the other side, so the
 * receivable, the funds and the workers' JHT accounts are as before it); a reversal row names the
 * payment, with allocations that take back exactly what it allocated (migration 0042), so each bill owes
 * again what the payment paid; bills paid in full reopen; a BPU participant's paid-through month goes
 * back and their status follows (D16); an audit event records who and why. A notification of the
 * reversed payment delivered again still answers as it did: the channel's reference stays taken.
 */
import { sql } from 'kysely';
import { inTransaction, type Db, type Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { defineProblems } from '../../platform/i18n.ts';
import { recordAudit, type AuditActor } from '../audit/audit.ts';
import { reverseEntry } from '../ledger/journal.ts';
import { wibDate } from './calendar.ts';
import { bpuStatusRules } from './rules.ts';
import { refreshBpuStatus } from './status.ts';

defineProblems({
  payment_not_found: {
    title: { id: 'Pembayaran tidak ditemukan', en: 'Payment not found' },
    detail: { id: 'Tidak ada pembayaran #{id}.', en: 'There is no payment #{id}.' },
  },
  payment_is_reversal: {
    title: { id: 'Ini pembatalan, bukan pembayaran', en: 'This is a reversal, not a payment' },
    detail: { id: 'Catatan #{id} membatalkan pembayaran #{original}; pembatalan tidak dibatalkan lagi. Bila pembatalannya keliru, catat pembayaran baru.', en: 'Record #{id} reverses payment #{original}; a reversal is not reversed. If the reversal was wrong, record a new payment.' },
  },
  donation_payment: {
    title: { id: 'Dibayar dari dana donasi', en: 'Paid from donations' },
    detail: { id: 'Pembayaran #{id} berasal dari dana GN Lingkaran; dana donasi dikelola lewat alokasi kampanye, bukan dibatalkan di sini.', en: 'Payment #{id} came from GN Lingkaran funds; donated money is managed through the campaign\'s allocations, not reversed here.' },
  },
});

export interface PaymentReversal {
  paymentId: number;
  reversalId: number;
  entryId: number;
  /** per bill, oldest month first: what the payment had paid on it, and the bill as it is now */
  bills: { billId: number; amount: number; paidAmount: number; status: string }[];
  replayed: boolean;
}

type PaymentRow = { id: number; bill_id: number; amount: number; channel: 'virtual_account' | 'qris' | 'counter' | 'import' | 'donation'; entry_id: number | null; reverses_payment_id: number | null };

async function reversalOf(db: Executor, payment: PaymentRow, replayed: boolean): Promise<PaymentReversal> {
  const reversal = (await sql<{ id: number; entry_id: number }>`SELECT id, entry_id FROM bill_payments WHERE reverses_payment_id = ${payment.id}`.execute(db)).rows[0]!;
  const bills = (await sql<{ bill_id: number; amount: number; paid_amount: number; status: string }>`
    SELECT a.bill_id, -sum(a.amount)::bigint AS amount, b.paid_amount, b.status
    FROM payment_allocations a JOIN bills b ON b.id = a.bill_id WHERE a.payment_id = ${reversal.id}
    GROUP BY a.bill_id, b.period, b.paid_amount, b.status ORDER BY b.period, a.bill_id`.execute(db)).rows;
  return {
    paymentId: payment.id, reversalId: reversal.id, entryId: reversal.entry_id, replayed,
    bills: bills.map((b) => ({ billId: b.bill_id, amount: Number(b.amount), paidAmount: Number(b.paid_amount), status: b.status })),
  };
}

/** Reverses one payment, or answers its reversal again (`replayed`). */
export async function reversePayment(db: Db, input: { paymentId: number; reason: string; actor: AuditActor; requestId?: string }): Promise<PaymentReversal> {
  const reason = input.reason.trim();
  if (reason.length < 5) throw new AppError(422, 'validation_failed', {}, [{ field: 'reason', rule: 'min_length', params: { limit: 5 } }]);
  return inTransaction(db, async (tx) => {
    // requests for one payment take turns here; a second finds the first's reversal
    const payment = (await sql<PaymentRow>`
      SELECT id, bill_id, amount, channel, entry_id, reverses_payment_id FROM bill_payments WHERE id = ${input.paymentId} FOR UPDATE`.execute(tx)).rows[0];
    if (!payment) throw new AppError(404, 'payment_not_found', { id: input.paymentId });
    if (payment.reverses_payment_id !== null) throw new AppError(409, 'payment_is_reversal', { id: payment.id, original: payment.reverses_payment_id });
    if (payment.channel === 'donation') throw new AppError(409, 'donation_payment', { id: payment.id });
    if ((await sql`SELECT 1 FROM bill_payments WHERE reverses_payment_id = ${payment.id}`.execute(tx)).rows.length) return reversalOf(tx, payment, true);

    const allocations = await tx.selectFrom('payment_allocations').selectAll().where('payment_id', '=', payment.id).execute();
    const billIds = [...new Set([payment.bill_id, ...allocations.map((a) => a.bill_id)])].sort((a, b) => a - b);
    // the bills in id order, as payments lock them
    const bills = (await sql<{ id: number; segment: string; participant_id: number | null; period: string; months: number; status: string; paid_amount: number }>`
      SELECT id, segment, participant_id, period, months, status, paid_amount FROM bills WHERE id = ANY (${billIds}::bigint[]) ORDER BY id FOR UPDATE`.execute(tx)).rows;

    // the journal: the payment's entry reversed (or its reversal, when someone reversed the entry alone before)
    const day = wibDate();
    const earlier = payment.entry_id === null ? undefined
      : await tx.selectFrom('journal_entries').select('id').where('reverses_entry_id', '=', payment.entry_id).executeTakeFirst();
    const entryId = earlier?.id ?? (await reverseEntry(tx, payment.entry_id!, `pembatalan pembayaran / payment reversal #${payment.id}: ${reason}`, input.actor, day)).id;

    const { id: reversalId } = await tx.insertInto('bill_payments').values({
      bill_id: payment.bill_id, amount: payment.amount, paid_at: new Date(), channel: payment.channel, channel_ref: `reversal:${payment.id}`,
      recorded_by: input.actor.userId, credit_amount: 0, entry_id: entryId, reverses_payment_id: payment.id,
    }).returning('id').executeTakeFirstOrThrow();
    if (allocations.length) {
      await tx.insertInto('payment_allocations').values(allocations.map((a) => ({ ...a, payment_id: reversalId, amount: -a.amount, entry_id: entryId }))).execute();
    }

    // each bill loses what the payment paid on it; one no longer paid in full reopens
    const paidOn = new Map<number, number>();
    for (const a of allocations) paidOn.set(a.bill_id, (paidOn.get(a.bill_id) ?? 0) + Number(a.amount));
    const reopened = (await sql<{ id: number; status: string }>`
      UPDATE bills b SET paid_amount = b.paid_amount - s.amount,
                         status = CASE WHEN b.status = 'paid' AND b.paid_amount - s.amount < b.total_amount THEN 'open' ELSE b.status END,
                         paid_at = CASE WHEN b.paid_amount - s.amount < b.total_amount THEN NULL ELSE b.paid_at END
      FROM unnest(${[...paidOn.keys()]}::bigint[], ${[...paidOn.values()]}::bigint[]) AS s(bill_id, amount)
      WHERE b.id = s.bill_id
      RETURNING b.id, b.status`.execute(tx)).rows.filter((r) => r.status === 'open').map((r) => r.id);

    // a BPU bill reopened: the participant is paid through the end of their latest bill still paid, or
    // as far as they had paid before Lindung, or not at all; a payment of another, later bill keeps its month
    const participants: number[] = [];
    for (const bill of bills.filter((b) => b.segment === 'BPU' && b.status === 'paid' && reopened.includes(b.id) && b.participant_id !== null)) {
      const covered = (await sql<{ through: string | null }>`
        SELECT greatest(c.legacy_through, (SELECT max(o.period + make_interval(months => o.months - 1))::date FROM bills o
                                           WHERE o.participant_id = c.participant_id AND o.segment = 'BPU' AND o.status = 'paid')) AS through
        FROM bpu_coverage c
        WHERE c.participant_id = ${bill.participant_id} AND c.paid_through = (${bill.period}::date + make_interval(months => ${bill.months} - 1))::date
        FOR UPDATE`.execute(tx)).rows[0];
      if (covered?.through) await sql`UPDATE bpu_coverage SET paid_through = ${covered.through}::date, updated_at = now() WHERE participant_id = ${bill.participant_id}`.execute(tx);
      else if (covered) await sql`DELETE FROM bpu_coverage WHERE participant_id = ${bill.participant_id}`.execute(tx);
      participants.push(bill.participant_id!);
    }
    if (participants.length) {
      await refreshBpuStatus(tx, { asOf: day, ...await bpuStatusRules(tx, day), reason: `payment_reversal:${reversalId}`, participantIds: participants });
    }

    await recordAudit(tx, {
      actor: input.actor, action: 'bill_payment.reversed', entityType: 'bill_payment', entityId: payment.id,
      after: { reversal_id: reversalId, entry_id: entryId, reason, bills: Object.fromEntries(paidOn), reopened }, requestId: input.requestId,
    });
    return reversalOf(tx, payment, false);
  });
}
