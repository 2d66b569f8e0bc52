-- A year's JHT crediting is a run (DESIGN.md, Jobs): who started it, how far it got and what it
-- credited, so an administrator can start it from the back office and watch it. One run per year; a run
-- that stopped (failed, or its worker's lease ran out) is resumed, and jht_credits keeps each account
-- credited once. Once a year has a run, its rate no longer changes (jht.ts, declareJhtRate).
CREATE TABLE jht_credit_runs (
  year        smallint PRIMARY KEY REFERENCES jht_return_rates (year),
  status      text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  done        integer NOT NULL DEFAULT 0 CHECK (done >= 0),       -- accounts looked at so far
  total       integer NOT NULL DEFAULT 0 CHECK (total >= 0),      -- JHT accounts when the run (re)started
  credited    integer NOT NULL DEFAULT 0 CHECK (credited >= 0),   -- accounts that received a return
  amount      bigint NOT NULL DEFAULT 0 CHECK (amount >= 0),      -- rupiah credited
  error       text,
  started_by  bigint REFERENCES users (id),
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  lease_until timestamptz
);
