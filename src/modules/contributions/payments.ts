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
import { inTransaction, type Db, type Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { defineFieldRules, defineProblems } from '../../platform/i18n.ts';
import { recordAudit, type AuditActor } from '../audit/audit.ts';
import { accountIds, type AccountSpec } from '../ledger/accounts.ts';
import { postEntry, type PostingInput } from '../ledger/journal.ts';
import type { FundProgram } from '../ledger/tables.ts';
import { allocate, type Allocation, type Owed } from './allocation.ts';
import { addMonths, wibDate } from './calendar.ts';
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

type LockedBill = { id: number; segment: string; period: string; months: number; employer_id: number | null; participant_id: number | null; status: 'open' | 'paid' | 'expired'; total_amount: number; paid_amount: number };

/** Who owes a bill: the employer for PU and construction, the participant for BPU and migrant workers. */
export function payerOf(bill: { segment: string; employer_id: number | null; participant_id: number | null }): AccountSpec {
  return bill.segment === 'PU' || bill.segment === 'JAKON'
    ? { kind: 'receivable', employerId: bill.employer_id! }
    : { kind: 'receivable', participantId: bill.participant_id! };
}

export async function recordPayment(db: Db, input: PaymentInput): Promise<PaymentResult> {
  return inTransaction(db, async (tx) => {
    const target = await tx.selectFrom('bills').select(['id', 'segment', 'employer_id', 'participant_id']).where('id', '=', input.billId).executeTakeFirst();
    if (!target) throw new AppError(404, 'bill_not_found');
    const payer = payerOf(target);
    // A PU payment pays the employer's open PU bills oldest month first (RULES.md §3); any other
    // payment pays the bill it names. The bills are locked in id order: every payment of one payer takes
    // them in the same order, so two of them wait for each other instead of deadlocking.
    const owner = target.segment === 'PU' ? sql`employer_id = ${target.employer_id} AND segment = 'PU'` : sql`id = ${target.id}`;
    const locked = (await sql<LockedBill>`
      SELECT id, segment, period, months, employer_id, participant_id, status, total_amount, paid_amount FROM bills
      WHERE (${owner} AND status = 'open') OR id = ${target.id} ORDER BY id FOR UPDATE`.execute(tx)).rows;
    const bill = locked.find((b) => b.id === target.id)!;
    // the reference is looked up after the bills are locked, so two deliveries of it take turns
    const earlier = await tx.selectFrom('bill_payments').select(['id', 'bill_id', 'amount', 'entry_id', 'credit_amount'])
      .where('channel', '=', input.channel).where('channel_ref', '=', input.channelRef).executeTakeFirst();
    if (earlier) {
      if (earlier.bill_id !== input.billId || Number(earlier.amount) !== input.amount) throw new AppError(409, 'payment_reference_reused');
      const allocations = await tx.selectFrom('payment_allocations').select(['bill_id', (eb) => eb.fn.sum<number>('amount').as('amount')])
        .where('payment_id', '=', earlier.id).groupBy('bill_id').orderBy('bill_id').execute();
      return {
        paymentId: earlier.id, billId: bill.id, billStatus: bill.status, paidAmount: Number(bill.paid_amount), outstanding: Number(bill.total_amount) - Number(bill.paid_amount),
        allocations: allocations.map((a) => ({ billId: a.bill_id, amount: Number(a.amount) })), credit: Number(earlier.credit_amount), entryId: earlier.entry_id!, replayed: true,
      };
    }
    if (bill.status !== 'open') throw new AppError(409, 'bill_closed', { status: bill.status });
    const open = locked.filter((b) => b.status === 'open');
    const owed = await owedLines(tx, open.map((b) => b.id));
    const outstanding = owed.reduce((s, o) => s + o.outstanding, 0);
    // at the counter an amount above what is owed is a typing error; money a bank has taken is kept as credit
    if (input.channel === 'counter' && input.amount > outstanding) {
      throw new AppError(422, 'validation_failed', {}, [{ field: 'amount', rule: 'exceeds_outstanding', params: { outstanding: outstanding.toLocaleString('id-ID') } }]);
    }
    const { allocations, excess } = allocate(owed, input.amount);
    const payment = await tx.insertInto('bill_payments').values({
      bill_id: bill.id, amount: input.amount, paid_at: input.paidAt, channel: input.channel, channel_ref: input.channelRef, recorded_by: input.actor.userId, credit_amount: excess,
    }).returning('id').executeTakeFirstOrThrow();
    const entry = await postPayment(tx, { paymentId: payment.id, channel: input.channel, channelRef: input.channelRef, amount: input.amount, payer, allocations, paidAt: input.paidAt, actor: input.actor });
    await tx.updateTable('bill_payments').set({ entry_id: entry }).where('id', '=', payment.id).execute();
    if (allocations.length) {
      // as arrays, one parameter per column: a large employer's bill has thousands of line groups
      await sql`
        INSERT INTO payment_allocations (payment_id, bill_id, kind, month, program, payer, participant_id, amount, entry_id)
        SELECT ${payment.id}, * , ${entry} FROM unnest(${allocations.map((a) => a.billId)}::bigint[], ${allocations.map((a) => a.kind)}::text[],
          ${allocations.map((a) => a.month)}::date[], ${allocations.map((a) => a.program)}::text[], ${allocations.map((a) => a.payer)}::text[],
          ${allocations.map((a) => a.participantId)}::bigint[], ${allocations.map((a) => a.amount)}::bigint[])`.execute(tx);
    }
    const perBill = new Map<number, number>();
    for (const a of allocations) perBill.set(a.billId, (perBill.get(a.billId) ?? 0) + a.amount);
    let after: { paidAmount: number; status: LockedBill['status'] } = { paidAmount: Number(bill.paid_amount), status: bill.status };
    for (const b of open) {
      const paid = perBill.get(b.id);
      if (!paid) continue;
      const paidAmount = Number(b.paid_amount) + paid;
      const status = paidAmount === Number(b.total_amount) ? 'paid' as const : 'open' as const;
      await tx.updateTable('bills').set({ paid_amount: paidAmount, status, ...(status === 'paid' ? { paid_at: input.paidAt } : {}) }).where('id', '=', b.id).execute();
      if (b.id === bill.id) after = { paidAmount, status };
      if (status === 'paid' && b.segment === 'BPU' && b.participant_id !== null) await coverBpuMonths(tx, b, input.paidAt, payment.id);
    }
    await recordAudit(tx, {
      actor: input.actor, action: 'bill.payment_recorded', entityType: 'bill', entityId: bill.id,
      before: { paidAmount: Number(bill.paid_amount), status: bill.status },
      after: { ...after, channel: input.channel, amount: input.amount, credit: excess, entryId: entry, bills: Object.fromEntries(perBill) },
    });
    return {
      paymentId: payment.id, billId: bill.id, billStatus: after.status, paidAmount: after.paidAmount, outstanding: Number(bill.total_amount) - after.paidAmount,
      allocations: [...perBill].map(([billId, amount]) => ({ billId, amount })), credit: excess, entryId: entry, replayed: false,
    };
  });
}

/** What is still owed on these bills, line group by line group: their lines less what payments took. */
async function owedLines(tx: Tx, billIds: number[]): Promise<Owed[]> {
  if (!billIds.length) return [];
  const { rows } = await sql<{ bill_id: number; period: string; kind: Owed['kind']; month: string; program: string; payer: Owed['payer']; participant_id: number | null; outstanding: number }>`
    WITH due AS (
      SELECT l.bill_id, l.kind, l.month, l.program, l.payer, l.participant_id, sum(l.amount)::bigint AS amount
      FROM bill_lines l WHERE l.bill_id = ANY (${billIds}::bigint[])
      GROUP BY l.bill_id, l.kind, l.month, l.program, l.payer, l.participant_id
    ), paid AS (
      SELECT a.bill_id, a.kind, a.month, a.program, a.payer, a.participant_id, sum(a.amount)::bigint AS amount
      FROM payment_allocations a WHERE a.bill_id = ANY (${billIds}::bigint[])
      GROUP BY a.bill_id, a.kind, a.month, a.program, a.payer, a.participant_id
    )
    SELECT d.bill_id, b.period, d.kind, d.month, d.program, d.payer, d.participant_id, (d.amount - coalesce(p.amount, 0))::bigint AS outstanding
    FROM due d JOIN bills b ON b.id = d.bill_id
    LEFT JOIN paid p ON p.bill_id = d.bill_id AND p.kind = d.kind AND p.month = d.month AND p.program = d.program AND p.payer = d.payer
                    AND p.participant_id IS NOT DISTINCT FROM d.participant_id
    WHERE d.amount > coalesce(p.amount, 0)`.execute(tx);
  return rows.map((r) => ({ billId: r.bill_id, period: r.period, kind: r.kind, month: r.month, program: r.program, payer: r.payer, participantId: r.participant_id, outstanding: Number(r.outstanding) }));
}

/**
 * The payment's journal entry: the channel's clearing account debited and the payer's receivable
 * credited with the whole amount (beyond what was owed, the receivable turns to credit); each program's
 * billed amount moved to its fund, JHT to the worker's own account, fines to fines income.
 */
async function postPayment(tx: Tx, p: { paymentId: number; channel: Channel; channelRef: string; amount: number; payer: AccountSpec; allocations: Allocation[]; paidAt: Date; actor: AuditActor }): Promise<number> {
  const specs: AccountSpec[] = [{ kind: 'clearing', channel: p.channel }, p.payer];
  const moves: { from: AccountSpec; to: AccountSpec; amount: number }[] = p.allocations.map((a) => {
    const program = a.program as FundProgram;
    const to: AccountSpec = a.kind === 'fine' ? { kind: 'fines' }
      : program === 'JHT' && a.participantId !== null ? { kind: 'jht', participantId: a.participantId }
      : { kind: 'fund', program };
    return { from: { kind: 'billed', program }, to, amount: a.amount };
  });
  const ids = await accountIds(tx, [...specs, ...moves.flatMap((m) => [m.from, m.to])]);
  const [clearing, receivable] = ids as [number, number];
  // one posting per account and side, in a fixed order
  const sums = new Map<string, number>();
  moves.forEach((m, i) => {
    const from = ids[specs.length + 2 * i]!;
    const to = ids[specs.length + 2 * i + 1]!;
    sums.set(`D:${from}`, (sums.get(`D:${from}`) ?? 0) + m.amount);
    sums.set(`C:${to}`, (sums.get(`C:${to}`) ?? 0) + m.amount);
  });
  const postings: PostingInput[] = [
    { account: clearing, side: 'D', amount: p.amount }, { account: receivable, side: 'C', amount: p.amount },
    ...[...sums].map(([k, amount]) => ({ account: Number(k.slice(2)), side: k[0] as 'D' | 'C', amount })),
  ];
  const entry = await postEntry(tx, {
    idempotencyKey: `payment:${p.channel}:${p.channelRef}`, kind: 'payment', reason: `pembayaran / payment ${p.channel} ${p.channelRef}`,
    source: { type: 'bill_payment', id: p.paymentId }, effectiveDate: wibDate(p.paidAt), actor: p.actor,
  }, postings);
  return entry.id;
}

/** A BPU bill paid in full: the months it covers are paid, and the participant's status follows. */
async function coverBpuMonths(tx: Tx, bill: LockedBill, paidAt: Date, paymentId: number) {
  const through = addMonths(bill.period, bill.months - 1);
  await sql`
    INSERT INTO bpu_coverage (participant_id, paid_through) VALUES (${bill.participant_id}, ${through})
    ON CONFLICT (participant_id) DO UPDATE SET paid_through = greatest(bpu_coverage.paid_through, excluded.paid_through), updated_at = now()`.execute(tx);
  // the status on the day of the payment: a participant in arrears or lapsed is active again
  const day = wibDate(paidAt);
  await refreshBpuStatus(tx, { asOf: day, ...(await bpuStatusRules(tx, day)), reason: `payment:${paymentId}`, participantIds: [bill.participant_id!] });
}
