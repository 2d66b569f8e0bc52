-- Append-only audit log. Events are hash-chained in 16 stripes (chosen by entity) so that concurrent
-- changes to different people do not queue behind one lock; each stripe's head row records the last
-- sequence and hash, so deleting the newest event is detected as surely as editing an old one.
CREATE TABLE audit_chain_heads (
  stripe  smallint PRIMARY KEY CHECK (stripe BETWEEN 0 AND 15),
  seq     bigint NOT NULL,
  hash    text NOT NULL
);
INSERT INTO audit_chain_heads (stripe, seq, hash)
SELECT s, 0, repeat('0', 64) FROM generate_series(0, 15) AS s;

CREATE TABLE audit_events (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stripe         smallint NOT NULL,
  seq            bigint NOT NULL,
  at             timestamptz NOT NULL,
  actor_user_id  bigint,
  actor_role     text,
  action         text NOT NULL,
  entity_type    text NOT NULL,
  entity_id      text NOT NULL,
  changes        jsonb NOT NULL DEFAULT '{}',
  request_id     text,
  prev_hash      text NOT NULL,
  hash           text NOT NULL,
  UNIQUE (stripe, seq)
);
CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id, id);
CREATE INDEX audit_events_actor ON audit_events (actor_user_id, id);

CREATE FUNCTION audit_events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END $$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_are_append_only();
