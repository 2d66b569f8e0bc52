-- Where each payment went (RULES.md §3): per bill, line group (kind, month, program, payer, worker) and
-- amount, written with the payment's journal entry, so the payer sees exactly what a payment paid and a
-- bill knows what of it is still owed. What a payment paid beyond what was owed stays the payer's credit
-- (a credit balance on their receivable in the ledger).
CREATE TABLE payment_allocations (
  payment_id     bigint NOT NULL REFERENCES bill_payments (id),
  bill_id        bigint NOT NULL REFERENCES bills (id),
  kind           text NOT NULL CHECK (kind IN ('contribution', 'fine')),
  month          date NOT NULL,
  program        text NOT NULL,
  payer          text NOT NULL CHECK (payer IN ('employer', 'worker', 'participant')),
  participant_id bigint,
  amount         bigint NOT NULL CHECK (amount > 0),
  entry_id       bigint NOT NULL REFERENCES journal_entries (id)
);
CREATE INDEX payment_allocations_payment ON payment_allocations (payment_id);
CREATE INDEX payment_allocations_bill ON payment_allocations (bill_id);

ALTER TABLE bill_payments ADD COLUMN entry_id bigint REFERENCES journal_entries (id);
ALTER TABLE bill_payments ADD COLUMN credit_amount bigint NOT NULL DEFAULT 0 CHECK (credit_amount >= 0);
