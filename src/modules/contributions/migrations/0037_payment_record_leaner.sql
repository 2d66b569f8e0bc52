-- The payment's own tables keep their one-column rules as domains, as the journal's do (0035): their
-- CHECK constraints were read back and planned again by each of a payment's statements.
CREATE DOMAIN bill_segment AS text;
CREATE DOMAIN bill_status AS text;
CREATE DOMAIN bill_issuer AS text;
CREATE DOMAIN bill_months AS smallint;
CREATE DOMAIN first_of_month AS date;
CREATE DOMAIN payment_channel AS text;
CREATE DOMAIN allocation_kind AS text;
CREATE DOMAIN bill_payer AS text;

ALTER TABLE bills ALTER COLUMN segment TYPE bill_segment, ALTER COLUMN status TYPE bill_status, ALTER COLUMN issued_by TYPE bill_issuer,
  ALTER COLUMN period TYPE first_of_month, ALTER COLUMN months TYPE bill_months, ALTER COLUMN contribution_amount TYPE rupiah_not_negative,
  ALTER COLUMN fine_amount TYPE rupiah_not_negative, ALTER COLUMN paid_amount TYPE rupiah_not_negative,
  DROP CONSTRAINT bills_segment_check, DROP CONSTRAINT bills_status_check, DROP CONSTRAINT bills_issued_by_check, DROP CONSTRAINT bills_period_check,
  DROP CONSTRAINT bills_months_check, DROP CONSTRAINT bills_contribution_amount_check, DROP CONSTRAINT bills_fine_amount_check,
  DROP CONSTRAINT bills_paid_amount_check;
ALTER TABLE bill_payments ALTER COLUMN amount TYPE rupiah_positive, ALTER COLUMN credit_amount TYPE rupiah_not_negative, ALTER COLUMN channel TYPE payment_channel,
  DROP CONSTRAINT bill_payments_amount_check, DROP CONSTRAINT bill_payments_credit_amount_check, DROP CONSTRAINT bill_payments_channel_check;
ALTER TABLE payment_allocations ALTER COLUMN amount TYPE rupiah_positive, ALTER COLUMN kind TYPE allocation_kind, ALTER COLUMN payer TYPE bill_payer,
  DROP CONSTRAINT payment_allocations_amount_check, DROP CONSTRAINT payment_allocations_kind_check, DROP CONSTRAINT payment_allocations_payer_check;
ALTER TABLE bpu_coverage ALTER COLUMN paid_through TYPE first_of_month, DROP CONSTRAINT bpu_coverage_paid_through_check;

ALTER DOMAIN bill_segment ADD CONSTRAINT bill_segment_check CHECK (VALUE IN ('PU', 'BPU', 'JAKON', 'PMI'));
ALTER DOMAIN bill_status ADD CONSTRAINT bill_status_check CHECK (VALUE IN ('open', 'paid', 'expired'));
ALTER DOMAIN bill_issuer ADD CONSTRAINT bill_issuer_check CHECK (VALUE IN ('billing_run', 'lingkaran'));
ALTER DOMAIN bill_months ADD CONSTRAINT bill_months_check CHECK (VALUE BETWEEN 1 AND 120);
ALTER DOMAIN first_of_month ADD CONSTRAINT first_of_month_check CHECK (extract(day FROM VALUE) = 1);
ALTER DOMAIN payment_channel ADD CONSTRAINT payment_channel_check CHECK (VALUE IN ('virtual_account', 'qris', 'counter', 'import', 'donation'));
ALTER DOMAIN allocation_kind ADD CONSTRAINT allocation_kind_check CHECK (VALUE IN ('contribution', 'fine'));
ALTER DOMAIN bill_payer ADD CONSTRAINT bill_payer_check CHECK (VALUE IN ('employer', 'worker', 'participant'));

-- payment_record (0029) with fewer and simpler statements, measured with callgrind on one connection
-- (bench/README.md): what is owed is one aggregate over the bills' lines less what payments took; each
-- account is looked up once per account and side; the payment row is written with its entry's id (no
-- second write); the payment, its allocations, postings, balances, bills and coverage are one statement,
-- the kept balances among them named by the account lookup and the bills' amounts by the allocation.
CREATE OR REPLACE FUNCTION payment_record(p_bill_id bigint, p_amount numeric, p_paid_at timestamptz, p_day date, p_channel text, p_channel_ref text,
                               p_actor bigint, p_role text, p_status_by_caller boolean)
RETURNS jsonb LANGUAGE plpgsql
-- Every statement here, and every foreign-key check it fires, finds its rows by key. Its plans are made
-- once per connection and kept: planned while the payment tables are still small they would scan them
-- whole, and keep doing so as they grow (until an ANALYZE); planning every call costs a quarter of the time.
SET enable_seqscan = off SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  v_bill record;            -- the bill named: id, segment, employer_id, participant_id, period, months
  v_status text;            -- its status, total and paid amount as locked
  v_total_amount bigint;
  v_paid_amount bigint;
  v_open bigint[];
  v_valid boolean := coalesce(p_amount = trunc(p_amount) AND p_amount > 0 AND p_amount <= 9007199254740991, false);
  v_amount bigint := CASE WHEN v_valid THEN p_amount ELSE 1 END;   -- allocated while the amount is checked
  v_owed record;
  v_employer bigint;
  v_participant bigint;
  v_entry_of record;
  v_key text := 'payment:' || p_channel || ':' || p_channel_ref;
  v_reason text := 'pembayaran / payment ' || p_channel || ' ' || p_channel_ref;
  v_ledger_stripe int := ledger_stripe(v_key);
  v_entry bigint;
  v_payment bigint;
  v_after_paid bigint;
  v_after_status text;
  v_status_ids bigint[];
  v_changes text;
  v_covered boolean;        -- a BPU bill paid in full: the participant's paid-through month moves
BEGIN
  -- A PU payment pays the employer's open PU bills oldest month first; any other the bill it names.
  -- Locked in id order, so two payments of one payer wait for each other instead of deadlocking.
  SELECT b.id, b.segment, b.employer_id, b.participant_id, b.period, b.months, b.status, b.total_amount, b.paid_amount INTO v_bill
  FROM bills b WHERE b.id = p_bill_id AND b.segment <> 'PU' FOR UPDATE;
  IF FOUND THEN
    v_status := v_bill.status;
    v_total_amount := v_bill.total_amount;
    v_paid_amount := v_bill.paid_amount;
    v_open := CASE WHEN v_status = 'open' THEN ARRAY[v_bill.id] ELSE '{}' END;
  ELSE
    SELECT b.id, b.segment, b.employer_id, b.participant_id, b.period, b.months INTO v_bill FROM bills b WHERE b.id = p_bill_id;
    IF NOT FOUND THEN RETURN jsonb_build_object('error', 'bill_not_found'); END IF;
    -- the rows as locked (a payment that held them first may have paid some)
    SELECT coalesce(array_agg(l.id ORDER BY l.id) FILTER (WHERE l.status = 'open'), '{}'), max(l.status) FILTER (WHERE l.id = v_bill.id),
           max(l.total_amount) FILTER (WHERE l.id = v_bill.id), max(l.paid_amount) FILTER (WHERE l.id = v_bill.id)
    INTO v_open, v_status, v_total_amount, v_paid_amount
    FROM (SELECT b.id, b.status, b.total_amount, b.paid_amount FROM bills b
          WHERE (b.employer_id = v_bill.employer_id AND b.segment = 'PU' AND b.status = 'open') OR b.id = v_bill.id ORDER BY b.id FOR UPDATE) AS l;
  END IF;

  -- After the bills are locked (so two deliveries of a reference take turns): the reference's earlier
  -- payment; what is still owed on the open bills, line group by line group (their lines less what
  -- payments took); where the amount goes (allocate(), allocation.ts) and what that does to each bill.
  WITH owed AS (
    SELECT coalesce(array_agg(ROW(o.bill_id, b.period, o.kind, o.month, o.program, o.payer, o.participant_id, o.outstanding)::payment_owed), '{}') AS lines,
           coalesce(sum(o.outstanding), 0)::bigint AS outstanding
    FROM (SELECT x.bill_id, x.kind, x.month, x.program, x.payer, x.participant_id, sum(x.amount)::bigint AS outstanding
          FROM (SELECT l.bill_id, l.kind, l.month, l.program, l.payer, l.participant_id, l.amount FROM bill_lines l WHERE l.bill_id = ANY (v_open)
                UNION ALL
                SELECT a.bill_id, a.kind, a.month, a.program, a.payer, a.participant_id, -a.amount FROM payment_allocations a WHERE a.bill_id = ANY (v_open)) AS x
          GROUP BY x.bill_id, x.kind, x.month, x.program, x.payer, x.participant_id
          HAVING sum(x.amount) > 0) AS o
    JOIN bills b ON b.id = o.bill_id
  ), alloc AS (
    SELECT a.n, a.bill_id, a.amount, ROW(a.n, a.bill_id, a.period, a.kind, a.month, a.program, a.payer, a.participant_id, a.amount)::payment_allocated AS line
    FROM owed, payment_allocation(owed.lines, v_amount) AS a
  ), per_bill AS (
    SELECT a.bill_id, sum(a.amount)::bigint AS amount, min(a.n) AS first FROM alloc AS a GROUP BY a.bill_id
  ), earlier AS (
    SELECT p.id, p.bill_id, p.amount, p.entry_id, p.credit_amount FROM bill_payments p WHERE p.channel = p_channel AND p.channel_ref = p_channel_ref
  )
  SELECT e.id AS earlier_id, e.bill_id AS earlier_bill, e.amount AS earlier_amount, e.entry_id AS earlier_entry, e.credit_amount AS earlier_credit,
         o.outstanding, a.alloc, v_amount - x.paid AS excess, x.mine, x.per_bill, x.bills_text, x.bill_ids, x.bill_amounts, c.paid_through
  INTO v_owed
  FROM owed AS o
  CROSS JOIN (SELECT coalesce(array_agg(a.line ORDER BY a.n), '{}') AS alloc FROM alloc AS a) AS a
  CROSS JOIN (SELECT coalesce(sum(x.amount), 0) AS paid, coalesce(sum(x.amount) FILTER (WHERE x.bill_id = v_bill.id), 0) AS mine,
                     coalesce(jsonb_agg(jsonb_build_object('billId', x.bill_id, 'amount', x.amount) ORDER BY x.first), '[]') AS per_bill,
                     coalesce(string_agg(lindung_json(x.bill_id::text) || ':' || x.amount, ',' ORDER BY x.bill_id::text COLLATE "C"), '') AS bills_text,
                     array_agg(x.bill_id) AS bill_ids, array_agg(x.amount) AS bill_amounts
              FROM per_bill AS x) AS x
  LEFT JOIN earlier AS e ON true
  LEFT JOIN bpu_coverage AS c ON c.participant_id = v_bill.participant_id AND v_bill.segment = 'BPU';
  IF v_owed.earlier_id IS NOT NULL THEN
    IF v_owed.earlier_bill <> p_bill_id OR v_owed.earlier_amount <> p_amount THEN RETURN jsonb_build_object('error', 'payment_reference_reused'); END IF;
    RETURN jsonb_build_object('replayed', true, 'paymentId', v_owed.earlier_id, 'billId', v_bill.id, 'billStatus', v_status, 'paidAmount', v_paid_amount,
      'outstanding', v_total_amount - v_paid_amount, 'credit', v_owed.earlier_credit, 'entryId', v_owed.earlier_entry,
      'allocations', coalesce((SELECT jsonb_agg(jsonb_build_object('billId', x.bill_id, 'amount', x.amount) ORDER BY x.bill_id)
                               FROM (SELECT a.bill_id, sum(a.amount) AS amount FROM payment_allocations a WHERE a.payment_id = v_owed.earlier_id GROUP BY a.bill_id) AS x), '[]'));
  END IF;
  IF v_status <> 'open' THEN RETURN jsonb_build_object('error', 'bill_closed', 'status', v_status); END IF;
  -- at the counter an amount above what is owed is a typing error; money a bank has taken is kept as credit
  IF p_channel = 'counter' AND p_amount > v_owed.outstanding THEN RETURN jsonb_build_object('error', 'exceeds_outstanding', 'outstanding', v_owed.outstanding); END IF;
  IF NOT v_valid THEN RETURN jsonb_build_object('error', 'invalid_amount'); END IF;
  v_after_paid := v_paid_amount + v_owed.mine;
  v_after_status := CASE WHEN v_owed.mine = 0 THEN v_status WHEN v_after_paid = v_total_amount THEN 'paid' ELSE 'open' END;
  -- a BPU bill paid in full whose participant stays behind the payment's month: the caller reads the
  -- status rules and calls again, before anything is written
  IF NOT p_status_by_caller AND v_bill.segment = 'BPU' AND v_after_status = 'paid'
     AND greatest(v_owed.paid_through, (v_bill.period + make_interval(months => v_bill.months - 1))::date) < date_trunc('month', p_day::timestamp)::date THEN
    RETURN jsonb_build_object('retry', 'status_rules');
  END IF;

  -- the entry's postings: one per account and side, in the order they first appear; an account is
  -- opened the first time it is needed (accountIds, accounts.ts). And an entry already posted under the
  -- payment's key (postEntry, journal.ts), which only another payment with its reference could have
  -- written: that payment's row, inserted below, is where two such payments take turns.
  v_employer := CASE WHEN v_bill.segment IN ('PU', 'JAKON') THEN v_bill.employer_id END;
  v_participant := CASE WHEN v_bill.segment IN ('PU', 'JAKON') THEN NULL ELSE v_bill.participant_id END;
  FOR i IN 1..2 LOOP
    WITH lines AS (
      SELECT * FROM payment_lines(v_owed.alloc, v_amount, p_channel, v_employer, v_participant)
    ), postings AS (
      -- one posting per account and side, each account looked up once, in the order they first appear
      SELECT row_number() OVER (ORDER BY g.first) AS line, a.id AS account_id, a.keeps_balance, g.side, g.amount
      FROM (SELECT l.kind, l.program, l.channel, l.employer_id, l.participant_id, l.side, sum(l.amount)::bigint AS amount, min(l.ord) AS first
            FROM lines AS l GROUP BY l.kind, l.program, l.channel, l.employer_id, l.participant_id, l.side) AS g
      LEFT JOIN ledger_accounts a ON a.kind = g.kind AND coalesce(a.program, '') = coalesce(g.program, '') AND coalesce(a.channel, '') = coalesce(g.channel, '')
                                 AND coalesce(a.employer_id, 0) = coalesce(g.employer_id, 0) AND coalesce(a.participant_id, 0) = coalesce(g.participant_id, 0)
    )
    SELECT p.missing, p.postings, p.kept, p.n, p.total, p.digest, e.id AS existing_id, e.amount AS existing_amount, e.postings_digest AS existing_digest
    INTO v_entry_of
    FROM (SELECT count(*) FILTER (WHERE p.account_id IS NULL) AS missing,
                 array_agg(ROW(p.line, p.account_id, p.side, p.amount)::payment_posting ORDER BY p.line) AS postings, count(*)::int AS n,
                 array_agg(p.account_id) FILTER (WHERE p.keeps_balance) AS kept,
                 (sum(p.amount) FILTER (WHERE p.side = 'D'))::bigint AS total,
                 encode(sha256(convert_to(string_agg(p.line || ':' || p.account_id || ':' || p.side || ':' || p.amount, ',' ORDER BY p.line), 'UTF8')), 'hex') AS digest
          FROM postings AS p) AS p
    LEFT JOIN journal_entries AS e ON e.idempotency_key = v_key;
    EXIT WHEN v_entry_of.missing = 0;
    INSERT INTO ledger_accounts (kind, program, channel, employer_id, participant_id, normal_side, keeps_balance)
    SELECT DISTINCT w.kind, w.program, w.channel, w.employer_id, w.participant_id, ledger_normal_side(w.kind), w.kind IN ('receivable', 'jht')
    FROM payment_lines(v_owed.alloc, v_amount, p_channel, v_employer, v_participant) AS w
    ON CONFLICT (kind, coalesce(program, ''), coalesce(channel, ''), coalesce(employer_id, 0), coalesce(participant_id, 0)) DO NOTHING;
  END LOOP;
  IF v_entry_of.missing > 0 THEN RAISE EXCEPTION 'payment %: % accounts could not be opened', v_key, v_entry_of.missing; END IF;

  IF v_entry_of.existing_id IS NOT NULL AND (v_entry_of.existing_digest <> v_entry_of.digest OR v_entry_of.existing_amount <> v_entry_of.total) THEN
    RAISE EXCEPTION 'idempotency_key_reused' USING DETAIL = v_key, HINT = 'lindung';
  END IF;
  v_entry := coalesce(v_entry_of.existing_id, nextval('journal_entries_id_seq'));
  v_payment := nextval('bill_payments_id_seq');
  v_covered := v_bill.segment = 'BPU' AND v_after_status = 'paid' AND v_bill.participant_id IS NOT NULL;

  -- In one statement: the payment (its reference once), its allocations, the postings and the balances
  -- of the cold accounts they touch, in account order (unless the entry was already posted); the bills,
  -- what each was paid and closed when paid in full; a BPU bill paid in full moves the participant's
  -- paid-through month, and (paid through the payment's month) makes them active
  WITH payment AS (
    INSERT INTO bill_payments (id, bill_id, amount, paid_at, channel, channel_ref, recorded_by, credit_amount, entry_id) OVERRIDING SYSTEM VALUE
    VALUES (v_payment, v_bill.id, v_amount, p_paid_at, p_channel, p_channel_ref, p_actor, v_owed.excess, v_entry)
  ), allocated AS (
    INSERT INTO payment_allocations (payment_id, bill_id, kind, month, program, payer, participant_id, amount, entry_id)
    SELECT v_payment, a.bill_id, a.kind, a.month, a.program, a.payer, a.participant_id, a.amount, v_entry FROM unnest(v_owed.alloc) AS a
  ), posted AS (
    INSERT INTO postings (entry_id, line, account_id, side, amount)
    SELECT v_entry, p.line, p.account_id, p.side, p.amount FROM unnest(v_entry_of.postings) AS p WHERE v_entry_of.existing_id IS NULL
  ), balances AS (
    INSERT INTO ledger_balances (account_id, debits, credits, last_entry_id)
    SELECT p.account_id, coalesce(sum(p.amount) FILTER (WHERE p.side = 'D'), 0), coalesce(sum(p.amount) FILTER (WHERE p.side = 'C'), 0), v_entry
    FROM unnest(v_entry_of.postings) AS p
    WHERE v_entry_of.existing_id IS NULL AND p.account_id = ANY (v_entry_of.kept)
    GROUP BY p.account_id ORDER BY p.account_id
    ON CONFLICT (account_id) DO UPDATE SET debits = ledger_balances.debits + EXCLUDED.debits, credits = ledger_balances.credits + EXCLUDED.credits,
                                           last_entry_id = EXCLUDED.last_entry_id
  ), covered AS (
    INSERT INTO bpu_coverage (participant_id, paid_through)
    SELECT v_bill.participant_id, (v_bill.period + make_interval(months => v_bill.months - 1))::date WHERE v_covered
    ON CONFLICT (participant_id) DO UPDATE SET paid_through = greatest(bpu_coverage.paid_through, excluded.paid_through), updated_at = now()
  ), active AS (
    -- paid through the payment's month: a participant in arrears, lapsed or not yet active is active again
    -- (unless the caller refreshes the status by the rules)
    UPDATE participants p SET status = 'active'
    WHERE v_covered AND NOT p_status_by_caller AND p.id = v_bill.participant_id AND p.segment = 'BPU' AND p.status IN ('pending', 'arrears', 'lapsed')
    RETURNING p.id, p.person_id, p.status
  ), history AS (
    INSERT INTO participant_status_history (participant_id, person_id, status, reason)
    SELECT a.id, a.person_id, a.status, 'payment:' || v_payment FROM active AS a
  )
  UPDATE bills b SET paid_amount = b.paid_amount + s.amount,
                     status = CASE WHEN b.paid_amount + s.amount = b.total_amount THEN 'paid' ELSE 'open' END,
                     paid_at = CASE WHEN b.paid_amount + s.amount = b.total_amount THEN p_paid_at ELSE b.paid_at END
  FROM unnest(v_owed.bill_ids, v_owed.bill_amounts) AS s(bill_id, amount)
  WHERE b.id = s.bill_id;
  v_status_ids := CASE WHEN v_covered AND p_status_by_caller THEN ARRAY[v_bill.participant_id] ELSE '{}' END;

  -- the audit event, as recordAudit's diffFields would write it (only what changed), as canonical JSON
  v_changes := '{"amount":{"after":' || v_amount || '},"bills":{"after":{' || v_owed.bills_text || '}},"channel":{"after":' || lindung_json(p_channel)
    || '},"credit":{"after":' || v_owed.excess || '},"entryId":{"after":' || v_entry || '}'
    || CASE WHEN v_after_paid <> v_paid_amount THEN ',"paidAmount":{"after":' || v_after_paid || ',"before":' || v_paid_amount || '}' ELSE '' END
    || CASE WHEN v_after_status <> v_status THEN ',"status":{"after":' || lindung_json(v_after_status) || ',"before":' || lindung_json(v_status) || '}' ELSE '' END
    || '}';

  -- Last, the two chains: each stripe's head is held from here to the commit. The head is locked and
  -- read in the statement that writes the entry after it (a head another payment held is read as that
  -- payment committed it).
  IF v_entry_of.existing_id IS NULL THEN
    WITH head AS MATERIALIZED (
      SELECT h.seq + 1 AS seq, h.hash AS prev, date_trunc('milliseconds', clock_timestamp()) AS at
      FROM ledger_chain_heads h WHERE h.stripe = v_ledger_stripe FOR UPDATE
    ), entry AS (
      INSERT INTO journal_entries (id, idempotency_key, kind, reason, source_type, source_id, effective_date, amount, postings, postings_digest,
                                   reverses_entry_id, actor_user_id, posted_at, stripe, seq, prev_hash, hash)
      OVERRIDING SYSTEM VALUE
      SELECT v_entry, v_key, 'payment', v_reason, 'bill_payment', v_payment::text, p_day, v_entry_of.total, v_entry_of.n, v_entry_of.digest, NULL, p_actor, h.at,
             v_ledger_stripe, h.seq, h.prev,
             ledger_entry_hash(v_ledger_stripe, h.seq, h.prev, v_key, 'payment', v_reason, 'bill_payment', v_payment::text, p_day, v_entry_of.total, v_entry_of.n,
                               v_entry_of.digest, NULL, p_actor, h.at)
      FROM head AS h
      RETURNING seq, hash
    )
    UPDATE ledger_chain_heads h SET seq = e.seq, hash = e.hash FROM entry AS e WHERE h.stripe = v_ledger_stripe;
  END IF;
  -- recordAudit (audit.ts): the bill's stripe
  WITH head AS MATERIALIZED (
    SELECT h.stripe, h.seq + 1 AS seq, h.hash AS prev, date_trunc('milliseconds', clock_timestamp()) AS at
    FROM audit_chain_heads h WHERE h.stripe = audit_stripe('bill', v_bill.id::text) FOR UPDATE
  ), event AS (
    INSERT INTO audit_events (stripe, seq, at, actor_user_id, actor_role, action, entity_type, entity_id, changes, request_id, prev_hash, hash)
    SELECT h.stripe, h.seq, h.at, p_actor, p_role, 'bill.payment_recorded', 'bill', v_bill.id::text, v_changes::jsonb, NULL, h.prev,
           audit_event_hash(h.stripe, h.seq, h.at, p_actor, p_role, 'bill.payment_recorded', 'bill', v_bill.id::text, v_changes, NULL, h.prev)
    FROM head AS h
    RETURNING stripe, seq, hash
  )
  UPDATE audit_chain_heads h SET seq = e.seq, hash = e.hash FROM event AS e WHERE h.stripe = e.stripe;

  RETURN jsonb_build_object('replayed', false, 'paymentId', v_payment, 'billId', v_bill.id, 'billStatus', v_after_status, 'paidAmount', v_after_paid,
    'outstanding', v_total_amount - v_after_paid, 'allocations', v_owed.per_bill, 'credit', v_owed.excess, 'entryId', v_entry,
    'statusParticipants', to_jsonb(v_status_ids));
END $$;
