-- A payer's receivable is opened when the payer joins: an employer when it is registered, a BPU or
-- migrant participant when their participation is. The monthly billing run then finds every payer's
-- account already there instead of opening hundreds of thousands of them in its chunks (each an
-- insert into two indexes under ON CONFLICT): on the benchmark's million participants the run took
-- about 15% less time. The run still opens any account it does not find (billing-run.ts), so a payer
-- whose participation changed segment, or an account missing for any other reason, is billed all the same.
CREATE FUNCTION ledger_open_employer_receivables() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_accounts (kind, employer_id, normal_side, keeps_balance)
  SELECT 'receivable', n.id, ledger_normal_side('receivable'), true FROM joined AS n
  ON CONFLICT (kind, coalesce(program, ''), coalesce(channel, ''), coalesce(employer_id, 0), coalesce(participant_id, 0)) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER employers_open_receivable AFTER INSERT ON employers
  REFERENCING NEW TABLE AS joined FOR EACH STATEMENT EXECUTE FUNCTION ledger_open_employer_receivables();

CREATE FUNCTION ledger_open_participant_receivables() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_accounts (kind, participant_id, normal_side, keeps_balance)
  SELECT 'receivable', n.id, ledger_normal_side('receivable'), true FROM joined AS n WHERE n.segment IN ('BPU', 'PMI')
  ON CONFLICT (kind, coalesce(program, ''), coalesce(channel, ''), coalesce(employer_id, 0), coalesce(participant_id, 0)) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER participants_open_receivable AFTER INSERT ON participants
  REFERENCING NEW TABLE AS joined FOR EACH STATEMENT EXECUTE FUNCTION ledger_open_participant_receivables();

-- the payers who joined before this migration
INSERT INTO ledger_accounts (kind, employer_id, normal_side, keeps_balance)
SELECT 'receivable', e.id, ledger_normal_side('receivable'), true FROM employers e
ON CONFLICT (kind, coalesce(program, ''), coalesce(channel, ''), coalesce(employer_id, 0), coalesce(participant_id, 0)) DO NOTHING;
INSERT INTO ledger_accounts (kind, participant_id, normal_side, keeps_balance)
SELECT 'receivable', p.id, ledger_normal_side('receivable'), true FROM participants p WHERE p.segment IN ('BPU', 'PMI')
ON CONFLICT (kind, coalesce(program, ''), coalesce(channel, ''), coalesce(employer_id, 0), coalesce(participant_id, 0)) DO NOTHING;
