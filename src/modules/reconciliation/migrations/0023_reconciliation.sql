-- Reconciliation (issue 5): a partner bank's daily statement, imported once, each credit line matched
-- to the payment its notification recorded; what does not match goes to an exceptions queue that one
-- officer proposes to settle and a second officer approves (maker-checker) before anything is posted.
CREATE TABLE bank_statements (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  partner_id    bigint NOT NULL REFERENCES payment_partners (id),
  channel       text NOT NULL CHECK (channel IN ('virtual_account', 'qris')),
  statement_ref text NOT NULL,
  account       text NOT NULL,
  business_date date NOT NULL,
  format        text NOT NULL CHECK (format IN ('camt.053', 'csv')),
  file_sha256   text NOT NULL,
  lines         integer NOT NULL,
  matched       integer NOT NULL,
  exceptions    integer NOT NULL,
  imported_by   bigint REFERENCES users (id),
  imported_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (partner_id, statement_ref)
);

CREATE TABLE statement_lines (
  statement_id  bigint NOT NULL REFERENCES bank_statements (id),
  line_no       integer NOT NULL,
  bank_ref      text NOT NULL,
  booking_date  date NOT NULL,
  amount        bigint NOT NULL CHECK (amount > 0),
  direction     text NOT NULL CHECK (direction IN ('credit', 'debit')),
  payment_code  text,
  channel_tx_id text,
  description   text NOT NULL,
  status        text NOT NULL CHECK (status IN ('matched', 'exception', 'ignored')),
  payment_id    bigint REFERENCES bill_payments (id),
  PRIMARY KEY (statement_id, line_no)
);
-- a payment is matched by one statement line at most
CREATE UNIQUE INDEX statement_lines_payment ON statement_lines (payment_id) WHERE payment_id IS NOT NULL;

CREATE TABLE reconciliation_exceptions (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  statement_id  bigint NOT NULL,
  line_no       integer NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('missing_notification', 'unknown_code', 'amount_mismatch', 'duplicate')),
  detail        text NOT NULL,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'proposed', 'resolved')),
  action        text CHECK (action IN ('post_payment', 'no_posting')),
  bill_id       bigint REFERENCES bills (id),
  note          text,
  proposed_by   bigint REFERENCES users (id),
  proposed_at   timestamptz,
  decided_by    bigint REFERENCES users (id),
  decided_at    timestamptz,
  payment_id    bigint REFERENCES bill_payments (id),
  FOREIGN KEY (statement_id, line_no) REFERENCES statement_lines (statement_id, line_no),
  UNIQUE (statement_id, line_no),
  CHECK (decided_by IS NULL OR decided_by <> proposed_by)
);
CREATE INDEX reconciliation_exceptions_open ON reconciliation_exceptions (status, id) WHERE status <> 'resolved';
