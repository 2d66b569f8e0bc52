-- 256 stripes instead of 16 (audit.ts STRIPES). Each stripe's head is held from the event's insert to
-- the commit, and a commit waits for its WAL flush; with 16 stripes, eight concurrent payments shared a
-- head most of the time and queued behind each other's flush. An event's stripe is the first byte of
-- sha256(entity) mod STRIPES, so the events already written stay on their chains (stripe < 16), which
-- simply go on; the new stripes start from the genesis hash.
ALTER TABLE audit_chain_heads DROP CONSTRAINT audit_chain_heads_stripe_check;
ALTER TABLE audit_chain_heads ADD CHECK (stripe BETWEEN 0 AND 255);
INSERT INTO audit_chain_heads (stripe, seq, hash)
SELECT s, 0, repeat('0', 64) FROM generate_series(16, 255) AS s;

-- the stripe of an entity's events, as stripeOf (audit.ts) computes it
CREATE FUNCTION audit_stripe(p_entity_type text, p_entity_id text) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT get_byte(sha256(convert_to(p_entity_type || ':' || p_entity_id, 'UTF8')), 0) % 256
$$;
