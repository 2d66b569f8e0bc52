-- Messages to people (SMS, e-mail) are written here in the same transaction as the change that
-- causes them, and delivered afterwards: a rolled-back change never sends a message.
CREATE TABLE outbox_messages (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel     text NOT NULL CHECK (channel IN ('sms', 'email')),
  recipient   text NOT NULL,
  subject     text,
  body        text NOT NULL,
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts    integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  sent_at     timestamptz
);
CREATE INDEX outbox_messages_pending ON outbox_messages (id) WHERE status = 'pending';
