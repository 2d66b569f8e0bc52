-- A payment reversed (a bank recalls it, or it was recorded on the wrong bill): a row in bill_payments
-- that names the payment it reverses, with allocations that take back exactly what that payment's
-- allocations gave (negative amounts). What a bill still owes, its lines less all its allocations, is
-- then what it owed before; the bills reopen, and the journal has the payment's reversing entry. Once
-- per payment. A notification of the reversed payment delivered again still answers as it did.
ALTER TABLE bill_payments ADD COLUMN reverses_payment_id bigint;
CREATE UNIQUE INDEX bill_payments_one_reversal ON bill_payments (reverses_payment_id) WHERE reverses_payment_id IS NOT NULL;

CREATE DOMAIN allocation_amount AS bigint;
ALTER TABLE payment_allocations ALTER COLUMN amount TYPE allocation_amount;
ALTER DOMAIN allocation_amount ADD CONSTRAINT allocation_amount_check CHECK (VALUE <> 0);

-- How far a participant had paid before Lindung (migrated or seeded), kept apart from paid_through, which
-- payments move: a reversal takes coverage back to the latest bill still paid, never below this. Rows
-- without any paid BPU bill are all such coverage.
ALTER TABLE bpu_coverage ADD COLUMN legacy_through first_of_month;
UPDATE bpu_coverage c SET legacy_through = c.paid_through
WHERE NOT EXISTS (SELECT 1 FROM bills b WHERE b.participant_id = c.participant_id AND b.segment = 'BPU' AND b.status = 'paid');
