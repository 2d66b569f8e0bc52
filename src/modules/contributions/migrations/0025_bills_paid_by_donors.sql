-- GN Lingkaran (issue 6): a donor-funded worker's months are billed by the allocation run that funds
-- them, not by a monthly billing run, and the bill is paid in the same transaction from the donations
-- fund. Such a bill names no billing run; `issued_by` says which kind of run wrote it.
ALTER TABLE bills ALTER COLUMN run_id DROP NOT NULL;
ALTER TABLE bills ADD COLUMN issued_by text NOT NULL DEFAULT 'billing_run' CHECK (issued_by IN ('billing_run', 'lingkaran'));
ALTER TABLE bills ADD CONSTRAINT bills_run_or_lingkaran CHECK ((issued_by = 'billing_run') = (run_id IS NOT NULL));
-- the payment of such a bill comes from the donations fund, not from a bank channel
ALTER TABLE bill_payments DROP CONSTRAINT bill_payments_channel_check;
ALTER TABLE bill_payments ADD CONSTRAINT bill_payments_channel_check CHECK (channel IN ('virtual_account', 'qris', 'counter', 'import', 'donation'));
