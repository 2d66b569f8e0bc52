-- A billing chunk writes each bill with its totals and its lines in one statement (billing-run.ts),
-- joining the employers, participants and branches it bills; nothing deletes bills or lines. So:
-- 1. no bill is ever "created but not yet filled": the index that found such bills goes;
-- 2. the per-row foreign-key checks on bills and bill_lines, which cost more than half of a run
--    (about 4 µs a row each), prove nothing the inserting statement does not already guarantee. They go,
--    and `lindung verify` (verify.ts) proves the same references over the whole tables, set-based.
-- 3. a payment code is a function of the bill's segment and id ('8', segment digit, 12-digit id, Luhn
--    check digit), so it is computed when read (bill_payment_code) rather than stored and indexed: it is
--    unique because the id is, and a channel that brings a code finds the bill by the id inside it.
DROP INDEX bills_unfinished;
-- each connection takes bill ids a thousand at a time (ids stay unique; they may skip)
ALTER TABLE bills ALTER COLUMN id SET CACHE 1000;
-- bills are inserted run after run, so a block-range index finds a run's bills at a fraction of the cost
DROP INDEX bills_run;
CREATE INDEX bills_run ON bills USING brin (run_id) WITH (pages_per_range = 16);
-- a worker's lines are found through their bills (BPU and PMI by participant, PU by the employers they
-- worked for) and then by (bill, participant): one index on bill_lines, growing at its end, instead of a
-- second one scattered by participant that every line of a run had to be sorted into
DROP INDEX bill_lines_bill;
DROP INDEX bill_lines_participant;
CREATE INDEX bill_lines_bill ON bill_lines (bill_id, participant_id);
ALTER TABLE bill_lines DROP CONSTRAINT bill_lines_bill_id_fkey, DROP CONSTRAINT bill_lines_rule_id_fkey;
ALTER TABLE bills
  DROP CONSTRAINT bills_run_id_fkey, DROP CONSTRAINT bills_employer_id_fkey, DROP CONSTRAINT bills_participant_id_fkey,
  DROP CONSTRAINT bills_branch_id_fkey, DROP CONSTRAINT bills_project_id_fkey, DROP CONSTRAINT bills_placement_id_fkey,
  DROP COLUMN payment_code;

CREATE FUNCTION bill_payment_code(segment text, id bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT b || ((10 - (substr(b, 1, 1)::int + translate(substr(b, 2, 1), '0123456789', '0246813579')::int + substr(b, 3, 1)::int + translate(substr(b, 4, 1), '0123456789', '0246813579')::int + substr(b, 5, 1)::int + translate(substr(b, 6, 1), '0123456789', '0246813579')::int + substr(b, 7, 1)::int + translate(substr(b, 8, 1), '0123456789', '0246813579')::int + substr(b, 9, 1)::int + translate(substr(b, 10, 1), '0123456789', '0246813579')::int + substr(b, 11, 1)::int + translate(substr(b, 12, 1), '0123456789', '0246813579')::int + substr(b, 13, 1)::int + translate(substr(b, 14, 1), '0123456789', '0246813579')::int) % 10) % 10)::text
  FROM (SELECT '8' || CASE segment WHEN 'PU' THEN '1' WHEN 'BPU' THEN '2' WHEN 'JAKON' THEN '3' ELSE '4' END || lpad(id::text, 12, '0') AS b) AS body
$$;

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
