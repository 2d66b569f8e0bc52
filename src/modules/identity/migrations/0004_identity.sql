-- Users, their sessions (cookie or bearer token, stored only as a hash) and one-time codes.
CREATE TABLE users (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username            text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  display_name        text NOT NULL,
  role                text NOT NULL CHECK (role IN ('participant', 'employer_admin', 'agent', 'donor', 'officer',
                                                   'supervisor', 'case_manager', 'auditor', 'admin')),
  branch_id           bigint REFERENCES branches (id),
  region_codes        text[] NOT NULL DEFAULT '{}',
  email               text UNIQUE,
  phone               text UNIQUE,
  password_hash       text,
  failed_login_count  integer NOT NULL DEFAULT 0,
  locked_until        timestamptz,
  is_demo             boolean NOT NULL DEFAULT false,
  disabled_at         timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash   text NOT NULL UNIQUE,
  user_id      bigint NOT NULL REFERENCES users (id),
  kind         text NOT NULL CHECK (kind IN ('cookie', 'bearer')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE one_time_codes (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users (id),
  channel      text NOT NULL CHECK (channel IN ('sms', 'email')),
  code_hash    text NOT NULL,
  attempts     integer NOT NULL DEFAULT 0,
  expires_at   timestamptz NOT NULL,
  consumed_at  timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX one_time_codes_user ON one_time_codes (user_id, created_at DESC);
