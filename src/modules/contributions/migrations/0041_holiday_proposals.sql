-- Maintaining the holiday calendar with maker-checker, as rule parameters are (0014): a due date moves
-- past a holiday, and with it when a fine starts, so one admin proposes adding or removing a day (with
-- the decree it comes from) and another admin approves or rejects it. An approval changes `holidays`;
-- bills keep the due date they were issued with.
CREATE TABLE holiday_proposals (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  action         text NOT NULL CHECK (action IN ('add', 'remove')),
  day            date NOT NULL,
  name_id        text,
  name_en        text,
  legal_basis    text NOT NULL CHECK (btrim(legal_basis) <> ''),
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  proposed_by    bigint NOT NULL REFERENCES users (id),
  proposed_at    timestamptz NOT NULL DEFAULT now(),
  decided_by     bigint REFERENCES users (id),
  decided_at     timestamptz,
  decision_note  text,
  CHECK (action = 'remove' OR (btrim(coalesce(name_id, '')) <> '' AND btrim(coalesce(name_en, '')) <> '')),
  CHECK (decided_by IS NULL OR decided_by <> proposed_by),
  CHECK (CASE status
    WHEN 'pending' THEN decided_by IS NULL AND decided_at IS NULL
    WHEN 'approved' THEN decided_by IS NOT NULL AND decided_at IS NOT NULL
    ELSE decided_by IS NOT NULL AND decided_at IS NOT NULL AND btrim(coalesce(decision_note, '')) <> ''
  END)
);
-- one open question per day at a time
CREATE UNIQUE INDEX holiday_proposals_one_pending ON holiday_proposals (day) WHERE status = 'pending';
CREATE INDEX holiday_proposals_status ON holiday_proposals (status, id DESC);
