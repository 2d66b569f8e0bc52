-- What an allocation run funded, which donation paid it, and what was released are never changed or
-- deleted: the public ledger and donors' pages are read from them. `lindung verify` (verify.ts) proves
-- they add up to the journal.
CREATE FUNCTION lingkaran_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'GN Lingkaran funding records are never changed or deleted (%)', TG_TABLE_NAME;
END $$;
CREATE TRIGGER lingkaran_funded_months_append_only BEFORE UPDATE OR DELETE ON lingkaran_funded_months
  FOR EACH STATEMENT EXECUTE FUNCTION lingkaran_is_append_only();
CREATE TRIGGER lingkaran_funding_append_only BEFORE UPDATE OR DELETE ON lingkaran_funding
  FOR EACH STATEMENT EXECUTE FUNCTION lingkaran_is_append_only();
CREATE TRIGGER lingkaran_releases_append_only BEFORE DELETE ON lingkaran_releases
  FOR EACH STATEMENT EXECUTE FUNCTION lingkaran_is_append_only();
