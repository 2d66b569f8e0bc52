-- A participant's own JHT account is opened when they join with JHT among their programs (every PU
-- worker, a BPU participant who chose it), as payers' receivables are (0034). A payment then finds it
-- there instead of opening it: an employer's first payment opened one per worker (46 on average in
-- the benchmark) and looked its postings' accounts up a second time. A payment still opens any account
-- it does not find (payment_record), so a participant who adds JHT later is credited all the same.
CREATE FUNCTION ledger_open_participant_accounts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_accounts (kind, participant_id, normal_side, keeps_balance)
  SELECT a.kind, n.id, ledger_normal_side(a.kind), true
  FROM joined AS n
  CROSS JOIN (VALUES ('receivable'), ('jht')) AS a(kind)
  WHERE (a.kind = 'receivable' AND n.segment IN ('BPU', 'PMI')) OR (a.kind = 'jht' AND 'JHT' = ANY (n.programs))
  ON CONFLICT (kind, coalesce(program, ''), coalesce(channel, ''), coalesce(employer_id, 0), coalesce(participant_id, 0)) DO NOTHING;
  RETURN NULL;
END $$;
DROP TRIGGER participants_open_receivable ON participants;
DROP FUNCTION ledger_open_participant_receivables();
CREATE TRIGGER participants_open_accounts AFTER INSERT ON participants
  REFERENCING NEW TABLE AS joined FOR EACH STATEMENT EXECUTE FUNCTION ledger_open_participant_accounts();

-- the participants who joined before this migration
INSERT INTO ledger_accounts (kind, participant_id, normal_side, keeps_balance)
SELECT 'jht', p.id, ledger_normal_side('jht'), true FROM participants p WHERE 'JHT' = ANY (p.programs)
ON CONFLICT (kind, coalesce(program, ''), coalesce(channel, ''), coalesce(employer_id, 0), coalesce(participant_id, 0)) DO NOTHING;
