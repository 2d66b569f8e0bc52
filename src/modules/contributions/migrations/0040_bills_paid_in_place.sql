-- A payment changes a bill's paid amount and status in place. bills_open (0016) indexed the status,
-- so PostgreSQL could never update a bill in place (a heap-only update): every payment wrote a new
-- entry into each of the bill's indexes, and every bill a billing run issued one entry more. Nothing
-- needs it: open bills are found by their payer (bills_bpu_once, bills_employer) and the lists of
-- overdue bills filter by payer, run or branch as well. Pages are left a tenth empty, so the new
-- version of a bill being paid fits beside the old one.
DROP INDEX bills_open;
ALTER TABLE bills SET (fillfactor = 90);
