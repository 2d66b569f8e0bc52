/**
 * A payment of a bill's code, once per channel transaction: the same channel reference delivered again
 * answers the same and writes nothing. The money goes where RULES.md §3 says: a PU payment across the
 * employer's open PU bills (allocation.ts), oldest month first, contributions before fines; a BPU,
 * construction or migrant-worker payment to the bill it names. What is left is the payer's credit.
 * One balanced journal entry records it (ledger): the channel's clearing account is debited and the
 * payer's receivable credited; each program's billed amount moves into its fund, the JHT shares into
 * each worker's own JHT account, fines into fines income. Bills paid in full close; a BPU bill paid in
 * full moves the participant's paid-through month and so their status.
 */
import { sql } from 'kysely';
import { inTransaction, prepared, type Db, type Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { defineFieldRules, defineProblems } from '../../platform/i18n.ts';
import type { AuditActor } from '../audit/audit.ts';
import type { AccountSpec } from '../ledger/accounts.ts';
import { wibDate } from './calendar.ts';
import { bpuStatusRules } from './rules.ts';
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
  /** what the payment paid, bill by bill (RULES.md §3) */
  allocations: { billId: number; amount: number }[];
  /** what it paid beyond everything owed: the payer's credit, taken by their next bill */
  credit: number;
  entryId: number;
  replayed: boolean;
}

/** Who owes a bill: the employer for PU and construction, the participant for BPU and migrant workers. */
export function payerOf(bill: { segment: string; employer_id: number | null; participant_id: number | null }): AccountSpec {
  return bill.segment === 'PU' || bill.segment === 'JAKON'
    ? { kind: 'receivable', employerId: bill.employer_id! }
    : { kind: 'receivable', participantId: bill.participant_id! };
}

/** What payment_record answers (migration 0024, its body now 0037): a payment, a replay, a refusal, or a request for the status rules. */
interface Outcome extends Partial<Omit<PaymentResult, 'replayed'>> {
  error?: 'bill_not_found' | 'payment_reference_reused' | 'invalid_amount' | 'bill_closed' | 'exceeds_outstanding';
  /** bill_closed: the bill's status */
  status?: string;
  retry?: 'status_rules';
  replayed?: boolean;
  /** with the status left to the caller: the BPU participants whose coverage moved */
  statusParticipants?: number[];
}

/**
 * The payment as one call to the database (payment_record, migration 0024, its body now 0037), a named
 * prepared statement: the bills locked, the reference looked up, what is owed allocated as allocation.ts
 * says, the journal entry with its balances, the allocations, bills and BPU coverage, the audit event.
 * Outside a transaction it commits on its own, so the chains' heads, taken last, are held only until
 * that commit. A BPU bill that leaves the participant behind the payment's month needs the status rules
 * (status.ts): then the payment is recorded again in a transaction with the status refreshed here.
 */
export async function recordPayment(db: Db, input: PaymentInput): Promise<PaymentResult> {
  const day = wibDate(input.paidAt);
  let out = await paymentRecord(db, input, day, false);
  if (out.retry) {
    out = await inTransaction(db, async (tx) => {
      const again = await paymentRecord(tx, input, day, true);
      if (!again.error && !again.retry && !again.replayed && again.statusParticipants?.length) {
        // the status on the day of the payment: a participant in arrears or lapsed is active again
        const rules = await bpuStatusRules(tx, day);
        for (const participantId of again.statusParticipants) {
          await refreshBpuStatus(tx, { asOf: day, ...rules, reason: `payment:${again.paymentId}`, participantIds: [participantId] });
        }
      }
      return again;
    });
  }
  if (out.error === 'bill_not_found') throw new AppError(404, 'bill_not_found');
  if (out.error === 'payment_reference_reused') throw new AppError(409, 'payment_reference_reused');
  if (out.error === 'bill_closed') throw new AppError(409, 'bill_closed', { status: out.status });
  if (out.error === 'exceeds_outstanding') {
    throw new AppError(422, 'validation_failed', {}, [{ field: 'amount', rule: 'exceeds_outstanding', params: { outstanding: Number(out.outstanding).toLocaleString('id-ID') } }]);
  }
  if (out.error === 'invalid_amount') throw new Error(`a payment is a whole positive rupiah amount: ${input.amount}`);
  if (out.retry) throw new Error('payment_record asked for the status rules twice');
  return {
    paymentId: out.paymentId!, billId: out.billId!, billStatus: out.billStatus!, paidAmount: Number(out.paidAmount), outstanding: Number(out.outstanding),
    allocations: out.allocations!.map((a) => ({ billId: a.billId, amount: Number(a.amount) })), credit: Number(out.credit), entryId: out.entryId!, replayed: out.replayed!,
  };
}

async function paymentRecord(db: Executor, input: PaymentInput, day: string, statusByCaller: boolean): Promise<Outcome> {
  try {
    const { rows } = await sql<{ r: Outcome }>`${sql.raw(prepared('payment_record'))}
      SELECT payment_record(${input.billId}::bigint, ${input.amount}::numeric, ${input.paidAt}::timestamptz, ${day}::date, ${input.channel}::text,
                            ${input.channelRef}::text, ${input.actor.userId}::bigint, ${input.actor.role}::text, ${statusByCaller}::boolean) AS r`.execute(db);
    return rows[0]!.r;
  } catch (err) {
    // an entry already posted under the payment's key with other postings (journal.ts postEntry's 409)
    const e = err as { message?: string; hint?: string; detail?: string };
    if (e.message === 'idempotency_key_reused' && e.hint === 'lindung') throw new AppError(409, 'idempotency_key_reused', { key: e.detail });
    throw err;
  }
}
