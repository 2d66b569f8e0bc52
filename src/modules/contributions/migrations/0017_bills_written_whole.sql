-- A billing chunk now writes each bill with its totals and its lines in one statement, so no bill is
-- ever "created but not yet filled": the index that found such bills is no longer used.
DROP INDEX bills_unfinished;
