-- The ledger (issue 5). Every movement of money is one journal entry of two or more postings whose
-- debits equal its credits, written once under a unique idempotency key, never changed: a correction
-- is a reversing entry. Entries are hash-chained per stripe (as the audit log is), so that an edited,
-- removed or inserted entry or posting is found by `lindung verify`.
--
-- Accounts. A program fund, a "billed" account per program (contributions issued on bills and not yet
-- collected), fines, a clearing account per payment channel, benefit payables and the donations fund
-- are few and hot: every payment touches them, so they keep no balance row (DESIGN.md "Hot
-- accounts"): their balance is the sum of their postings. An employer's or BPU participant's
-- receivable and a participant's JHT account are many and cold: each keeps its balance in
-- ledger_balances, updated in the same transaction as the entry.
CREATE TABLE ledger_accounts (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('fund', 'billed', 'fines', 'clearing', 'benefit_payable', 'donations', 'receivable', 'jht')),
  program        text CHECK (program IN ('JKK', 'JKM', 'JHT', 'JP', 'JKP', 'JKK+JKM')),   -- 'JKK+JKM': a migrant worker's package covers both
  channel        text CHECK (channel IN ('virtual_account', 'qris', 'counter', 'import')),
  employer_id    bigint REFERENCES employers (id),
  participant_id bigint REFERENCES participants (id),
  -- assets and receivables grow by debits; funds, liabilities and income by credits
  normal_side    char(1) NOT NULL CHECK (normal_side IN ('D', 'C')),
  keeps_balance  boolean NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind IN ('fund', 'billed', 'benefit_payable')) = (program IS NOT NULL)),
  CHECK ((kind = 'clearing') = (channel IS NOT NULL)),
  CHECK (kind <> 'receivable' OR (employer_id IS NULL) <> (participant_id IS NULL)),
  CHECK (kind <> 'jht' OR (participant_id IS NOT NULL AND employer_id IS NULL)),
  CHECK (keeps_balance = (kind IN ('receivable', 'jht')))
);
CREATE UNIQUE INDEX ledger_accounts_one_each ON ledger_accounts
  (kind, coalesce(program, ''), coalesce(channel, ''), coalesce(employer_id, 0), coalesce(participant_id, 0));

CREATE TABLE journal_entries (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idempotency_key   text NOT NULL UNIQUE,
  kind              text NOT NULL CHECK (kind IN ('bills_issued', 'payment', 'reversal', 'jht_return', 'donation', 'allocation', 'correction')),
  reason            text NOT NULL,
  source_type       text NOT NULL,
  source_id         text NOT NULL,
  effective_date    date NOT NULL,
  amount            bigint NOT NULL CHECK (amount > 0),          -- the sum of the debits, = the sum of the credits
  postings          integer NOT NULL CHECK (postings >= 2),
  postings_digest   text NOT NULL,                               -- sha256 of the postings, in line order
  reverses_entry_id bigint UNIQUE REFERENCES journal_entries (id),
  actor_user_id     bigint REFERENCES users (id),
  posted_at         timestamptz NOT NULL DEFAULT now(),
  stripe            smallint NOT NULL,
  seq               bigint NOT NULL,
  prev_hash         text NOT NULL,
  hash              text NOT NULL,
  UNIQUE (stripe, seq)
);
CREATE INDEX journal_entries_source ON journal_entries (source_type, source_id);

-- A posting is written before its entry's header (the header's hash covers the postings' digest), in
-- the same transaction; the deferred balance check proves at commit that the entry has exactly its
-- postings, and `lindung verify` that no posting is without its entry.
CREATE TABLE postings (
  entry_id   bigint NOT NULL,
  line       integer NOT NULL,
  account_id bigint NOT NULL REFERENCES ledger_accounts (id),
  side       char(1) NOT NULL CHECK (side IN ('D', 'C')),
  amount     bigint NOT NULL CHECK (amount > 0),
  PRIMARY KEY (entry_id, line)
);
CREATE INDEX postings_account ON postings (account_id, entry_id);

CREATE TABLE ledger_balances (
  account_id    bigint PRIMARY KEY REFERENCES ledger_accounts (id),
  debits        bigint NOT NULL DEFAULT 0,
  credits       bigint NOT NULL DEFAULT 0,
  last_entry_id bigint NOT NULL
);

CREATE TABLE ledger_chain_heads (
  stripe smallint PRIMARY KEY,
  seq    bigint NOT NULL,
  hash   text NOT NULL
);
INSERT INTO ledger_chain_heads (stripe, seq, hash) SELECT s, 0, repeat('0', 64) FROM generate_series(0, 15) s;

-- An entry commits only if it balances: checked once per entry when its transaction commits.
CREATE FUNCTION journal_entry_balances() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d bigint; c bigint; n integer;
BEGIN
  SELECT coalesce(sum(amount) FILTER (WHERE side = 'D'), 0), coalesce(sum(amount) FILTER (WHERE side = 'C'), 0), count(*)
    INTO d, c, n FROM postings WHERE entry_id = NEW.id;
  IF d <> NEW.amount OR c <> NEW.amount OR n <> NEW.postings THEN
    RAISE EXCEPTION 'journal entry % does not balance: debits %, credits %, amount %, postings % of %', NEW.id, d, c, NEW.amount, n, NEW.postings;
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER journal_entries_balance AFTER INSERT ON journal_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balances();

CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: a correction is a reversing entry', TG_TABLE_NAME;
END $$;
CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON postings
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();
