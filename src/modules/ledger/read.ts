/**
 * The ledger as auditors read it: the accounts (hot ones one by one, the many cold ones summed by kind),
 * the journal newest first (optionally one account's), and one entry with its postings and the source
 * document it came from. Participants appear by masked KPJ only.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { maskKpj } from '../registry/check-digits.ts';

export async function accountsOverview(db: Executor) {
  const { rows } = await sql<{ id: number | null; kind: string; program: string | null; channel: string | null; accounts: number; debits: number; credits: number; normal_side: string }>`
    SELECT a.id, a.kind, a.program, a.channel, 1 AS accounts, coalesce(sum(p.amount) FILTER (WHERE p.side = 'D'), 0)::bigint AS debits,
           coalesce(sum(p.amount) FILTER (WHERE p.side = 'C'), 0)::bigint AS credits, a.normal_side
    FROM ledger_accounts a LEFT JOIN postings p ON p.account_id = a.id
    WHERE NOT a.keeps_balance GROUP BY a.id
    UNION ALL
    SELECT NULL, a.kind, NULL, NULL, count(*)::int, coalesce(sum(b.debits), 0)::bigint, coalesce(sum(b.credits), 0)::bigint, min(a.normal_side)
    FROM ledger_accounts a LEFT JOIN ledger_balances b ON b.account_id = a.id
    WHERE a.keeps_balance GROUP BY a.kind
    ORDER BY 2, 3 NULLS FIRST, 4 NULLS FIRST`.execute(db);
  return rows.map((r) => ({
    accountId: r.id, kind: r.kind, program: r.program, channel: r.channel, accounts: Number(r.accounts),
    debits: Number(r.debits), credits: Number(r.credits), balance: r.normal_side === 'D' ? Number(r.debits) - Number(r.credits) : Number(r.credits) - Number(r.debits),
  }));
}

export async function journal(db: Executor, opts: { accountId?: number; limit: number; offset: number }) {
  const { rows } = await sql<{ id: number; effective_date: string; kind: string; reason: string; amount: number; postings: number; source_type: string; source_id: string; posted_at: Date; reverses_entry_id: number | null }>`
    SELECT e.id, e.effective_date, e.kind, e.reason, e.amount, e.postings, e.source_type, e.source_id, e.posted_at, e.reverses_entry_id
    FROM journal_entries e
    ${opts.accountId ? sql`WHERE e.id IN (SELECT entry_id FROM postings WHERE account_id = ${opts.accountId})` : sql``}
    ORDER BY e.id DESC LIMIT ${opts.limit} OFFSET ${opts.offset}`.execute(db);
  return rows.map((r) => ({ id: r.id, date: r.effective_date, kind: r.kind, reason: r.reason, amount: Number(r.amount), postings: r.postings, source: { type: r.source_type, id: r.source_id }, postedAt: r.posted_at, reversesEntryId: r.reverses_entry_id }));
}

export async function entryDetail(db: Executor, id: number) {
  const head = (await sql<{ id: number; effective_date: string; kind: string; reason: string; amount: number; postings: number; source_type: string; source_id: string; reverses_entry_id: number | null; hash: string; reversed_by: number | null }>`
    SELECT e.*, (SELECT r.id FROM journal_entries r WHERE r.reverses_entry_id = e.id) AS reversed_by FROM journal_entries e WHERE e.id = ${id}`.execute(db)).rows[0];
  if (!head) return undefined;
  const postings = (await sql<{ line: number; side: 'D' | 'C'; amount: number; account_id: number; kind: string; program: string | null; channel: string | null; employer: string | null; kpj: string | null }>`
    SELECT p.line, p.side, p.amount, a.id AS account_id, a.kind, a.program, a.channel, er.legal_name AS employer, pa.kpj
    FROM postings p JOIN ledger_accounts a ON a.id = p.account_id
    LEFT JOIN employers er ON er.id = a.employer_id LEFT JOIN participants pa ON pa.id = a.participant_id
    WHERE p.entry_id = ${id} ORDER BY p.line LIMIT 500`.execute(db)).rows;
  // the bill a payment's source document paid, so the auditor can open it
  const billId = head.source_type === 'bill_payment'
    ? (await sql<{ bill_id: number }>`SELECT bill_id FROM bill_payments WHERE id = ${Number(head.source_id)}`.execute(db)).rows[0]?.bill_id ?? null
    : null;
  return {
    id: head.id, date: head.effective_date, kind: head.kind, reason: head.reason, amount: Number(head.amount), postingCount: head.postings, hash: head.hash,
    source: { type: head.source_type, id: head.source_id, billId }, reversesEntryId: head.reverses_entry_id, reversedBy: head.reversed_by,
    postings: postings.map((p) => ({
      line: p.line, side: p.side, amount: Number(p.amount), accountId: p.account_id, kind: p.kind, program: p.program, channel: p.channel,
      holder: p.employer ?? (p.kpj ? `KPJ ${maskKpj(p.kpj)}` : null),
    })),
  };
}
