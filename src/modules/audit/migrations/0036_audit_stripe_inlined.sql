-- As ledger_stripe (0035): audit_stripe reads convert_to (STABLE), so declared IMMUTABLE it was parsed
-- and planned at every call; STABLE, it is inlined. The heads' stripe rule becomes the domain of 0035.
ALTER FUNCTION audit_stripe(text, text) STABLE;
ALTER TABLE audit_chain_heads ALTER COLUMN stripe TYPE chain_stripe, DROP CONSTRAINT audit_chain_heads_stripe_check;
