-- Employers, their users, employments and wage history. Employer-scoped tables carry employer_id.
CREATE SEQUENCE npp_seq;
CREATE TABLE employers (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  npp              text NOT NULL UNIQUE CHECK (npp ~ '^\d{8,12}$'),
  legal_name       text NOT NULL CHECK (length(legal_name) BETWEEN 2 AND 200),
  search_name      text NOT NULL,
  sector           text NOT NULL,
  risk_class       smallint NOT NULL CHECK (risk_class BETWEEN 1 AND 5),
  size_class       text NOT NULL CHECK (size_class IN ('micro', 'small', 'medium', 'large')),
  address          text NOT NULL,
  village_code     text NOT NULL REFERENCES regions (code),
  regency_code     text NOT NULL,
  branch_id        bigint NOT NULL REFERENCES branches (id),
  -- PP 7/2025: labour-intensive industries may get the JKK discount (RULES.md §2.7)
  labor_intensive  boolean NOT NULL DEFAULT false,
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employers_search ON employers USING gin (search_name gin_trgm_ops);
CREATE INDEX employers_regency ON employers (regency_code);

CREATE TABLE employer_users (
  user_id      bigint PRIMARY KEY REFERENCES users (id),
  employer_id  bigint NOT NULL REFERENCES employers (id)
);
CREATE INDEX employer_users_employer ON employer_users (employer_id);

CREATE TABLE employments (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  employer_id     bigint NOT NULL REFERENCES employers (id),
  person_id       bigint NOT NULL REFERENCES people (id),
  participant_id  bigint NOT NULL REFERENCES participants (id),
  employee_ref    text,
  contract_type   text NOT NULL CHECK (contract_type IN ('PKWT', 'PKWTT')),
  start_date      date NOT NULL,
  end_date        date,
  end_reason      text CHECK (end_reason IN ('resignation', 'dismissal', 'contract_end', 'retirement', 'death')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR end_date >= start_date),
  CHECK ((end_date IS NULL) = (end_reason IS NULL))
);
CREATE UNIQUE INDEX employments_one_open ON employments (employer_id, person_id) WHERE end_date IS NULL;
CREATE INDEX employments_employer ON employments (employer_id, end_date);
CREATE INDEX employments_person ON employments (person_id);

CREATE TABLE wages (
  employment_id    bigint NOT NULL REFERENCES employments (id),
  employer_id      bigint NOT NULL,
  effective_month  date NOT NULL CHECK (extract(day FROM effective_month) = 1),
  wage             bigint NOT NULL CHECK (wage > 0),
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (employment_id, effective_month)
);
CREATE INDEX wages_employer ON wages (employer_id, effective_month);

-- Workforce files: validated whole into staging, reported, then applied in one transaction.
CREATE TABLE workforce_uploads (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  employer_id  bigint NOT NULL REFERENCES employers (id),
  file_name    text NOT NULL,
  file_sha256  text NOT NULL,
  format       text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  status       text NOT NULL CHECK (status IN ('rejected', 'validated', 'applied')),
  total_rows   integer NOT NULL,
  error_rows   integer NOT NULL,
  summary      jsonb NOT NULL DEFAULT '{}',
  uploaded_by  bigint REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  applied_at   timestamptz,
  UNIQUE (employer_id, file_sha256)
);

CREATE TABLE workforce_upload_rows (
  upload_id      bigint NOT NULL REFERENCES workforce_uploads (id),
  row_no         integer NOT NULL,
  nik            text NOT NULL,
  full_name      text NOT NULL,
  birth_date     date NOT NULL,
  sex            text NOT NULL,
  employee_ref   text,
  contract_type  text NOT NULL,
  start_date     date NOT NULL,
  wage           bigint NOT NULL,
  wage_month     date NOT NULL,
  end_date       date,
  end_reason     text,
  PRIMARY KEY (upload_id, row_no)
);

CREATE TABLE workforce_upload_errors (
  upload_id  bigint NOT NULL REFERENCES workforce_uploads (id),
  row_no     integer NOT NULL,
  field      text NOT NULL,
  rule       text NOT NULL,
  params     jsonb NOT NULL DEFAULT '{}',
  value      text
);
CREATE INDEX workforce_upload_errors_upload ON workforce_upload_errors (upload_id, row_no);
