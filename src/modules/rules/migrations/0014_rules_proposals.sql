-- Maker-checker for rule parameters: an admin proposes a new version of a parameter, another admin
-- approves it (which adds the rule_parameters row) or rejects it with a note. Nobody decides their
-- own proposal.
CREATE TABLE rule_proposals (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key              text NOT NULL CHECK (key ~ '^[a-z0-9_.]+$'),
  valid_from       date NOT NULL,
  value            numeric NOT NULL CHECK (value >= 0),
  unit             text NOT NULL CHECK (unit IN ('percent', 'rupiah', 'months', 'days', 'count')),
  legal_basis      text NOT NULL CHECK (btrim(legal_basis) <> ''),
  product_default  boolean NOT NULL DEFAULT false,
  note             text,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  proposed_by      bigint NOT NULL REFERENCES users (id),
  proposed_at      timestamptz NOT NULL DEFAULT now(),
  decided_by       bigint REFERENCES users (id),
  decided_at       timestamptz,
  decision_note    text,
  parameter_id     bigint UNIQUE REFERENCES rule_parameters (id),   -- the row an approval added
  CHECK (decided_by IS NULL OR decided_by <> proposed_by),
  CHECK (CASE status
    WHEN 'pending' THEN decided_by IS NULL AND decided_at IS NULL AND parameter_id IS NULL
    WHEN 'approved' THEN decided_by IS NOT NULL AND decided_at IS NOT NULL AND parameter_id IS NOT NULL
    ELSE decided_by IS NOT NULL AND decided_at IS NOT NULL AND parameter_id IS NULL AND btrim(coalesce(decision_note, '')) <> ''
  END)
);
CREATE INDEX rule_proposals_status ON rule_proposals (status, id DESC);
CREATE INDEX rule_proposals_key ON rule_proposals (key, id DESC);

-- One version per key and start day, and at most one open version per key.
CREATE UNIQUE INDEX rule_parameters_key_from ON rule_parameters (key, valid_from);
CREATE UNIQUE INDEX rule_parameters_one_open ON rule_parameters (key) WHERE valid_to IS NULL;

-- Rows that fed a calculation are never changed in place: the only change allowed is ending a
-- version (setting or moving valid_to earlier) when the next one starts. Nothing is deleted.
CREATE FUNCTION rule_parameters_only_close() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'rule_parameters rows are never deleted';
  END IF;
  IF (NEW.id, NEW.key, NEW.valid_from, NEW.value, NEW.unit, NEW.legal_basis, NEW.product_default, NEW.note, NEW.created_at)
     IS DISTINCT FROM (OLD.id, OLD.key, OLD.valid_from, OLD.value, OLD.unit, OLD.legal_basis, OLD.product_default, OLD.note, OLD.created_at)
     OR NEW.valid_to IS NULL
     OR (OLD.valid_to IS NOT NULL AND NEW.valid_to > OLD.valid_to) THEN
    RAISE EXCEPTION 'rule_parameters rows only ever get an earlier valid_to (rule parameter %)', OLD.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER rule_parameters_only_close BEFORE UPDATE OR DELETE ON rule_parameters
  FOR EACH ROW EXECUTE FUNCTION rule_parameters_only_close();
