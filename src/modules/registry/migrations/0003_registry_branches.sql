-- Branch offices (kantor cabang) and the regencies and cities each one serves. Staff scoped to a
-- branch see the people and employers of those regencies.
CREATE TABLE branches (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code           text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9-]{2,20}$'),
  name           text NOT NULL,
  province_code  text NOT NULL REFERENCES regions (code),
  address        text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE branch_regencies (
  regency_code  text PRIMARY KEY REFERENCES regions (code),
  branch_id     bigint NOT NULL REFERENCES branches (id)
);
CREATE INDEX branch_regencies_branch ON branch_regencies (branch_id);
