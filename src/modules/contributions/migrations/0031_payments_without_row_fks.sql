-- A payment's rows (the payment and its allocations) are written by
-- payment_record (0024) from the bills it has just locked and the entry it has just posted, and by the
-- GN Lingkaran allocation run (donor-bills.ts) the same way. Their per-row foreign-key checks locked
-- those rows again (a WAL record each, three per allocation row) and proved nothing the writing
-- statement does not guarantee. They go, as the bills' went (0017); `lindung verify` (verify.ts) proves
-- the same references over the whole tables, set-based.
ALTER TABLE bill_payments
  DROP CONSTRAINT bill_payments_bill_id_fkey, DROP CONSTRAINT bill_payments_entry_id_fkey, DROP CONSTRAINT bill_payments_recorded_by_fkey;
ALTER TABLE payment_allocations
  DROP CONSTRAINT payment_allocations_payment_id_fkey, DROP CONSTRAINT payment_allocations_bill_id_fkey, DROP CONSTRAINT payment_allocations_entry_id_fkey;
