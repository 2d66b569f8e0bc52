/**
 * `lindung verify` for the ledger: every entry balances and has exactly its postings, no posting is
 * without its entry or its account, no kept balance without its account, no entry names a user that
 * does not exist, every kept balance equals the sum of its account's postings, and the chain of
 * entries is intact stripe by stripe (each entry's hash recomputed from its fields and the digest of
 * its postings as they are now, and linked to the one before).
 */
import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { entryHash, GENESIS, type HashedEntry } from './journal.ts';

export interface LedgerProblem {
  problem: 'entry_unbalanced' | 'posting_without_entry' | 'posting_without_account' | 'balance_without_account' | 'entry_without_actor' | 'balance_mismatch' | 'hash_mismatch' | 'broken_link' | 'missing_entry' | 'head_mismatch';
  /** the entry (or, for a balance, the account) */
  id: number;
  detail: string;
}

const DIGEST = sql.raw(`encode(sha256(convert_to(string_agg(p.line || ':' || p.account_id || ':' || p.side || ':' || p.amount, ',' ORDER BY p.line), 'UTF8')), 'hex')`);

export async function verifyLedger(db: Db, onProgress?: (checked: number) => void, limit = 100): Promise<{ entries: number; postings: number; problems: LedgerProblem[] }> {
  const problems: LedgerProblem[] = [];
  const sums = await sql<LedgerProblem>`
    (SELECT 'entry_unbalanced' AS problem, e.id, 'debit ' || coalesce(s.d, 0) || ', kredit/credit ' || coalesce(s.c, 0) || ', jumlah/amount ' || e.amount || ', posting ' || coalesce(s.n, 0) || '/' || e.postings AS detail
       FROM journal_entries e
       LEFT JOIN (SELECT entry_id, sum(amount) FILTER (WHERE side = 'D') AS d, sum(amount) FILTER (WHERE side = 'C') AS c, count(*) AS n FROM postings GROUP BY entry_id) s ON s.entry_id = e.id
       WHERE s.d IS DISTINCT FROM e.amount OR s.c IS DISTINCT FROM e.amount OR s.n IS DISTINCT FROM e.postings::bigint LIMIT ${limit})
    UNION ALL
    (SELECT 'posting_without_entry', p.entry_id, count(*) || ' posting' FROM postings p
       WHERE NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.id = p.entry_id) GROUP BY p.entry_id LIMIT ${limit})
    UNION ALL
    -- postings, balances and entries carry no per-row foreign keys (migration 0030): their references here
    (SELECT 'posting_without_account', p.entry_id, 'akun / account ' || p.account_id FROM postings p
       WHERE NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.id = p.account_id) LIMIT ${limit})
    UNION ALL
    (SELECT 'balance_without_account', b.account_id, 'saldo/balance ' || b.debits || '/' || b.credits FROM ledger_balances b
       WHERE NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.id = b.account_id) LIMIT ${limit})
    UNION ALL
    (SELECT 'entry_without_actor', e.id, 'pengguna / user ' || e.actor_user_id FROM journal_entries e
       WHERE e.actor_user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = e.actor_user_id) LIMIT ${limit})
    UNION ALL
    (SELECT 'balance_mismatch', a.id, 'saldo/balance ' || coalesce(b.debits, 0) || '/' || coalesce(b.credits, 0) || ' ≠ posting ' || coalesce(s.d, 0) || '/' || coalesce(s.c, 0)
       FROM ledger_accounts a
       LEFT JOIN ledger_balances b ON b.account_id = a.id
       LEFT JOIN (SELECT account_id, sum(amount) FILTER (WHERE side = 'D') AS d, sum(amount) FILTER (WHERE side = 'C') AS c FROM postings GROUP BY account_id) s ON s.account_id = a.id
       WHERE a.keeps_balance AND (coalesce(b.debits, 0) <> coalesce(s.d, 0) OR coalesce(b.credits, 0) <> coalesce(s.c, 0)) LIMIT ${limit})`.execute(db);
  problems.push(...sums.rows.map((r) => ({ ...r, id: Number(r.id) })));

  let entries = 0;
  const heads = await db.selectFrom('ledger_chain_heads').selectAll().orderBy('stripe').execute();
  for (const head of heads) {
    let expectedSeq = 1;
    let prevHash = GENESIS;
    for (;;) {
      const { rows } = await sql<Omit<HashedEntry, 'postings_digest'> & { id: number; hash: string; postings_digest: string; actual_digest: string | null }>`
        SELECT e.id, e.stripe, e.seq, e.prev_hash, e.idempotency_key, e.kind, e.reason, e.source_type, e.source_id, e.effective_date, e.amount, e.postings,
               e.postings_digest, e.reverses_entry_id, e.actor_user_id, e.posted_at, e.hash,
               (SELECT ${DIGEST} FROM postings p WHERE p.entry_id = e.id) AS actual_digest
        FROM journal_entries e WHERE e.stripe = ${head.stripe} AND e.seq >= ${expectedSeq} ORDER BY e.seq LIMIT 2000`.execute(db);
      if (!rows.length) break;
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq !== expectedSeq) problems.push({ problem: 'missing_entry', id: row.id, detail: `stripe ${head.stripe} seq ${expectedSeq}` });
        if (row.prev_hash !== prevHash) problems.push({ problem: 'broken_link', id: row.id, detail: `stripe ${head.stripe} seq ${seq}` });
        const { id, hash, actual_digest, ...fields } = row;
        const recomputed = entryHash({ ...fields, stripe: Number(fields.stripe), seq, amount: Number(fields.amount), postings_digest: actual_digest ?? '' });
        if (recomputed !== hash) problems.push({ problem: 'hash_mismatch', id, detail: `stripe ${head.stripe} seq ${seq}` });
        prevHash = hash;
        expectedSeq = seq + 1;
        entries++;
      }
      onProgress?.(entries);
    }
    if (Number(head.seq) !== expectedSeq - 1 || head.hash !== prevHash) {
      problems.push({ problem: 'head_mismatch', id: Number(head.stripe), detail: `stripe ${head.stripe}: head seq ${head.seq}, chain ends at ${expectedSeq - 1}` });
    }
  }
  const postings = Number((await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM postings`.execute(db)).rows[0]!.n);
  return { entries, postings, problems };
}
