-- A payment in one call to the database (payments.ts → payment_record). The same work as before —
-- bills locked in id order, the channel reference looked up, what is owed read, the money allocated
-- (RULES.md §3), one balanced journal entry with its kept balances, allocations, bills, BPU coverage and
-- status, one audit event — but as one statement from the application instead of about 27, so a payment
-- is one round trip and commits as soon as it is done. The two hash chains' heads are taken last, just
-- before the commit, so they are held for microseconds instead of across a dozen round trips.
--
-- Several functions here are the SQL twins of TypeScript: payment_allocation of allocate()
-- (allocation.ts; allocation.test.ts proves they agree), ledger_entry_hash of entryHash (journal.ts),
-- audit_event_hash of eventHash (audit.ts). `lindung verify`
-- recomputes every hash in TypeScript, so an entry or event written here that TypeScript would hash
-- differently is reported.

-- The entries to the ledger's chains are written with their postings and balances first and the
-- stripe's head last (journal.ts does the same); two postings of one idempotency key take turns on
-- this transaction lock instead of on the head. Two keys that share the lock merely wait for each other.
CREATE FUNCTION ledger_key_lock(p_key text) RETURNS void LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(1279607879, ('x' || substr(encode(sha256(convert_to(p_key, 'UTF8')), 'hex'), 3, 8))::bit(32)::int)
$$;

-- JSON.stringify of a string (escaped as JavaScript escapes it) or null. These helpers are STABLE, as
-- what they call is: so they are inlined into the statement that calls them instead of planned per call.
CREATE FUNCTION lindung_json(t text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(to_json(t)::text, 'null')
$$;

-- Date.prototype.toISOString (milliseconds, UTC)
CREATE FUNCTION lindung_iso_time(t timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- entryHash (journal.ts): sha256 of canonicalJson of the entry's fields, keys in JavaScript's sort order
CREATE FUNCTION ledger_entry_hash(p_stripe int, p_seq bigint, p_prev_hash text, p_key text, p_kind text, p_reason text, p_source_type text, p_source_id text,
                                  p_effective_date date, p_amount bigint, p_postings int, p_digest text, p_reverses bigint, p_actor bigint, p_posted_at timestamptz)
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(
    '{"actor_user_id":' || coalesce(p_actor::text, 'null') || ',"amount":' || p_amount
    || ',"effective_date":' || lindung_json(to_char(p_effective_date, 'YYYY-MM-DD')) || ',"idempotency_key":' || lindung_json(p_key)
    || ',"kind":' || lindung_json(p_kind) || ',"posted_at":' || lindung_json(lindung_iso_time(p_posted_at)) || ',"postings":' || p_postings
    || ',"postings_digest":' || lindung_json(p_digest) || ',"prev_hash":' || lindung_json(p_prev_hash) || ',"reason":' || lindung_json(p_reason)
    || ',"reverses_entry_id":' || coalesce(p_reverses::text, 'null') || ',"seq":' || p_seq || ',"source_id":' || lindung_json(p_source_id)
    || ',"source_type":' || lindung_json(p_source_type) || ',"stripe":' || p_stripe || '}', 'UTF8')), 'hex')
$$;

-- eventHash (audit.ts), with the changes given as their canonical JSON text (keys sorted, no spaces)
CREATE FUNCTION audit_event_hash(p_stripe int, p_seq bigint, p_at timestamptz, p_actor bigint, p_role text, p_action text, p_entity_type text, p_entity_id text,
                                 p_changes text, p_request_id text, p_prev_hash text)
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(
    '{"action":' || lindung_json(p_action) || ',"actor_role":' || lindung_json(p_role) || ',"actor_user_id":' || coalesce(p_actor::text, 'null')
    || ',"at":' || lindung_json(lindung_iso_time(p_at)) || ',"changes":' || p_changes || ',"entity_id":' || lindung_json(p_entity_id)
    || ',"entity_type":' || lindung_json(p_entity_type) || ',"prev_hash":' || lindung_json(p_prev_hash) || ',"request_id":' || lindung_json(p_request_id)
    || ',"seq":' || p_seq || ',"stripe":' || p_stripe || '}', 'UTF8')), 'hex')
$$;

-- allocate() (allocation.ts): oldest bill first, contributions before fines, then month, program
-- (JKK, JKM, JHT, JP, JKK+JKM, others), payer, worker; each line in full before the next, the last in part.
CREATE TYPE payment_owed AS (bill_id bigint, period date, kind text, month date, program text, payer text, participant_id bigint, outstanding bigint);
CREATE TYPE payment_allocated AS (n bigint, bill_id bigint, period date, kind text, month date, program text, payer text, participant_id bigint, amount bigint);

CREATE FUNCTION payment_allocation(p_owed payment_owed[], p_amount bigint) RETURNS SETOF payment_allocated LANGUAGE sql IMMUTABLE AS $$
  SELECT s.n, s.bill_id, s.period, s.kind, s.month, s.program, s.payer, s.participant_id, least(s.outstanding, p_amount - s.before)
  FROM (
    SELECT o.*, row_number() OVER w AS n, coalesce(sum(o.outstanding) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
    FROM unnest(p_owed) AS o
    WHERE o.outstanding > 0
    WINDOW w AS (ORDER BY o.period, o.bill_id, o.kind <> 'contribution', o.month,
                 coalesce(array_position(ARRAY['JKK', 'JKM', 'JHT', 'JP', 'JKK+JKM'], o.program), 6), o.payer COLLATE "C", coalesce(o.participant_id, 0))
  ) AS s
  WHERE s.before < p_amount
  ORDER BY s.n
$$;

-- NORMAL_SIDE (accounts.ts): assets and receivables grow by debits, the rest by credits
CREATE FUNCTION ledger_normal_side(p_kind text) RETURNS char(1) LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_kind IN ('receivable', 'clearing') THEN 'D' ELSE 'C' END
$$;

-- a payment's lines before they are summed per account: what account (by what names it), which side, how much
CREATE TYPE payment_line AS (ord bigint, kind text, program text, channel text, employer_id bigint, participant_id bigint, side text, amount bigint);
CREATE TYPE payment_posting AS (line bigint, account_id bigint, side text, amount bigint);

-- postPayment as it was: the channel's clearing account debited and the payer's receivable credited with
-- the whole amount; each allocation moved from its program's billed account to its fund, to the worker's
-- own JHT account, or for a fine to fines income. ord: the order of first appearance.
CREATE FUNCTION payment_lines(p_alloc payment_allocated[], p_amount bigint, p_channel text, p_employer bigint, p_participant bigint)
RETURNS SETOF payment_line LANGUAGE sql IMMUTABLE AS $$
  SELECT 0::bigint, 'clearing'::text, NULL::text, p_channel, NULL::bigint, NULL::bigint, 'D'::text, p_amount
  UNION ALL
  SELECT 1, 'receivable', NULL, NULL, p_employer, p_participant, 'C', p_amount
  UNION ALL
  SELECT 2 * a.n, 'billed', a.program, NULL, NULL, NULL, 'D', a.amount FROM unnest(p_alloc) AS a
  UNION ALL
  SELECT 2 * a.n + 1,
         CASE WHEN a.kind = 'fine' THEN 'fines' WHEN a.program = 'JHT' AND a.participant_id IS NOT NULL THEN 'jht' ELSE 'fund' END,
         CASE WHEN a.kind = 'fine' OR (a.program = 'JHT' AND a.participant_id IS NOT NULL) THEN NULL ELSE a.program END,
         NULL, NULL, CASE WHEN a.kind <> 'fine' AND a.program = 'JHT' THEN a.participant_id END, 'C', a.amount
  FROM unnest(p_alloc) AS a
$$;

-- recordPayment (payments.ts). Answers jsonb: the payment ({paymentId, …}), the earlier one for a
-- repeated reference ({replayed: true, …}), {error: …} having written nothing, or {retry: 'status_rules'}
-- having written nothing: a BPU bill paid in full that leaves the participant's paid-through month
-- before the payment's month, whose status needs the lapse and due-date rules (status.ts). Called
-- again with p_status_by_caller, it moves the coverage and leaves the status to the caller
-- (statusParticipants). With the paid-through month at or after the payment's month the status is
-- 'active' whatever the rules, and is set here.
--
-- Eight statements: each costs its executor set-up, its constraints and its foreign-key checks, so what
-- can be one statement is one. Locks are taken in the order recordPayment took them: the bills (id
-- order), the payment's reference (its unique index), the kept balances (account order), the bills'
-- updates, coverage and status, then the ledger stripe's head and last the audit stripe's head.
CREATE FUNCTION payment_record(p_bill_id bigint, p_amount numeric, p_paid_at timestamptz, p_day date, p_channel text, p_channel_ref text,
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
  v_ledger_stripe int := get_byte(sha256(convert_to(v_key, 'UTF8')), 0) % 16;   -- stripeOf (journal.ts)
  v_entry bigint;
  v_payment bigint;
  v_after_paid bigint;
  v_after_status text;
  v_status_ids bigint[];
  v_changes text;
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
  WITH due AS (
    SELECT l.bill_id, l.kind, l.month, l.program, l.payer, l.participant_id, sum(l.amount)::bigint AS amount
    FROM bill_lines l WHERE l.bill_id = ANY (v_open)
    GROUP BY l.bill_id, l.kind, l.month, l.program, l.payer, l.participant_id
  ), paid AS (
    SELECT a.bill_id, a.kind, a.month, a.program, a.payer, a.participant_id, sum(a.amount)::bigint AS amount
    FROM payment_allocations a WHERE a.bill_id = ANY (v_open)
    GROUP BY a.bill_id, a.kind, a.month, a.program, a.payer, a.participant_id
  ), owed AS (
    SELECT coalesce(array_agg(ROW(d.bill_id, b.period, d.kind, d.month, d.program, d.payer, d.participant_id, d.amount - coalesce(p.amount, 0))::payment_owed), '{}') AS lines,
           coalesce(sum(d.amount - coalesce(p.amount, 0)), 0)::bigint AS outstanding
    FROM due d JOIN bills b ON b.id = d.bill_id
    LEFT JOIN paid p ON p.bill_id = d.bill_id AND p.kind = d.kind AND p.month = d.month AND p.program = d.program AND p.payer = d.payer
                    AND p.participant_id IS NOT DISTINCT FROM d.participant_id
    WHERE d.amount > coalesce(p.amount, 0)
  ), alloc AS (
    SELECT a.n, a.bill_id, a.amount, ROW(a.n, a.bill_id, a.period, a.kind, a.month, a.program, a.payer, a.participant_id, a.amount)::payment_allocated AS line
    FROM owed, payment_allocation(owed.lines, v_amount) AS a
  ), per_bill AS (
    SELECT a.bill_id, sum(a.amount)::bigint AS amount, min(a.n) AS first FROM alloc AS a GROUP BY a.bill_id
  ), earlier AS (
    SELECT p.id, p.bill_id, p.amount, p.entry_id, p.credit_amount FROM bill_payments p WHERE p.channel = p_channel AND p.channel_ref = p_channel_ref
  )
  SELECT e.id AS earlier_id, e.bill_id AS earlier_bill, e.amount AS earlier_amount, e.entry_id AS earlier_entry, e.credit_amount AS earlier_credit,
         o.outstanding, a.alloc, v_amount - x.paid AS excess, x.mine, x.per_bill, x.bills_text, c.paid_through
  INTO v_owed
  FROM owed AS o
  CROSS JOIN (SELECT coalesce(array_agg(a.line ORDER BY a.n), '{}') AS alloc FROM alloc AS a) AS a
  CROSS JOIN (SELECT coalesce(sum(x.amount), 0) AS paid, coalesce(sum(x.amount) FILTER (WHERE x.bill_id = v_bill.id), 0) AS mine,
                     coalesce(jsonb_agg(jsonb_build_object('billId', x.bill_id, 'amount', x.amount) ORDER BY x.first), '[]') AS per_bill,
                     coalesce(string_agg(lindung_json(x.bill_id::text) || ':' || x.amount, ',' ORDER BY x.bill_id::text COLLATE "C"), '') AS bills_text
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
    WITH lines AS MATERIALIZED (
      SELECT * FROM payment_lines(v_owed.alloc, v_amount, p_channel, v_employer, v_participant)
    ), accounts AS (
      -- each account looked up once (a PU payment names the same billed and fund accounts per worker)
      SELECT w.kind, w.program, w.channel, w.employer_id, w.participant_id, a.id AS account_id
      FROM (SELECT DISTINCT l.kind, l.program, l.channel, l.employer_id, l.participant_id FROM lines AS l) AS w
      LEFT JOIN ledger_accounts a ON a.kind = w.kind AND coalesce(a.program, '') = coalesce(w.program, '') AND coalesce(a.channel, '') = coalesce(w.channel, '')
                                 AND coalesce(a.employer_id, 0) = coalesce(w.employer_id, 0) AND coalesce(a.participant_id, 0) = coalesce(w.participant_id, 0)
    ), resolved AS (
      SELECT l.ord, l.side, l.amount, a.account_id
      FROM lines AS l JOIN accounts AS a ON a.kind = l.kind AND a.program IS NOT DISTINCT FROM l.program AND a.channel IS NOT DISTINCT FROM l.channel
                                         AND a.employer_id IS NOT DISTINCT FROM l.employer_id AND a.participant_id IS NOT DISTINCT FROM l.participant_id
    ), postings AS (
      SELECT row_number() OVER (ORDER BY min(l.ord)) AS line, l.account_id, l.side, sum(l.amount)::bigint AS amount
      FROM resolved AS l WHERE l.account_id IS NOT NULL GROUP BY l.account_id, l.side
    )
    SELECT m.missing, p.postings, p.n, p.total, p.digest, e.id AS existing_id, e.amount AS existing_amount, e.postings_digest AS existing_digest
    INTO v_entry_of
    FROM (SELECT count(*) FILTER (WHERE a.account_id IS NULL) AS missing FROM accounts AS a) AS m
    CROSS JOIN (SELECT array_agg(ROW(p.line, p.account_id, p.side, p.amount)::payment_posting ORDER BY p.line) AS postings, count(*)::int AS n,
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

  IF v_entry_of.existing_id IS NOT NULL THEN
    IF v_entry_of.existing_digest <> v_entry_of.digest OR v_entry_of.existing_amount <> v_entry_of.total THEN
      RAISE EXCEPTION 'idempotency_key_reused' USING DETAIL = v_key, HINT = 'lindung';
    END IF;
    v_entry := v_entry_of.existing_id;
    INSERT INTO bill_payments (bill_id, amount, paid_at, channel, channel_ref, recorded_by, credit_amount)
    VALUES (v_bill.id, v_amount, p_paid_at, p_channel, p_channel_ref, p_actor, v_owed.excess)
    RETURNING id INTO v_payment;
  ELSE
    v_entry := nextval(pg_get_serial_sequence('journal_entries', 'id'));
    -- the payment (its reference once), the postings, and the balances of the cold accounts they
    -- touch, in account order
    WITH payment AS (
      INSERT INTO bill_payments (bill_id, amount, paid_at, channel, channel_ref, recorded_by, credit_amount)
      VALUES (v_bill.id, v_amount, p_paid_at, p_channel, p_channel_ref, p_actor, v_owed.excess)
      RETURNING id
    ), posted AS (
      INSERT INTO postings (entry_id, line, account_id, side, amount) SELECT v_entry, p.line, p.account_id, p.side, p.amount FROM unnest(v_entry_of.postings) AS p
    ), balances AS (
      INSERT INTO ledger_balances (account_id, debits, credits, last_entry_id)
      SELECT p.account_id, coalesce(sum(p.amount) FILTER (WHERE p.side = 'D'), 0), coalesce(sum(p.amount) FILTER (WHERE p.side = 'C'), 0), v_entry
      FROM unnest(v_entry_of.postings) AS p JOIN ledger_accounts a ON a.id = p.account_id AND a.keeps_balance
      GROUP BY p.account_id ORDER BY p.account_id
      ON CONFLICT (account_id) DO UPDATE SET debits = ledger_balances.debits + EXCLUDED.debits, credits = ledger_balances.credits + EXCLUDED.credits,
                                             last_entry_id = EXCLUDED.last_entry_id
    )
    SELECT p.id INTO v_payment FROM payment AS p;
  END IF;

  -- bills: what each was paid, and closed when paid in full; a BPU bill paid in full moves the
  -- participant's paid-through month, and (paid through the payment's month) makes them active
  WITH paid AS (
    UPDATE bills b SET paid_amount = b.paid_amount + s.amount,
                       status = CASE WHEN b.paid_amount + s.amount = b.total_amount THEN 'paid' ELSE 'open' END,
                       paid_at = CASE WHEN b.paid_amount + s.amount = b.total_amount THEN p_paid_at ELSE b.paid_at END
    FROM (SELECT a.bill_id, sum(a.amount) AS amount FROM unnest(v_owed.alloc) AS a GROUP BY a.bill_id) AS s
    WHERE b.id = s.bill_id
    RETURNING b.id, b.status, b.segment, b.participant_id, b.period, b.months
  ), covered AS (
    INSERT INTO bpu_coverage (participant_id, paid_through)
    SELECT p.participant_id, (p.period + make_interval(months => p.months - 1))::date FROM paid AS p
    WHERE p.status = 'paid' AND p.segment = 'BPU' AND p.participant_id IS NOT NULL
    ON CONFLICT (participant_id) DO UPDATE SET paid_through = greatest(bpu_coverage.paid_through, excluded.paid_through), updated_at = now()
    RETURNING participant_id
  ), active AS (
    UPDATE participants p SET status = 'active' FROM covered AS c
    WHERE NOT p_status_by_caller AND p.id = c.participant_id AND p.segment = 'BPU' AND p.status IN ('pending', 'arrears', 'lapsed')
    RETURNING p.id, p.person_id, p.status
  ), history AS (
    INSERT INTO participant_status_history (participant_id, person_id, status, reason)
    SELECT a.id, a.person_id, a.status, 'payment:' || v_payment FROM active AS a
  )
  SELECT coalesce(array_agg(c.participant_id) FILTER (WHERE p_status_by_caller), '{}') INTO v_status_ids FROM covered AS c;

  -- the audit event, as recordAudit's diffFields would write it (only what changed), as canonical JSON
  v_changes := '{"amount":{"after":' || v_amount || '},"bills":{"after":{' || v_owed.bills_text || '}},"channel":{"after":' || lindung_json(p_channel)
    || '},"credit":{"after":' || v_owed.excess || '},"entryId":{"after":' || v_entry || '}'
    || CASE WHEN v_after_paid <> v_paid_amount THEN ',"paidAmount":{"after":' || v_after_paid || ',"before":' || v_paid_amount || '}' ELSE '' END
    || CASE WHEN v_after_status <> v_status THEN ',"status":{"after":' || lindung_json(v_after_status) || ',"before":' || lindung_json(v_status) || '}' ELSE '' END
    || '}';

  -- Last, the two chains: each stripe's head is held from here to the commit. The head is locked and
  -- read in the statement that writes the entry after it (a head another payment held is read as that
  -- payment committed it). Then what names the entry: the payment and the allocations.
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
  WITH named AS (
    UPDATE bill_payments SET entry_id = v_entry WHERE id = v_payment
  )
  INSERT INTO payment_allocations (payment_id, bill_id, kind, month, program, payer, participant_id, amount, entry_id)
  SELECT v_payment, a.bill_id, a.kind, a.month, a.program, a.payer, a.participant_id, a.amount, v_entry FROM unnest(v_owed.alloc) AS a ORDER BY a.n;
  -- recordAudit (audit.ts): the bill's stripe
  WITH head AS MATERIALIZED (
    SELECT h.stripe, h.seq + 1 AS seq, h.hash AS prev, date_trunc('milliseconds', clock_timestamp()) AS at
    FROM audit_chain_heads h WHERE h.stripe = get_byte(sha256(convert_to('bill:' || v_bill.id, 'UTF8')), 0) % 16 FOR UPDATE
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

-- the ledger's commit-time balance check (0018) runs once per entry: planned once, by key
ALTER FUNCTION journal_entry_balances() SET enable_seqscan = off SET plan_cache_mode = force_generic_plan;
