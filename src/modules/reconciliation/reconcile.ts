/**
 * Reconciliation (issue 5): a partner bank's daily statement is imported once (the same file again
 * answers the first import; another file under the same statement id is refused), and each credit line
 * is matched to the payment its notification recorded: by the channel's transaction id, else by the
 * bill in its payment code and the amount. What does not match is an exception:
 *   unknown_code          no valid Lindung payment code, or no such bill
 *   missing_notification  money arrived for a bill, but no notification recorded it
 *   amount_mismatch       the notification recorded another amount
 *   duplicate             the bank reference was in an earlier statement, or the payment is matched already
 * An officer proposes what to do (post the payment to a bill, or no posting, with a note) and a second
 * officer approves or rejects it; only an approved proposal posts, through recordPayment.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { inTransaction, type Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { defineProblems } from '../../platform/i18n.ts';
import { recordAudit, type AuditActor } from '../audit/audit.ts';
import { billIdFromPaymentCode } from '../contributions/billing-run.ts';
import { recordPayment } from '../contributions/payments.ts';
import { parseStatement, StatementError, type StatementLine } from './statement.ts';
import type { ExceptionKind } from './tables.ts';

defineProblems({
  statement_invalid: {
    title: { id: 'Berkas rekening koran tidak valid', en: 'Invalid bank statement file' },
    detail: { id: 'Berkas memuat {count} masalah; tidak ada yang diimpor.', en: 'The file has {count} problems; nothing was imported.' },
  },
  statement_conflict: {
    title: { id: 'Rekening koran sudah diimpor', en: 'Statement already imported' },
    detail: { id: 'Rekening koran {ref} sudah diimpor dengan isi berbeda.', en: 'Statement {ref} was already imported with different contents.' },
  },
  partner_not_found: { title: { id: 'Bank mitra tidak ditemukan', en: 'Partner bank not found' }, detail: { id: 'Tidak ada bank mitra dengan nomor itu.', en: 'There is no partner bank with that number.' } },
  exception_not_found: { title: { id: 'Pengecualian tidak ditemukan', en: 'Exception not found' }, detail: { id: 'Tidak ada pengecualian dengan nomor itu.', en: 'There is no exception with that number.' } },
  exception_state: {
    title: { id: 'Langkah tidak sesuai status', en: 'Step does not fit the status' },
    detail: { id: 'Pengecualian ini berstatus {status}.', en: 'This exception is {status}.' },
  },
  same_officer: {
    title: { id: 'Perlu petugas kedua', en: 'A second officer is needed' },
    detail: { id: 'Usulan harus disetujui atau ditolak oleh petugas lain.', en: 'A proposal must be approved or rejected by another officer.' },
  },
  proposal_needs_bill: {
    title: { id: 'Tagihan belum dipilih', en: 'No bill chosen' },
    detail: { id: 'Untuk mencatat pembayaran, sebutkan tagihan tujuannya.', en: 'To post the payment, name the bill it pays.' },
  },
});

export interface ImportResult {
  statementId: number;
  replayed: boolean;
  lines: number;
  matched: number;
  ignored: number;
  exceptions: Partial<Record<ExceptionKind, number>>;
}

interface Classified {
  status: 'matched' | 'exception' | 'ignored';
  paymentId: number | null;
  exception?: { kind: ExceptionKind; detail: string };
}

export async function importStatement(db: Db, input: { partnerId: number; channel: 'virtual_account' | 'qris'; content: string; filename?: string; actor: AuditActor }): Promise<ImportResult> {
  let parsed;
  try {
    parsed = parseStatement(input.content, input.filename);
  } catch (err) {
    if (err instanceof StatementError) throw new AppError(422, 'statement_invalid', { count: err.problems.length }, [], { problems: err.problems.slice(0, 100) });
    throw err;
  }
  const sha = crypto.createHash('sha256').update(input.content).digest('hex');
  return inTransaction(db, async (tx) => {
    const partner = await tx.selectFrom('payment_partners').select(['id', 'client_key']).where('id', '=', input.partnerId).executeTakeFirst();
    if (!partner) throw new AppError(404, 'partner_not_found');
    const inserted = await tx.insertInto('bank_statements').values({
      partner_id: partner.id, channel: input.channel, statement_ref: parsed.statementId, account: parsed.account, business_date: parsed.date, format: parsed.format,
      file_sha256: sha, lines: parsed.lines.length, matched: 0, exceptions: 0, imported_by: input.actor.userId,
    }).onConflict((oc) => oc.columns(['partner_id', 'statement_ref']).doNothing()).returning('id').executeTakeFirst();
    if (!inserted) {
      const earlier = await tx.selectFrom('bank_statements').select(['id', 'file_sha256']).where('partner_id', '=', partner.id).where('statement_ref', '=', parsed.statementId).executeTakeFirstOrThrow();
      if (earlier.file_sha256 !== sha) throw new AppError(409, 'statement_conflict', { ref: parsed.statementId });
      return { ...(await summary(tx, earlier.id)), replayed: true };
    }
    const statementId = inserted.id;
    const claimed = new Set<number>();
    for (const line of parsed.lines) {
      const c = await classify(tx, { partnerId: partner.id, clientKey: partner.client_key, channel: input.channel, statementId }, line, claimed);
      if (c.paymentId) claimed.add(c.paymentId);
      await tx.insertInto('statement_lines').values({
        statement_id: statementId, line_no: line.lineNo, bank_ref: line.bankRef, booking_date: line.bookingDate, amount: line.amount, direction: line.direction,
        payment_code: line.paymentCode, channel_tx_id: line.channelTxId, description: line.description.slice(0, 500), status: c.status, payment_id: c.paymentId,
      }).execute();
      if (c.exception) await tx.insertInto('reconciliation_exceptions').values({ statement_id: statementId, line_no: line.lineNo, kind: c.exception.kind, detail: c.exception.detail }).execute();
    }
    const result = await summary(tx, statementId);
    const exceptions = Object.values(result.exceptions).reduce((s, n) => s + (n ?? 0), 0);
    await tx.updateTable('bank_statements').set({ matched: result.matched, exceptions }).where('id', '=', statementId).execute();
    await recordAudit(tx, { actor: input.actor, action: 'statement.imported', entityType: 'bank_statement', entityId: statementId, after: { ref: parsed.statementId, date: parsed.date, lines: result.lines, matched: result.matched, exceptions } });
    return { ...result, replayed: false };
  });
}

type Tx = Parameters<Parameters<typeof inTransaction>[1]>[0];

async function classify(tx: Tx, ctx: { partnerId: number; clientKey: string; channel: string; statementId: number }, line: StatementLine, claimed: Set<number>): Promise<Classified> {
  if (line.direction === 'debit') return { status: 'ignored', paymentId: null };
  const seen = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM statement_lines l JOIN bank_statements s ON s.id = l.statement_id
    WHERE s.partner_id = ${ctx.partnerId} AND l.bank_ref = ${line.bankRef}`.execute(tx);
  if (seen.rows[0]!.n > 0) return { status: 'exception', paymentId: null, exception: { kind: 'duplicate', detail: `bank_ref ${line.bankRef}` } };
  const matchedAlready = (id: number) => claimed.has(id) || sql<{ n: number }>`SELECT count(*)::int AS n FROM statement_lines WHERE payment_id = ${id}`.execute(tx).then((r) => r.rows[0]!.n > 0);
  if (line.channelTxId) {
    const byTx = await tx.selectFrom('bill_payments').select(['id', 'amount']).where('channel', '=', ctx.channel as 'virtual_account')
      .where('channel_ref', '=', `${ctx.clientKey}:${line.channelTxId}`).executeTakeFirst();
    if (byTx) {
      if (await matchedAlready(byTx.id)) return { status: 'exception', paymentId: null, exception: { kind: 'duplicate', detail: `payment ${byTx.id}` } };
      if (Number(byTx.amount) !== line.amount) {
        return { status: 'exception', paymentId: null, exception: { kind: 'amount_mismatch', detail: `notifikasi / notification ${byTx.amount}, rekening koran / statement ${line.amount}` } };
      }
      return { status: 'matched', paymentId: byTx.id };
    }
  }
  const billId = line.paymentCode ? billIdFromPaymentCode(line.paymentCode) : null;
  const bill = billId === null ? undefined : await tx.selectFrom('bills').select('id').where('id', '=', billId).executeTakeFirst();
  if (!bill) return { status: 'exception', paymentId: null, exception: { kind: 'unknown_code', detail: line.paymentCode ?? line.description.slice(0, 120) } };
  // a payment's reversal carries its amount and channel, but no money came in with it
  const candidates = await tx.selectFrom('bill_payments').select(['id']).where('bill_id', '=', bill.id).where('channel', '=', ctx.channel as 'virtual_account')
    .where('amount', '=', line.amount).where('reverses_payment_id', 'is', null).orderBy('id').execute();
  for (const c of candidates) if (!(await matchedAlready(c.id))) return { status: 'matched', paymentId: c.id };
  return { status: 'exception', paymentId: null, exception: { kind: 'missing_notification', detail: `tagihan / bill ${bill.id}` } };
}

async function summary(tx: Tx, statementId: number): Promise<Omit<ImportResult, 'replayed'>> {
  const lines = (await sql<{ status: string; n: number }>`SELECT status, count(*)::int AS n FROM statement_lines WHERE statement_id = ${statementId} GROUP BY status`.execute(tx)).rows;
  const kinds = (await sql<{ kind: ExceptionKind; n: number }>`SELECT kind, count(*)::int AS n FROM reconciliation_exceptions WHERE statement_id = ${statementId} GROUP BY kind`.execute(tx)).rows;
  const count = (s: string) => lines.find((l) => l.status === s)?.n ?? 0;
  return {
    statementId, lines: lines.reduce((s, l) => s + l.n, 0), matched: count('matched'), ignored: count('ignored'),
    exceptions: Object.fromEntries(kinds.map((k) => [k.kind, k.n])),
  };
}

export async function proposeResolution(db: Db, input: { exceptionId: number; action: 'post_payment' | 'no_posting'; billId?: number; note: string; actor: AuditActor }) {
  return inTransaction(db, async (tx) => {
    const e = await tx.selectFrom('reconciliation_exceptions').selectAll().where('id', '=', input.exceptionId).forUpdate().executeTakeFirst();
    if (!e) throw new AppError(404, 'exception_not_found');
    if (e.status !== 'open') throw new AppError(409, 'exception_state', { status: e.status });
    if (input.action === 'post_payment') {
      const bill = input.billId === undefined ? undefined : await tx.selectFrom('bills').select('id').where('id', '=', input.billId).executeTakeFirst();
      if (!bill) throw new AppError(422, 'proposal_needs_bill');
    }
    await tx.updateTable('reconciliation_exceptions').set({
      status: 'proposed', action: input.action, bill_id: input.action === 'post_payment' ? input.billId! : null, note: input.note, proposed_by: input.actor.userId, proposed_at: new Date(),
    }).where('id', '=', e.id).execute();
    await recordAudit(tx, { actor: input.actor, action: 'reconciliation.proposed', entityType: 'reconciliation_exception', entityId: e.id, before: { status: e.status }, after: { status: 'proposed', action: input.action, billId: input.billId ?? null } });
  });
}

/** The second officer's decision: an approved proposal to post pays the bill (channel 'import'), once. */
export async function decideResolution(db: Db, input: { exceptionId: number; approve: boolean; actor: AuditActor }) {
  const e = await db.selectFrom('reconciliation_exceptions').selectAll().where('id', '=', input.exceptionId).executeTakeFirst();
  if (!e) throw new AppError(404, 'exception_not_found');
  if (e.status !== 'proposed') throw new AppError(409, 'exception_state', { status: e.status });
  if (e.proposed_by === input.actor.userId) throw new AppError(409, 'same_officer');
  if (!input.approve) {
    await inTransaction(db, async (tx) => {
      await tx.updateTable('reconciliation_exceptions').set({ status: 'open', action: null, bill_id: null, proposed_by: null, proposed_at: null }).where('id', '=', e.id).where('status', '=', 'proposed').execute();
      await recordAudit(tx, { actor: input.actor, action: 'reconciliation.rejected', entityType: 'reconciliation_exception', entityId: e.id, before: { status: 'proposed', action: e.action }, after: { status: 'open' } });
    });
    return;
  }
  let paymentId: number | null = null;
  if (e.action === 'post_payment') {
    const line = await db.selectFrom('statement_lines').select(['amount', 'booking_date']).where('statement_id', '=', e.statement_id).where('line_no', '=', e.line_no).executeTakeFirstOrThrow();
    // idempotent on the statement line: a repeated approval finds the same payment
    const paid = await recordPayment(db, { billId: e.bill_id!, amount: Number(line.amount), paidAt: new Date(`${line.booking_date}T05:00:00Z`), channel: 'import', channelRef: `statement:${e.statement_id}:${e.line_no}`, actor: input.actor });
    paymentId = paid.paymentId;
  }
  await inTransaction(db, async (tx) => {
    const done = await tx.updateTable('reconciliation_exceptions').set({ status: 'resolved', decided_by: input.actor.userId, decided_at: new Date(), payment_id: paymentId })
      .where('id', '=', e.id).where('status', '=', 'proposed').executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) return;
    if (paymentId) await tx.updateTable('statement_lines').set({ status: 'matched', payment_id: paymentId }).where('statement_id', '=', e.statement_id).where('line_no', '=', e.line_no).execute();
    await recordAudit(tx, { actor: input.actor, action: 'reconciliation.approved', entityType: 'reconciliation_exception', entityId: e.id, before: { status: 'proposed' }, after: { status: 'resolved', action: e.action, paymentId } });
  });
}

export async function listExceptions(db: Db, status?: 'open' | 'proposed' | 'resolved') {
  return sql<{ id: number; statement_id: number; line_no: number; kind: ExceptionKind; detail: string; status: string; action: string | null; bill_id: number | null; note: string | null;
               proposed_by: number | null; bank_ref: string; booking_date: string; amount: number; payment_code: string | null; partner: string }>`
    SELECT e.id, e.statement_id, e.line_no, e.kind, e.detail, e.status, e.action, e.bill_id, e.note, e.proposed_by,
           l.bank_ref, l.booking_date, l.amount, l.payment_code, p.name AS partner
    FROM reconciliation_exceptions e
    JOIN statement_lines l ON l.statement_id = e.statement_id AND l.line_no = e.line_no
    JOIN bank_statements s ON s.id = e.statement_id JOIN payment_partners p ON p.id = s.partner_id
    ${status ? sql`WHERE e.status = ${status}` : sql``}
    ORDER BY e.id LIMIT 500`.execute(db).then((r) => r.rows.map((x) => ({ ...x, amount: Number(x.amount) })));
}

/** The day's reconciliation per channel: statement lines, money in, what matched, exceptions by kind and state. */
export async function dailyReport(db: Db, date: string) {
  const { rows } = await sql<{ channel: string; statements: number; credits: number; credited: number; matched: number; matched_amount: number; open: number; resolved: number }>`
    SELECT s.channel, count(DISTINCT s.id)::int AS statements,
           count(*) FILTER (WHERE l.direction = 'credit')::int AS credits,
           coalesce(sum(l.amount) FILTER (WHERE l.direction = 'credit'), 0)::bigint AS credited,
           count(*) FILTER (WHERE l.status = 'matched')::int AS matched,
           coalesce(sum(l.amount) FILTER (WHERE l.status = 'matched'), 0)::bigint AS matched_amount,
           count(e.id) FILTER (WHERE e.status <> 'resolved')::int AS open,
           count(e.id) FILTER (WHERE e.status = 'resolved')::int AS resolved
    FROM bank_statements s JOIN statement_lines l ON l.statement_id = s.id
    LEFT JOIN reconciliation_exceptions e ON e.statement_id = l.statement_id AND e.line_no = l.line_no
    WHERE s.business_date = ${date}
    GROUP BY s.channel ORDER BY s.channel`.execute(db);
  return rows.map((r) => ({ ...r, credited: Number(r.credited), matchedAmount: Number(r.matched_amount) })).map(({ matched_amount: _, ...r }) => r);
}
