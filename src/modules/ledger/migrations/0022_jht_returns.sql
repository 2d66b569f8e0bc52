-- JHT returns (DECISIONS.md D13, D14). An administrator declares a year's rate with its basis; the
-- yearly run credits each participant's JHT account once for that year (jht_credits is the proof: one
-- row per account and year, also when the return is zero), in journal entries from the JHT fund.
CREATE TABLE jht_return_rates (
  year        smallint PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  rate        numeric NOT NULL CHECK (rate >= 0 AND rate < 100),   -- percent a year, exact
  legal_basis text NOT NULL CHECK (length(legal_basis) >= 3),
  declared_by bigint REFERENCES users (id),
  declared_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE jht_credits (
  account_id  bigint NOT NULL REFERENCES ledger_accounts (id),
  year        smallint NOT NULL,
  amount      bigint NOT NULL CHECK (amount >= 0),
  entry_id    bigint REFERENCES journal_entries (id),
  credited_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, year)
);
