-- A payer's or participant's own accounts found by their owner's id. The unique index on all five
-- columns (0018) keeps one account of each kind, but a lookup through it evaluates five expressions
-- and compares two texts per entry: about 5 µs an account, where a billing run looks up one
-- receivable per bill (582,036 for the BPU bills of the benchmark). These indexes answer the same
-- lookup in about 1 µs (receivables of a 28,000-bill chunk: 185 ms -> 80 ms, EXPLAIN ANALYZE).
-- An owner has one account of each such kind: receivables and JHT accounts carry neither program nor
-- channel, and a receivable belongs to an employer or to a participant, never both (0018's checks).
CREATE INDEX ledger_accounts_of_participant ON ledger_accounts (participant_id, kind) WHERE participant_id IS NOT NULL;
CREATE INDEX ledger_accounts_of_employer ON ledger_accounts (employer_id, kind) WHERE employer_id IS NOT NULL;
