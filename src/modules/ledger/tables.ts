import type { Generated } from 'kysely';

export type AccountKind = 'fund' | 'billed' | 'fines' | 'clearing' | 'benefit_payable' | 'donations' | 'receivable' | 'jht';
export type FundProgram = 'JKK' | 'JKM' | 'JHT' | 'JP' | 'JKP' | 'JKK+JKM';
export type PaymentChannel = 'virtual_account' | 'qris' | 'counter' | 'import';
export type Side = 'D' | 'C';
export type EntryKind = 'bills_issued' | 'payment' | 'reversal' | 'jht_return' | 'donation' | 'allocation' | 'correction';

export interface LedgerTables {
  ledger_accounts: {
    id: Generated<number>;
    kind: AccountKind;
    program: FundProgram | null;
    channel: PaymentChannel | null;
    employer_id: number | null;
    participant_id: number | null;
    normal_side: Side;
    keeps_balance: boolean;
    created_at: Generated<Date>;
  };
  journal_entries: {
    id: Generated<number>;
    idempotency_key: string;
    kind: EntryKind;
    reason: string;
    source_type: string;
    source_id: string;
    effective_date: string;
    amount: number;
    postings: number;
    postings_digest: string;
    reverses_entry_id: number | null;
    actor_user_id: number | null;
    posted_at: Generated<Date>;
    stripe: number;
    seq: number;
    prev_hash: string;
    hash: string;
  };
  postings: { entry_id: number; line: number; account_id: number; side: Side; amount: number };
  ledger_balances: { account_id: number; debits: Generated<number>; credits: Generated<number>; last_entry_id: number };
  ledger_chain_heads: { stripe: number; seq: number; hash: string };
  jht_return_rates: { year: number; rate: string; legal_basis: string; declared_by: number | null; declared_at: Generated<Date> };
  jht_credits: { account_id: number; year: number; amount: number; entry_id: number | null; credited_at: Generated<Date> };
  jht_credit_runs: {
    year: number; status: 'running' | 'completed' | 'failed'; done: Generated<number>; total: Generated<number>; credited: Generated<number>; amount: Generated<number>;
    error: string | null; started_by: number | null; started_at: Generated<Date>; finished_at: Date | null; lease_until: Date | null;
  };
}
