-- Contributions: the holiday calendar for due dates, BPU payment plans, construction projects and
-- migrant-worker placements to bill, the monthly billing runs, bills with their lines, and the
-- payments that settle them (the ledger of issue 5 posts from these).

-- Non-working days besides Saturday and Sunday. Maintained by administrators; seeded with the national
-- holidays of SKB 3 Menteri for 2025 and 2026 (collective leave days are not holidays for payments).
CREATE TABLE holidays (
  day          date PRIMARY KEY,
  name_id      text NOT NULL,
  name_en      text NOT NULL,
  legal_basis  text NOT NULL
);
INSERT INTO holidays (day, name_id, name_en, legal_basis) VALUES
  ('2025-01-01', 'Tahun Baru 2025 Masehi', 'New Year''s Day', 'SKB 3 Menteri 2025'),
  ('2025-01-27', 'Isra Mikraj Nabi Muhammad SAW', 'Isra and Mi''raj', 'SKB 3 Menteri 2025'),
  ('2025-01-29', 'Tahun Baru Imlek 2576 Kongzili', 'Chinese New Year', 'SKB 3 Menteri 2025'),
  ('2025-03-29', 'Hari Suci Nyepi Tahun Baru Saka 1947', 'Nyepi (Balinese New Year)', 'SKB 3 Menteri 2025'),
  ('2025-03-31', 'Idul Fitri 1446 Hijriah', 'Eid al-Fitr', 'SKB 3 Menteri 2025'),
  ('2025-04-01', 'Idul Fitri 1446 Hijriah', 'Eid al-Fitr', 'SKB 3 Menteri 2025'),
  ('2025-04-18', 'Wafat Yesus Kristus', 'Good Friday', 'SKB 3 Menteri 2025'),
  ('2025-04-20', 'Kebangkitan Yesus Kristus (Paskah)', 'Easter Sunday', 'SKB 3 Menteri 2025'),
  ('2025-05-01', 'Hari Buruh Internasional', 'Labour Day', 'SKB 3 Menteri 2025'),
  ('2025-05-12', 'Hari Raya Waisak 2569 BE', 'Vesak Day', 'SKB 3 Menteri 2025'),
  ('2025-05-29', 'Kenaikan Yesus Kristus', 'Ascension Day', 'SKB 3 Menteri 2025'),
  ('2025-06-01', 'Hari Lahir Pancasila', 'Pancasila Day', 'SKB 3 Menteri 2025'),
  ('2025-06-06', 'Idul Adha 1446 Hijriah', 'Eid al-Adha', 'SKB 3 Menteri 2025'),
  ('2025-06-27', 'Tahun Baru Islam 1447 Hijriah', 'Islamic New Year', 'SKB 3 Menteri 2025'),
  ('2025-08-17', 'Hari Kemerdekaan Republik Indonesia', 'Independence Day', 'SKB 3 Menteri 2025'),
  ('2025-09-05', 'Maulid Nabi Muhammad SAW', 'Prophet Muhammad''s Birthday', 'SKB 3 Menteri 2025'),
  ('2025-12-25', 'Hari Raya Natal', 'Christmas Day', 'SKB 3 Menteri 2025'),
  ('2026-01-01', 'Tahun Baru 2026 Masehi', 'New Year''s Day', 'SKB 3 Menteri 2026'),
  ('2026-01-16', 'Isra Mikraj Nabi Muhammad SAW', 'Isra and Mi''raj', 'SKB 3 Menteri 2026'),
  ('2026-02-17', 'Tahun Baru Imlek 2577 Kongzili', 'Chinese New Year', 'SKB 3 Menteri 2026'),
  ('2026-03-19', 'Hari Suci Nyepi Tahun Baru Saka 1948', 'Nyepi (Balinese New Year)', 'SKB 3 Menteri 2026'),
  ('2026-03-21', 'Idul Fitri 1447 Hijriah', 'Eid al-Fitr', 'SKB 3 Menteri 2026'),
  ('2026-03-22', 'Idul Fitri 1447 Hijriah', 'Eid al-Fitr', 'SKB 3 Menteri 2026'),
  ('2026-04-03', 'Wafat Yesus Kristus', 'Good Friday', 'SKB 3 Menteri 2026'),
  ('2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)', 'Easter Sunday', 'SKB 3 Menteri 2026'),
  ('2026-05-01', 'Hari Buruh Internasional', 'Labour Day', 'SKB 3 Menteri 2026'),
  ('2026-05-14', 'Kenaikan Yesus Kristus', 'Ascension Day', 'SKB 3 Menteri 2026'),
  ('2026-05-27', 'Idul Adha 1447 Hijriah', 'Eid al-Adha', 'SKB 3 Menteri 2026'),
  ('2026-05-31', 'Hari Raya Waisak 2570 BE', 'Vesak Day', 'SKB 3 Menteri 2026'),
  ('2026-06-01', 'Hari Lahir Pancasila', 'Pancasila Day', 'SKB 3 Menteri 2026'),
  ('2026-06-16', 'Tahun Baru Islam 1448 Hijriah', 'Islamic New Year', 'SKB 3 Menteri 2026'),
  ('2026-08-17', 'Hari Kemerdekaan Republik Indonesia', 'Independence Day', 'SKB 3 Menteri 2026'),
  ('2026-08-25', 'Maulid Nabi Muhammad SAW', 'Prophet Muhammad''s Birthday', 'SKB 3 Menteri 2026'),
  ('2026-12-25', 'Hari Raya Natal', 'Christmas Day', 'SKB 3 Menteri 2026');

-- How many months a BPU participant pays at once (absent: 1).
CREATE TABLE bpu_payment_plans (
  participant_id  bigint PRIMARY KEY REFERENCES participants (id),
  months          smallint NOT NULL CHECK (months IN (1, 3, 6, 12)),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- The last month a BPU participant is paid through: moved forward by payments, seeded for
-- participants who paid before Lindung (legacy); the status (active, arrears, lapsed) follows from it.
CREATE TABLE bpu_coverage (
  participant_id  bigint PRIMARY KEY REFERENCES participants (id),
  paid_through    date NOT NULL CHECK (extract(day FROM paid_through) = 1),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Construction projects (Jakon) whose wages are unknown: billed once on the contract value before VAT.
CREATE TABLE construction_projects (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  employer_id     bigint NOT NULL REFERENCES employers (id),
  name            text NOT NULL CHECK (length(name) BETWEEN 3 AND 200),
  contract_value  bigint NOT NULL CHECK (contract_value > 0),
  start_month     date NOT NULL CHECK (extract(day FROM start_month) = 1),
  end_month       date NOT NULL CHECK (end_month >= start_month AND extract(day FROM end_month) = 1),
  village_code    text NOT NULL REFERENCES regions (code),
  created_by      bigint REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX construction_projects_employer ON construction_projects (employer_id);

-- Migrant workers (PMI): one placement, billed once with its package (pre-placement, during and after work).
CREATE TABLE migrant_placements (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  participant_id   bigint NOT NULL REFERENCES participants (id),
  destination      text NOT NULL CHECK (length(destination) BETWEEN 2 AND 80),
  contract_months  smallint NOT NULL CHECK (contract_months BETWEEN 1 AND 120),
  start_month      date NOT NULL CHECK (extract(day FROM start_month) = 1),
  created_by       bigint REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX migrant_placements_participant ON migrant_placements (participant_id);

-- One run per contribution month. Re-running a completed period changes nothing; a run that stopped
-- half-way resumes where it was, because every chunk commits bills together with their lines.
CREATE TABLE billing_runs (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  period       date NOT NULL UNIQUE CHECK (extract(day FROM period) = 1),
  as_of        date NOT NULL,                 -- issue date: late fines are counted up to here
  status       text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  step         text NOT NULL DEFAULT 'start',
  done         integer NOT NULL DEFAULT 0,   -- units of work done (employers, participants, projects, placements)
  total        integer NOT NULL DEFAULT 0,
  counts       jsonb NOT NULL DEFAULT '{}',
  error        text,
  lease_until  timestamptz,                   -- a worker holds the run until then and renews it per chunk
  started_by   bigint REFERENCES users (id),
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);

CREATE TABLE bills (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id              bigint NOT NULL REFERENCES billing_runs (id),
  segment             text NOT NULL CHECK (segment IN ('PU', 'BPU', 'JAKON', 'PMI')),
  period              date NOT NULL CHECK (extract(day FROM period) = 1),   -- first contribution month
  months              smallint NOT NULL DEFAULT 1 CHECK (months BETWEEN 1 AND 120),
  employer_id         bigint REFERENCES employers (id),
  participant_id      bigint REFERENCES participants (id),
  project_id          bigint REFERENCES construction_projects (id),
  placement_id        bigint REFERENCES migrant_placements (id),
  branch_id           bigint NOT NULL REFERENCES branches (id),
  payment_code        text NOT NULL UNIQUE CHECK (payment_code ~ '^\d{15}$'),
  issued_on           date NOT NULL,
  due_date            date NOT NULL,
  contribution_amount bigint NOT NULL DEFAULT 0 CHECK (contribution_amount >= 0),
  fine_amount         bigint NOT NULL DEFAULT 0 CHECK (fine_amount >= 0),
  total_amount        bigint NOT NULL DEFAULT 0 CHECK (total_amount = contribution_amount + fine_amount),
  employer_amount     bigint NOT NULL DEFAULT 0,
  worker_amount       bigint NOT NULL DEFAULT 0,
  participant_amount  bigint NOT NULL DEFAULT 0,
  lines               integer NOT NULL DEFAULT 0,
  paid_amount         bigint NOT NULL DEFAULT 0 CHECK (paid_amount >= 0),
  paid_at             timestamptz,              -- when the bill was paid in full (the last payment)
  status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'expired')),
  created_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (segment <> 'PU' OR employer_id IS NOT NULL),
  CHECK (segment <> 'BPU' OR participant_id IS NOT NULL),
  CHECK (segment <> 'JAKON' OR project_id IS NOT NULL),
  CHECK (segment <> 'PMI' OR placement_id IS NOT NULL)
);
-- what makes a run idempotent: one bill per employer and month, per BPU participant and first month,
-- per project, per placement
CREATE UNIQUE INDEX bills_pu_once ON bills (employer_id, period) WHERE segment = 'PU';
CREATE UNIQUE INDEX bills_bpu_once ON bills (participant_id, period) WHERE segment = 'BPU';
CREATE UNIQUE INDEX bills_jakon_once ON bills (project_id) WHERE segment = 'JAKON';
CREATE UNIQUE INDEX bills_pmi_once ON bills (placement_id) WHERE segment = 'PMI';
CREATE INDEX bills_run ON bills (run_id);
-- bills a chunk has created but not yet filled with lines: the chunk's own, found without scanning the run
CREATE INDEX bills_unfinished ON bills (run_id, segment) WHERE lines = 0;
CREATE INDEX bills_open ON bills (status, due_date) WHERE status = 'open';
CREATE INDEX bills_employer ON bills (employer_id, period) WHERE employer_id IS NOT NULL;

-- A line: one participant, month, program and payer (or a fine on an earlier bill). base × rate% is
-- rounded half up on its own (D1); a flat amount has no rate. Lines are written with their bill in
-- one transaction and never changed.
CREATE TABLE bill_lines (
  bill_id         bigint NOT NULL REFERENCES bills (id),
  participant_id  bigint,                 -- NULL on contract-value and fine lines
  month           date NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('contribution', 'fine')),
  program         text NOT NULL CHECK (program IN ('JKK', 'JKM', 'JHT', 'JP', 'JKK+JKM')),
  payer           text NOT NULL CHECK (payer IN ('employer', 'worker', 'participant')),
  phase           text CHECK (phase IN ('pre_placement', 'during_after', 'extra_months')),
  base            bigint,
  rate            numeric,
  amount          bigint NOT NULL CHECK (amount >= 0),
  rule_id         bigint NOT NULL REFERENCES rule_parameters (id),
  source_bill_id  bigint,                 -- fine lines: the bill paid late
  fine_months     smallint                -- fine lines: months of delay charged by this line
);
CREATE INDEX bill_lines_bill ON bill_lines (bill_id);
CREATE INDEX bill_lines_participant ON bill_lines (participant_id, month) WHERE participant_id IS NOT NULL;
CREATE INDEX bill_lines_fines ON bill_lines (source_bill_id) WHERE source_bill_id IS NOT NULL;

-- A payment on a bill from a channel, once per channel transaction (issue 5 posts it to the ledger).
CREATE TABLE bill_payments (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  bill_id      bigint NOT NULL REFERENCES bills (id),
  amount       bigint NOT NULL CHECK (amount > 0),
  paid_at      timestamptz NOT NULL,
  channel      text NOT NULL CHECK (channel IN ('virtual_account', 'qris', 'counter', 'import')),
  channel_ref  text NOT NULL,
  recorded_by  bigint REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (channel, channel_ref)
);
CREATE INDEX bill_payments_bill ON bill_payments (bill_id);
