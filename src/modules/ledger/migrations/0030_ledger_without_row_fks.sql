-- The journal's rows are written only by postEntry / postEntryFromQuery (journal.ts) and payment_record
-- (0024), each with the account ids it has just looked up or opened in the same transaction, and never
-- changed. Their per-row foreign-key checks proved nothing those statements do not guarantee, yet each
-- locked the account row it named: a payment's six postings locked the same few hot fund, billed and
-- clearing accounts as every other payment (a WAL record each, and a MultiXact once two payments held
-- one), and the entry locked its actor's user row. They go, as the bills' went (0017); `lindung verify`
-- (verify.ts) proves the same references over the whole tables, set-based.
ALTER TABLE postings DROP CONSTRAINT postings_account_id_fkey;
ALTER TABLE ledger_balances DROP CONSTRAINT ledger_balances_account_id_fkey;
ALTER TABLE journal_entries DROP CONSTRAINT journal_entries_actor_user_id_fkey;
