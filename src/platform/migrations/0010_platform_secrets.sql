-- Server secrets (e.g. the key that signs the QR code on a participant's card), made on first use and
-- shared by every process on this database. LINDUNG_SECRET_<NAME> in the environment overrides a row.
CREATE TABLE app_secrets (
  name        text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_]{0,62}$'),
  value       text NOT NULL CHECK (length(value) >= 32),
  created_at  timestamptz NOT NULL DEFAULT now()
);
