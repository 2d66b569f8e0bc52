-- A billing chunk writes each bill with its totals and its lines in one statement (billing-run.ts),
-- joining the employers, participants and branches it bills; nothing deletes bills or lines. So:
-- 1. no bill is ever "created but not yet filled": the index that found such bills goes;
-- 2. the per-row foreign-key checks on bills and bill_lines, which cost more than half of a run
--    (about 4 µs a row each), prove nothing the inserting statement does not already guarantee. They go,
--    and `lindung verify` (verify.ts) proves the same references over the whole tables, set-based.
-- 3. a payment code embeds its bill's id ('8', segment digit, 12-digit id, check digit): tying the code
--    to the id makes it unique through the primary key, without an index of its own; a channel that
--    brings a code finds the bill by the id inside it.
DROP INDEX bills_unfinished;
ALTER TABLE bill_lines DROP CONSTRAINT bill_lines_bill_id_fkey, DROP CONSTRAINT bill_lines_rule_id_fkey;
ALTER TABLE bills
  DROP CONSTRAINT bills_run_id_fkey, DROP CONSTRAINT bills_employer_id_fkey, DROP CONSTRAINT bills_participant_id_fkey,
  DROP CONSTRAINT bills_branch_id_fkey, DROP CONSTRAINT bills_project_id_fkey, DROP CONSTRAINT bills_placement_id_fkey,
  DROP CONSTRAINT bills_payment_code_key,
  ADD CONSTRAINT bills_payment_code_embeds_id CHECK (substr(payment_code, 3, 12)::bigint = id);

CREATE FUNCTION bill_lines_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'bill lines are never changed or deleted; a correction is a new bill';
END $$;
CREATE TRIGGER bill_lines_immutable BEFORE UPDATE OR DELETE ON bill_lines
  FOR EACH STATEMENT EXECUTE FUNCTION bill_lines_are_immutable();

CREATE FUNCTION bills_are_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'bills are never deleted; an unpaid bill expires';
END $$;
CREATE TRIGGER bills_never_deleted BEFORE DELETE ON bills
  FOR EACH STATEMENT EXECUTE FUNCTION bills_are_never_deleted();
