-- A CHECK constraint is read back from its stored text and planned again by every statement that
-- writes its table (PostgreSQL 15 keeps no compiled copy between statements); a domain's CHECK is
-- compiled once per connection. A payment writes the journal in a few statements, so the journal's
-- one-column rules become domains. The rules are the same; only where PostgreSQL keeps them changes.
-- Each domain is attached bare (no rewrite of the table), then given its rule, which checks every row.
CREATE DOMAIN rupiah_positive AS bigint;
CREATE DOMAIN rupiah_not_negative AS bigint;
CREATE DOMAIN journal_kind AS text;
CREATE DOMAIN posting_count AS integer;
CREATE DOMAIN ledger_side AS char(1);
CREATE DOMAIN chain_stripe AS smallint;

ALTER TABLE journal_entries ALTER COLUMN amount TYPE rupiah_positive, ALTER COLUMN kind TYPE journal_kind, ALTER COLUMN postings TYPE posting_count,
  DROP CONSTRAINT journal_entries_amount_check, DROP CONSTRAINT journal_entries_kind_check, DROP CONSTRAINT journal_entries_postings_check;
ALTER TABLE postings ALTER COLUMN amount TYPE rupiah_positive, ALTER COLUMN side TYPE ledger_side,
  DROP CONSTRAINT postings_amount_check, DROP CONSTRAINT postings_side_check;
ALTER TABLE ledger_chain_heads ALTER COLUMN stripe TYPE chain_stripe, DROP CONSTRAINT ledger_chain_heads_stripe_check;

ALTER DOMAIN rupiah_positive ADD CONSTRAINT rupiah_positive_check CHECK (VALUE > 0);
ALTER DOMAIN rupiah_not_negative ADD CONSTRAINT rupiah_not_negative_check CHECK (VALUE >= 0);
ALTER DOMAIN journal_kind ADD CONSTRAINT journal_kind_check
  CHECK (VALUE IN ('bills_issued', 'payment', 'reversal', 'jht_return', 'donation', 'allocation', 'correction'));
ALTER DOMAIN posting_count ADD CONSTRAINT posting_count_check CHECK (VALUE >= 2);
ALTER DOMAIN ledger_side ADD CONSTRAINT ledger_side_check CHECK (VALUE IN ('D', 'C'));
ALTER DOMAIN chain_stripe ADD CONSTRAINT chain_stripe_check CHECK (VALUE BETWEEN 0 AND 255);

-- ledger_stripe (0029) reads convert_to, which is STABLE: declared IMMUTABLE it was never inlined, so
-- each call parsed and planned its body anew. STABLE, it is inlined into the statements that call it.
ALTER FUNCTION ledger_stripe(text) STABLE;
