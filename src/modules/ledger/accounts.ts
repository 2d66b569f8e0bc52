/**
 * The chart of accounts (issue 5). Few hot accounts: a fund, a "billed" account per program, fines,
 * a clearing account per channel, benefit payables, the donations fund. Many cold ones: a receivable per
 * employer and per BPU participant, a JHT account per participant. Each is created the first time it is
 * needed, once (a unique index over what names it).
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { AccountKind, FundProgram, PaymentChannel, Side } from './tables.ts';

export interface AccountSpec {
  kind: AccountKind;
  program?: FundProgram;
  channel?: PaymentChannel;
  employerId?: number;
  participantId?: number;
}

/** Assets and receivables grow by debits; funds, liabilities and income by credits. */
export const NORMAL_SIDE: Record<AccountKind, Side> = {
  receivable: 'D', clearing: 'D',
  billed: 'C', fund: 'C', fines: 'C', jht: 'C', benefit_payable: 'C', donations: 'C',
};
/** The cold accounts, which keep a balance row (migration 0018). */
export const KEEPS_BALANCE = (kind: AccountKind) => kind === 'receivable' || kind === 'jht';

export const ACCOUNT_NAMES: Record<AccountKind, { id: string; en: string }> = {
  fund: { id: 'Dana program', en: 'Program fund' },
  billed: { id: 'Iuran ditagih belum diterima', en: 'Contributions billed, not yet collected' },
  fines: { id: 'Pendapatan denda', en: 'Fines income' },
  clearing: { id: 'Rekening antara kanal', en: 'Channel clearing' },
  benefit_payable: { id: 'Utang manfaat', en: 'Benefits payable' },
  donations: { id: 'Dana donasi GN Lingkaran', en: 'GN Lingkaran donations fund' },
  receivable: { id: 'Piutang iuran', en: 'Contributions receivable' },
  jht: { id: 'Saldo JHT peserta', en: "Participant's JHT account" },
};

const key = (s: AccountSpec) => `${s.kind}|${s.program ?? ''}|${s.channel ?? ''}|${s.employerId ?? 0}|${s.participantId ?? 0}`;

/** The ids of these accounts, in the same order, creating those that do not exist yet. */
export async function accountIds(db: Executor, specs: readonly AccountSpec[]): Promise<number[]> {
  if (!specs.length) return [];
  const unique = [...new Map(specs.map((s) => [key(s), s])).values()];
  const cols = {
    kind: unique.map((s) => s.kind), program: unique.map((s) => s.program ?? null), channel: unique.map((s) => s.channel ?? null),
    employer: unique.map((s) => s.employerId ?? null), participant: unique.map((s) => s.participantId ?? null),
    side: unique.map((s) => NORMAL_SIDE[s.kind]), keeps: unique.map((s) => KEEPS_BALANCE(s.kind)),
  };
  const wanted = sql`unnest(${cols.kind}::text[], ${cols.program}::text[], ${cols.channel}::text[], ${cols.employer}::bigint[], ${cols.participant}::bigint[],
                            ${cols.side}::text[], ${cols.keeps}::boolean[]) AS w(kind, program, channel, employer_id, participant_id, normal_side, keeps_balance)`;
  await sql`
    INSERT INTO ledger_accounts (kind, program, channel, employer_id, participant_id, normal_side, keeps_balance)
    SELECT * FROM ${wanted}
    ON CONFLICT (kind, coalesce(program, ''), coalesce(channel, ''), coalesce(employer_id, 0), coalesce(participant_id, 0)) DO NOTHING`.execute(db);
  const { rows } = await sql<{ id: number; kind: AccountKind; program: FundProgram | null; channel: PaymentChannel | null; employer_id: number | null; participant_id: number | null }>`
    SELECT a.id, a.kind, a.program, a.channel, a.employer_id, a.participant_id FROM ${wanted}
    JOIN ledger_accounts a ON a.kind = w.kind AND coalesce(a.program, '') = coalesce(w.program, '') AND coalesce(a.channel, '') = coalesce(w.channel, '')
     AND coalesce(a.employer_id, 0) = coalesce(w.employer_id, 0) AND coalesce(a.participant_id, 0) = coalesce(w.participant_id, 0)`.execute(db);
  const byKey = new Map(rows.map((r) => [key({ kind: r.kind, program: r.program ?? undefined, channel: r.channel ?? undefined, employerId: r.employer_id ?? undefined, participantId: r.participant_id ?? undefined }), r.id]));
  return specs.map((s) => byKey.get(key(s))!);
}

export async function accountId(db: Executor, spec: AccountSpec): Promise<number> {
  return (await accountIds(db, [spec]))[0]!;
}

/**
 * An account's balance on its normal side (a receivable: what is owed; a fund: what it holds). Cold
 * accounts read their balance row; hot ones sum their postings.
 */
export async function balanceOf(db: Executor, accountIdValue: number): Promise<number> {
  const r = (await sql<{ balance: number }>`
    SELECT CASE WHEN a.normal_side = 'D' THEN d - c ELSE c - d END AS balance
    FROM ledger_accounts a
    CROSS JOIN LATERAL (
      SELECT coalesce(b.debits, 0) AS d, coalesce(b.credits, 0) AS c FROM (SELECT 1) one LEFT JOIN ledger_balances b ON b.account_id = a.id WHERE a.keeps_balance
      UNION ALL
      SELECT coalesce(sum(p.amount) FILTER (WHERE p.side = 'D'), 0), coalesce(sum(p.amount) FILTER (WHERE p.side = 'C'), 0) FROM postings p WHERE p.account_id = a.id AND NOT a.keeps_balance
    ) AS t
    WHERE a.id = ${accountIdValue}`.execute(db)).rows[0];
  return r ? Number(r.balance) : 0;
}

