-- GN Lingkaran (issue 6, RULES.md §6): companies' CSR funds and individuals pay the JKK and JKM
-- contributions of vulnerable informal workers. Donations go into the ledger's donations fund; an
-- allocation run funds eligible workers' months from it, each worker-month at most once.

-- A donor: a company (its CSR programme and tax id), an individual, or a guest who gives with just a
-- name and a contact. An anonymous donor is listed in public as "Donatur anonim / Anonymous donor".
CREATE TABLE lingkaran_donors (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('company', 'individual', 'guest')),
  name         text NOT NULL CHECK (length(name) BETWEEN 2 AND 160),
  csr_program  text CHECK (length(csr_program) BETWEEN 2 AND 160),
  tax_id       text CHECK (tax_id ~ '^\d{15,16}$'),
  email        text CHECK (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  phone        text CHECK (phone ~ '^\+628\d{7,11}$'),
  anonymous    boolean NOT NULL DEFAULT false,
  user_id      bigint UNIQUE REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'company' OR (csr_program IS NOT NULL AND tax_id IS NOT NULL)),
  CHECK (email IS NOT NULL OR phone IS NOT NULL)
);

-- A campaign: how many workers, for how many months, where (province down to village) and in which
-- occupations; the goal is computed from the BPU rules in force when it is created. The general pool
-- is the campaign 'umum', open to every region and informal occupation.
CREATE TABLE lingkaran_campaigns (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code             text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(code) <= 60),
  title            text NOT NULL CHECK (length(title) BETWEEN 5 AND 160),
  description      text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  is_pool          boolean NOT NULL DEFAULT false,
  owner_donor_id   bigint REFERENCES lingkaran_donors (id),
  created_by       bigint REFERENCES users (id),
  target_workers   integer CHECK (target_workers BETWEEN 1 AND 1000000),
  months           smallint NOT NULL CHECK (months BETWEEN 1 AND 12),
  region_codes     text[] NOT NULL DEFAULT '{}',
  occupation_codes text[] NOT NULL DEFAULT '{}',
  -- one worker-month (JKK at the minimum declared income + JKM) and the goal, from the rules of rules_date
  monthly_amount   bigint NOT NULL CHECK (monthly_amount > 0),
  goal_amount      bigint CHECK (goal_amount > 0),
  rule_ids         bigint[] NOT NULL,
  rules_date       date NOT NULL,
  -- what happens to money no eligible worker can use: moved to the general pool, or refunded
  unused_policy    text NOT NULL DEFAULT 'reallocate' CHECK (unused_policy IN ('reallocate', 'refund')),
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (is_pool OR (target_workers IS NOT NULL AND goal_amount IS NOT NULL AND cardinality(region_codes) > 0))
);
CREATE UNIQUE INDEX lingkaran_campaigns_one_pool ON lingkaran_campaigns (is_pool) WHERE is_pool;

-- A donation: pledged with an amount, paid once through a channel (its payment code, '89' + id + check
-- digit, is computed from the id), then posted to the donations fund. The receipt code finds it in the
-- public list.
CREATE TABLE lingkaran_donations (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  donor_id         bigint NOT NULL REFERENCES lingkaran_donors (id),
  campaign_id      bigint NOT NULL REFERENCES lingkaran_campaigns (id),
  amount           bigint NOT NULL CHECK (amount BETWEEN 10000 AND 100000000000),
  anonymous        boolean NOT NULL,
  receipt_code     text NOT NULL UNIQUE CHECK (receipt_code ~ '^LK-[0-9A-HJ-NP-Z]{8}$'),
  -- the request's idempotency key: the same pledge sent twice is one donation
  request_key      text NOT NULL UNIQUE CHECK (length(request_key) BETWEEN 8 AND 100),
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid')),
  channel          text CHECK (channel IN ('virtual_account', 'qris', 'counter')),
  channel_ref      text,
  paid_at          timestamptz,
  entry_id         bigint REFERENCES journal_entries (id),
  recorded_by      bigint REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (channel, channel_ref),
  CHECK ((status = 'paid') = (entry_id IS NOT NULL AND channel IS NOT NULL AND channel_ref IS NOT NULL AND paid_at IS NOT NULL))
);
CREATE INDEX lingkaran_donations_campaign ON lingkaran_donations (campaign_id, paid_at) WHERE status = 'paid';
CREATE INDEX lingkaran_donations_donor ON lingkaran_donations (donor_id);

-- A worker proposed for funding: by an officer, a field agent or a community partner, or chosen by a
-- donor ("pekerja rentan pilihan"). Workers flagged vulnerable at registration need no proposal.
CREATE TABLE lingkaran_proposals (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  participant_id  bigint NOT NULL REFERENCES participants (id),
  campaign_id     bigint NOT NULL REFERENCES lingkaran_campaigns (id),
  source          text NOT NULL CHECK (source IN ('officer', 'agent', 'community', 'donor')),
  donor_id        bigint REFERENCES lingkaran_donors (id),
  reason          text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
  proposed_by     bigint REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (campaign_id, participant_id),
  CHECK ((source = 'donor') = (donor_id IS NOT NULL))
);

CREATE TABLE lingkaran_allocation_runs (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  campaign_id   bigint NOT NULL REFERENCES lingkaran_campaigns (id),
  first_month   date NOT NULL CHECK (extract(day FROM first_month) = 1),
  workers       integer NOT NULL DEFAULT 0,
  worker_months integer NOT NULL DEFAULT 0,
  amount        bigint NOT NULL DEFAULT 0,
  -- what the campaign held before the run that no eligible worker could use
  unused        bigint NOT NULL DEFAULT 0,
  entry_id      bigint REFERENCES journal_entries (id),
  started_by    bigint REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Each funded worker-month once, whatever runs overlap: the primary key is the guarantee.
CREATE TABLE lingkaran_funded_months (
  participant_id  bigint NOT NULL REFERENCES participants (id),
  month           date NOT NULL CHECK (extract(day FROM month) = 1),
  campaign_id     bigint NOT NULL REFERENCES lingkaran_campaigns (id),
  run_id          bigint NOT NULL REFERENCES lingkaran_allocation_runs (id),
  bill_id         bigint NOT NULL,
  amount          bigint NOT NULL CHECK (amount > 0),
  -- what the public sees instead of the worker: never a NIK, a name or a phone number
  pseudonym       text NOT NULL,
  region_code     text NOT NULL,
  occupation_code text,
  PRIMARY KEY (participant_id, month)
);
CREATE INDEX lingkaran_funded_months_campaign ON lingkaran_funded_months (campaign_id, month);
CREATE INDEX lingkaran_funded_months_run ON lingkaran_funded_months (run_id);

-- Which donation paid which worker-month (donations are used in the order they were paid): a donor's
-- page shows exactly what its money did. A worker-month may be shared by two donations.
CREATE TABLE lingkaran_funding (
  donation_id     bigint NOT NULL REFERENCES lingkaran_donations (id),
  participant_id  bigint NOT NULL,
  month           date NOT NULL,
  amount          bigint NOT NULL CHECK (amount > 0),
  PRIMARY KEY (donation_id, participant_id, month),
  FOREIGN KEY (participant_id, month) REFERENCES lingkaran_funded_months (participant_id, month)
);
CREATE INDEX lingkaran_funding_month ON lingkaran_funding (participant_id, month);

-- What a campaign could not use, per donation and per the campaign's unused_policy: moved to the
-- general pool (the money stays in the donations fund; the pool's runs may use it, still traced to the
-- donation) or refunded to the donor (a ledger entry out of the donations fund).
CREATE TABLE lingkaran_releases (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  donation_id  bigint NOT NULL REFERENCES lingkaran_donations (id),
  kind         text NOT NULL CHECK (kind IN ('to_pool', 'refund')),
  amount       bigint NOT NULL CHECK (amount > 0),
  entry_id     bigint REFERENCES journal_entries (id),
  decided_by   bigint REFERENCES users (id),
  note         text NOT NULL CHECK (length(note) BETWEEN 3 AND 500),
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- The salt of the workers' pseudonyms, made once per installation.
CREATE TABLE lingkaran_settings (
  one         boolean PRIMARY KEY DEFAULT true CHECK (one),
  pseudonym_salt text NOT NULL
);
INSERT INTO lingkaran_settings (pseudonym_salt) VALUES (md5(random()::text || clock_timestamp()::text));
