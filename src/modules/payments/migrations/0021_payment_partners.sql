-- Banks that collect contributions by virtual account, in the style of Bank Indonesia's SNAP open API:
-- a partner asks for an access token with an RSA signature (its public key here), then signs every
-- inquiry and payment notification with HMAC-SHA512 under its client secret. Tokens are kept only as
-- their SHA-256; an X-EXTERNAL-ID is accepted once per partner and day (a replay is refused).
CREATE TABLE payment_partners (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  client_key      text NOT NULL UNIQUE,        -- X-CLIENT-KEY / X-PARTNER-ID
  name            text NOT NULL,
  partner_service_id text NOT NULL,            -- the bank's 8-character prefix of our virtual accounts
  public_key_pem  text NOT NULL,
  client_secret   text NOT NULL,
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE payment_partner_tokens (
  token_hash  text PRIMARY KEY,
  partner_id  bigint NOT NULL REFERENCES payment_partners (id),
  expires_at  timestamptz NOT NULL
);

CREATE TABLE payment_partner_requests (
  partner_id   bigint NOT NULL REFERENCES payment_partners (id),
  day          date NOT NULL,
  external_id  text NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (partner_id, day, external_id)
);
