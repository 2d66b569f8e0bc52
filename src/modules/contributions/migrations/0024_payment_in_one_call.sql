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

-- recordAudit's writes (audit.ts), for changes already masked and given as canonical JSON text (what
-- canonicalJson would write for them): the entity's stripe head locked, the event chained to it. Call
-- it last in the transaction: the head is held until the commit.
CREATE FUNCTION audit_append(p_actor bigint, p_role text, p_action text, p_entity_type text, p_entity_id text, p_changes text, p_request_id text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_stripe int := get_byte(sha256(convert_to(p_entity_type || ':' || p_entity_id, 'UTF8')), 0) % 16;
  v_head record;
  v_at timestamptz;
  v_hash text;
BEGIN
  SELECT h.seq, h.hash INTO v_head FROM audit_chain_heads h WHERE h.stripe = v_stripe FOR UPDATE;
  v_at := date_trunc('milliseconds', clock_timestamp());
  v_hash := audit_event_hash(v_stripe, v_head.seq + 1, v_at, p_actor, p_role, p_action, p_entity_type, p_entity_id, p_changes, p_request_id, v_head.hash);
  INSERT INTO audit_events (stripe, seq, at, actor_user_id, actor_role, action, entity_type, entity_id, changes, request_id, prev_hash, hash)
  VALUES (v_stripe, v_head.seq + 1, v_at, p_actor, p_role, p_action, p_entity_type, p_entity_id, p_changes::jsonb, p_request_id, v_head.hash, v_hash);
  UPDATE audit_chain_heads SET seq = v_head.seq + 1, hash = v_hash WHERE stripe = v_stripe;
END $$;

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

-- recordPayment (payments.ts). Answers jsonb: the payment ({paymentId, …}), the earlier one for a
-- repeated reference ({replayed: true, …}), {error: …} having written nothing, or {retry: 'status_rules'}
-- having written nothing: a BPU bill paid in full that leaves the participant's paid-through month
-- before the payment's month, whose status needs the lapse and due-date rules (status.ts). Called
-- again with p_status_by_caller, it moves the coverage and leaves the status to the caller
-- (statusParticipants). With the paid-through month at or after the payment's month the status is
-- 'active' whatever the rules, and is set here.
CREATE FUNCTION payment_record(p_bill_id bigint, p_amount numeric, p_paid_at timestamptz, p_day date, p_channel text, p_channel_ref text,
                               p_actor bigint, p_role text, p_status_by_caller boolean)
RETURNS jsonb LANGUAGE plpgsql
-- Every statement here, and every foreign-key check it fires, finds its rows by key. Its plans are made
-- once per connection and kept: planned while the payment tables are still small they would scan them
-- whole, and keep doing so as they grow (until an ANALYZE); planning every call costs a quarter of the time.
SET enable_seqscan = off SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  v_target record;
  v_locked bigint[];
  v_open bigint[];
  v_bill record;
  v_earlier record;
  v_owed payment_owed[];
  v_outstanding bigint;
  v_amount bigint;
  v_alloc payment_allocated[];
  v_excess bigint;
  v_per_bill jsonb;
  v_bills_text text;
  v_mine bigint;
  v_after_paid bigint;
  v_after_status text;
  v_entry bigint;
  v_payment bigint;
  v_lines payment_line[];
  v_postings payment_posting[];
  v_digest text;
  v_count int;
  v_total bigint;
  v_key text;
  v_existing record;
  v_new_entry boolean;
  v_stripe int;
  v_head record;
  v_posted timestamptz;
  v_hash text;
  v_cover record;
  v_status_ids bigint[] := '{}';
  v_changes text;
BEGIN
  SELECT b.id, b.segment, b.employer_id, b.participant_id INTO v_target FROM bills b WHERE b.id = p_bill_id;
  IF NOT FOUND THEN RETURN jsonb_build_object('error', 'bill_not_found'); END IF;
  -- a PU payment pays the employer's open PU bills oldest month first; any other the bill it names.
  -- Locked in id order, so two payments of one payer wait for each other instead of deadlocking.
  IF v_target.segment = 'PU' THEN
    SELECT array_agg(l.id) INTO v_locked FROM (
      SELECT b.id FROM bills b WHERE (b.employer_id = v_target.employer_id AND b.segment = 'PU' AND b.status = 'open') OR b.id = v_target.id ORDER BY b.id FOR UPDATE) AS l;
  ELSE
    SELECT array_agg(l.id) INTO v_locked FROM (SELECT b.id FROM bills b WHERE b.id = v_target.id ORDER BY b.id FOR UPDATE) AS l;
  END IF;
  SELECT b.id, b.status, b.total_amount, b.paid_amount INTO v_bill FROM bills b WHERE b.id = v_target.id;
  SELECT coalesce(array_agg(b.id ORDER BY b.id), '{}') INTO v_open FROM bills b WHERE b.id = ANY (v_locked) AND b.status = 'open';

  -- the reference is looked up after the bills are locked, so two deliveries of it take turns
  SELECT p.id, p.bill_id, p.amount, p.entry_id, p.credit_amount INTO v_earlier FROM bill_payments p WHERE p.channel = p_channel AND p.channel_ref = p_channel_ref;
  IF FOUND THEN
    IF v_earlier.bill_id <> p_bill_id OR v_earlier.amount <> p_amount THEN RETURN jsonb_build_object('error', 'payment_reference_reused'); END IF;
    RETURN jsonb_build_object('replayed', true, 'paymentId', v_earlier.id, 'billId', v_bill.id, 'billStatus', v_bill.status, 'paidAmount', v_bill.paid_amount,
      'outstanding', v_bill.total_amount - v_bill.paid_amount, 'credit', v_earlier.credit_amount, 'entryId', v_earlier.entry_id,
      'allocations', coalesce((SELECT jsonb_agg(jsonb_build_object('billId', x.bill_id, 'amount', x.amount) ORDER BY x.bill_id)
                               FROM (SELECT a.bill_id, sum(a.amount) AS amount FROM payment_allocations a WHERE a.payment_id = v_earlier.id GROUP BY a.bill_id) AS x), '[]'));
  END IF;
  IF v_bill.status <> 'open' THEN RETURN jsonb_build_object('error', 'bill_closed', 'status', v_bill.status); END IF;

  -- what is still owed on the open bills, line group by line group: their lines less what payments took
  WITH due AS (
    SELECT l.bill_id, l.kind, l.month, l.program, l.payer, l.participant_id, sum(l.amount)::bigint AS amount
    FROM bill_lines l WHERE l.bill_id = ANY (v_open)
    GROUP BY l.bill_id, l.kind, l.month, l.program, l.payer, l.participant_id
  ), paid AS (
    SELECT a.bill_id, a.kind, a.month, a.program, a.payer, a.participant_id, sum(a.amount)::bigint AS amount
    FROM payment_allocations a WHERE a.bill_id = ANY (v_open)
    GROUP BY a.bill_id, a.kind, a.month, a.program, a.payer, a.participant_id
  )
  SELECT array_agg(ROW(d.bill_id, b.period, d.kind, d.month, d.program, d.payer, d.participant_id, d.amount - coalesce(p.amount, 0))::payment_owed)
  INTO v_owed
  FROM due d JOIN bills b ON b.id = d.bill_id
  LEFT JOIN paid p ON p.bill_id = d.bill_id AND p.kind = d.kind AND p.month = d.month AND p.program = d.program AND p.payer = d.payer
                  AND p.participant_id IS NOT DISTINCT FROM d.participant_id
  WHERE d.amount > coalesce(p.amount, 0);
  v_owed := coalesce(v_owed, '{}');
  SELECT coalesce(sum(o.outstanding), 0) INTO v_outstanding FROM unnest(v_owed) AS o;
  -- at the counter an amount above what is owed is a typing error; money a bank has taken is kept as credit
  IF p_channel = 'counter' AND p_amount > v_outstanding THEN RETURN jsonb_build_object('error', 'exceeds_outstanding', 'outstanding', v_outstanding); END IF;
  IF p_amount <> trunc(p_amount) OR p_amount <= 0 OR p_amount > 9007199254740991 THEN RETURN jsonb_build_object('error', 'invalid_amount'); END IF;
  v_amount := p_amount;
  SELECT coalesce(array_agg(a ORDER BY a.n), '{}') INTO v_alloc FROM payment_allocation(v_owed, v_amount) AS a;
  SELECT v_amount - coalesce(sum(a.amount), 0) INTO v_excess FROM unnest(v_alloc) AS a;

  -- a BPU bill paid in full whose participant stays behind the payment's month: the caller reads the
  -- status rules and calls again, before anything is written
  IF NOT p_status_by_caller AND EXISTS (
    SELECT 1 FROM (SELECT a.bill_id, sum(a.amount) AS amount FROM unnest(v_alloc) AS a GROUP BY a.bill_id) AS s
    JOIN bills b ON b.id = s.bill_id
    LEFT JOIN bpu_coverage c ON c.participant_id = b.participant_id
    WHERE b.segment = 'BPU' AND b.participant_id IS NOT NULL AND b.paid_amount + s.amount = b.total_amount
      AND greatest(c.paid_through, (b.period + make_interval(months => b.months - 1))::date) < date_trunc('month', p_day::timestamp)::date
  ) THEN
    RETURN jsonb_build_object('retry', 'status_rules');
  END IF;

  INSERT INTO bill_payments (bill_id, amount, paid_at, channel, channel_ref, recorded_by, credit_amount)
  VALUES (v_bill.id, v_amount, p_paid_at, p_channel, p_channel_ref, p_actor, v_excess)
  RETURNING id INTO v_payment;

  -- the entry: clearing debited and the payer's receivable credited with the whole amount; each
  -- program's billed amount moved to its fund, JHT to the worker's own account, fines to fines income;
  -- one posting per account and side, in the order they first appear
  SELECT array_agg(t.x ORDER BY t.ord) INTO v_lines FROM (
    SELECT ROW(0, 'clearing', NULL, p_channel, NULL, NULL, 'D', v_amount)::payment_line AS x, 0 AS ord
    UNION ALL
    SELECT ROW(1, 'receivable', NULL, NULL,
               CASE WHEN v_target.segment IN ('PU', 'JAKON') THEN v_target.employer_id END,
               CASE WHEN v_target.segment IN ('PU', 'JAKON') THEN NULL ELSE v_target.participant_id END, 'C', v_amount)::payment_line, 1
    UNION ALL
    SELECT ROW(2 * a.n, 'billed', a.program, NULL, NULL, NULL, 'D', a.amount)::payment_line, 2 * a.n FROM unnest(v_alloc) AS a
    UNION ALL
    SELECT ROW(2 * a.n + 1,
               CASE WHEN a.kind = 'fine' THEN 'fines' WHEN a.program = 'JHT' AND a.participant_id IS NOT NULL THEN 'jht' ELSE 'fund' END,
               CASE WHEN a.kind = 'fine' OR (a.program = 'JHT' AND a.participant_id IS NOT NULL) THEN NULL ELSE a.program END,
               NULL, NULL,
               CASE WHEN a.kind <> 'fine' AND a.program = 'JHT' THEN a.participant_id END, 'C', a.amount)::payment_line, 2 * a.n + 1
    FROM unnest(v_alloc) AS a
  ) AS t(x, ord);
  -- accounts are opened the first time they are needed (accountIds, accounts.ts)
  INSERT INTO ledger_accounts (kind, program, channel, employer_id, participant_id, normal_side, keeps_balance)
  SELECT DISTINCT w.kind, w.program, w.channel, w.employer_id, w.participant_id, ledger_normal_side(w.kind), w.kind IN ('receivable', 'jht')
  FROM unnest(v_lines) AS w
  WHERE NOT EXISTS (
    SELECT 1 FROM ledger_accounts a
    WHERE a.kind = w.kind AND coalesce(a.program, '') = coalesce(w.program, '') AND coalesce(a.channel, '') = coalesce(w.channel, '')
      AND coalesce(a.employer_id, 0) = coalesce(w.employer_id, 0) AND coalesce(a.participant_id, 0) = coalesce(w.participant_id, 0))
  ON CONFLICT (kind, coalesce(program, ''), coalesce(channel, ''), coalesce(employer_id, 0), coalesce(participant_id, 0)) DO NOTHING;
  SELECT array_agg(ROW(p.line, p.account_id, p.side, p.amount)::payment_posting ORDER BY p.line), count(*), sum(p.amount) FILTER (WHERE p.side = 'D')
  INTO v_postings, v_count, v_total
  FROM (
    SELECT row_number() OVER (ORDER BY min(w.ord)) AS line, a.id AS account_id, w.side, sum(w.amount)::bigint AS amount
    FROM unnest(v_lines) AS w
    JOIN ledger_accounts a ON a.kind = w.kind AND coalesce(a.program, '') = coalesce(w.program, '') AND coalesce(a.channel, '') = coalesce(w.channel, '')
                          AND coalesce(a.employer_id, 0) = coalesce(w.employer_id, 0) AND coalesce(a.participant_id, 0) = coalesce(w.participant_id, 0)
    GROUP BY a.id, w.side
  ) AS p;
  SELECT encode(sha256(convert_to(string_agg(p.line || ':' || p.account_id || ':' || p.side || ':' || p.amount, ',' ORDER BY p.line), 'UTF8')), 'hex')
  INTO v_digest FROM unnest(v_postings) AS p;

  -- postEntry (journal.ts): the key's turn, then an entry already posted under it is answered
  v_key := 'payment:' || p_channel || ':' || p_channel_ref;
  PERFORM ledger_key_lock(v_key);
  SELECT e.id, e.amount, e.postings_digest INTO v_existing FROM journal_entries e WHERE e.idempotency_key = v_key;
  v_new_entry := NOT FOUND;
  IF NOT v_new_entry THEN
    IF v_existing.postings_digest <> v_digest OR v_existing.amount <> v_total THEN
      RAISE EXCEPTION 'idempotency_key_reused' USING DETAIL = v_key, HINT = 'lindung';
    END IF;
    v_entry := v_existing.id;
  ELSE
    v_entry := nextval(pg_get_serial_sequence('journal_entries', 'id'));
    INSERT INTO postings (entry_id, line, account_id, side, amount) SELECT v_entry, p.line, p.account_id, p.side, p.amount FROM unnest(v_postings) AS p;
    -- the balances of the cold accounts this entry touches, in account order
    INSERT INTO ledger_balances (account_id, debits, credits, last_entry_id)
    SELECT p.account_id, coalesce(sum(p.amount) FILTER (WHERE p.side = 'D'), 0), coalesce(sum(p.amount) FILTER (WHERE p.side = 'C'), 0), v_entry
    FROM unnest(v_postings) AS p JOIN ledger_accounts a ON a.id = p.account_id AND a.keeps_balance
    GROUP BY p.account_id ORDER BY p.account_id
    ON CONFLICT (account_id) DO UPDATE SET debits = ledger_balances.debits + EXCLUDED.debits, credits = ledger_balances.credits + EXCLUDED.credits,
                                           last_entry_id = EXCLUDED.last_entry_id;
  END IF;

  -- bills: what each was paid; paid in full, it closes
  UPDATE bills b SET paid_amount = b.paid_amount + s.amount,
                     status = CASE WHEN b.paid_amount + s.amount = b.total_amount THEN 'paid' ELSE 'open' END,
                     paid_at = CASE WHEN b.paid_amount + s.amount = b.total_amount THEN p_paid_at ELSE b.paid_at END
  FROM (SELECT a.bill_id, sum(a.amount) AS amount FROM unnest(v_alloc) AS a GROUP BY a.bill_id) AS s
  WHERE b.id = s.bill_id;

  -- a BPU bill paid in full: the months it covers are paid, and the participant's status follows
  FOR v_cover IN
    SELECT b.participant_id, (b.period + make_interval(months => b.months - 1))::date AS through
    FROM bills b WHERE b.id = ANY (v_open) AND b.status = 'paid' AND b.segment = 'BPU' AND b.participant_id IS NOT NULL
      AND b.id IN (SELECT a.bill_id FROM unnest(v_alloc) AS a)
    ORDER BY b.id
  LOOP
    INSERT INTO bpu_coverage (participant_id, paid_through) VALUES (v_cover.participant_id, v_cover.through)
    ON CONFLICT (participant_id) DO UPDATE SET paid_through = greatest(bpu_coverage.paid_through, excluded.paid_through), updated_at = now();
    IF p_status_by_caller THEN
      v_status_ids := v_status_ids || v_cover.participant_id;
    ELSE
      -- paid through the payment's month or later: active (refreshBpuStatus would say so under any rules)
      WITH changed AS (
        UPDATE participants p SET status = 'active'
        WHERE p.id = v_cover.participant_id AND p.segment = 'BPU' AND p.status IN ('pending', 'arrears', 'lapsed')
        RETURNING p.id, p.person_id, p.status
      )
      INSERT INTO participant_status_history (participant_id, person_id, status, reason)
      SELECT c.id, c.person_id, c.status, 'payment:' || v_payment FROM changed AS c;
    END IF;
  END LOOP;

  -- what the payment paid, bill by bill, in the order it paid them
  SELECT coalesce(jsonb_agg(jsonb_build_object('billId', x.bill_id, 'amount', x.amount) ORDER BY x.first), '[]'),
         coalesce(string_agg(lindung_json(x.bill_id::text) || ':' || x.amount, ',' ORDER BY x.bill_id::text COLLATE "C"), ''),
         coalesce(sum(x.amount) FILTER (WHERE x.bill_id = v_bill.id), 0)
  INTO v_per_bill, v_bills_text, v_mine
  FROM (SELECT a.bill_id, sum(a.amount)::bigint AS amount, min(a.n) AS first FROM unnest(v_alloc) AS a GROUP BY a.bill_id) AS x;
  v_after_paid := v_bill.paid_amount + v_mine;
  v_after_status := CASE WHEN v_mine = 0 THEN v_bill.status WHEN v_after_paid = v_bill.total_amount THEN 'paid' ELSE 'open' END;

  -- the audit event, as recordAudit's diffFields would write it (only what changed), as canonical JSON
  v_changes := '{"amount":{"after":' || v_amount || '},"bills":{"after":{' || v_bills_text || '}},"channel":{"after":' || lindung_json(p_channel)
    || '},"credit":{"after":' || v_excess || '},"entryId":{"after":' || v_entry || '}'
    || CASE WHEN v_after_paid <> v_bill.paid_amount THEN ',"paidAmount":{"after":' || v_after_paid || ',"before":' || v_bill.paid_amount || '}' ELSE '' END
    || CASE WHEN v_after_status <> v_bill.status THEN ',"status":{"after":' || lindung_json(v_after_status) || ',"before":' || lindung_json(v_bill.status) || '}' ELSE '' END
    || '}';

  -- last, the two chains: the stripe heads are held from here to the commit
  IF v_new_entry THEN
    v_stripe := get_byte(sha256(convert_to(v_key, 'UTF8')), 0) % 16;
    SELECT h.seq, h.hash INTO v_head FROM ledger_chain_heads h WHERE h.stripe = v_stripe FOR UPDATE;
    v_posted := date_trunc('milliseconds', clock_timestamp());
    v_hash := ledger_entry_hash(v_stripe, v_head.seq + 1, v_head.hash, v_key, 'payment', 'pembayaran / payment ' || p_channel || ' ' || p_channel_ref,
                                'bill_payment', v_payment::text, p_day, v_total, v_count, v_digest, NULL, p_actor, v_posted);
    INSERT INTO journal_entries (id, idempotency_key, kind, reason, source_type, source_id, effective_date, amount, postings, postings_digest,
                                 reverses_entry_id, actor_user_id, posted_at, stripe, seq, prev_hash, hash)
    OVERRIDING SYSTEM VALUE
    VALUES (v_entry, v_key, 'payment', 'pembayaran / payment ' || p_channel || ' ' || p_channel_ref, 'bill_payment', v_payment::text, p_day,
            v_total, v_count, v_digest, NULL, p_actor, v_posted, v_stripe, v_head.seq + 1, v_head.hash, v_hash);
    UPDATE ledger_chain_heads SET seq = v_head.seq + 1, hash = v_hash WHERE stripe = v_stripe;
  END IF;
  -- what names the entry is written once it exists (their foreign keys are checked as they are written)
  UPDATE bill_payments SET entry_id = v_entry WHERE id = v_payment;
  INSERT INTO payment_allocations (payment_id, bill_id, kind, month, program, payer, participant_id, amount, entry_id)
  SELECT v_payment, a.bill_id, a.kind, a.month, a.program, a.payer, a.participant_id, a.amount, v_entry FROM unnest(v_alloc) AS a ORDER BY a.n;
  PERFORM audit_append(p_actor, p_role, 'bill.payment_recorded', 'bill', v_bill.id::text, v_changes, NULL);

  RETURN jsonb_build_object('replayed', false, 'paymentId', v_payment, 'billId', v_bill.id, 'billStatus', v_after_status, 'paidAmount', v_after_paid,
    'outstanding', v_bill.total_amount - v_after_paid, 'allocations', v_per_bill, 'credit', v_excess, 'entryId', v_entry, 'statusParticipants', to_jsonb(v_status_ids));
END $$;
