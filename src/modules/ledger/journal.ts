/**
 * The journal: the only way money moves in Lindung (DESIGN.md principle 1).
 *
 * `postEntry` writes one balanced entry of two or more postings under a unique idempotency key, in the
 * caller's transaction, so the entry commits with the change that caused it or not at all. The same
 * key posted again with the same postings answers the first entry and writes nothing; with other
 * postings it is refused (409). Two deliveries of one key take turns on a transaction lock of the key
 * (ledger_key_lock), so the second sees the first. Accounts that keep a balance (receivables, JHT
 * accounts) are updated in the same statement order every time (by account id), so concurrent entries
 * cannot deadlock on them; hot accounts (funds, clearing) keep none. Entries are chained per stripe; the
 * stripe's head row is locked last, after the balances, so it is held only from there to the commit and
 * every writer takes balances before heads (payments too: payment_record, migration 0024).
 *
 * A correction is `reverseEntry`: the same postings on the other side, once per entry.
 */
import crypto from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { defineProblems } from '../../platform/i18n.ts';
import { canonicalJson, type AuditActor } from '../audit/audit.ts';
import type { EntryKind, Side } from './tables.ts';

defineProblems({
  idempotency_key_reused: {
    title: { id: 'Kunci idempotensi sudah dipakai', en: 'Idempotency key already used' },
    detail: { id: 'Kunci {key} sudah dipakai untuk transaksi lain dengan isi berbeda.', en: 'Key {key} was already used for another transaction with different contents.' },
  },
  entry_unbalanced: {
    title: { id: 'Jurnal tidak seimbang', en: 'Unbalanced journal entry' },
    detail: { id: 'Debit Rp{debits} tidak sama dengan kredit Rp{credits}.', en: 'Debits Rp{debits} do not equal credits Rp{credits}.' },
  },
  entry_not_found: {
    title: { id: 'Jurnal tidak ditemukan', en: 'Journal entry not found' },
    detail: { id: 'Tidak ada jurnal dengan nomor itu.', en: 'There is no journal entry with that number.' },
  },
  entry_already_reversed: {
    title: { id: 'Jurnal sudah dibalik', en: 'Entry already reversed' },
    detail: { id: 'Jurnal {id} sudah dibalik oleh jurnal {reversal}.', en: 'Entry {id} was already reversed by entry {reversal}.' },
  },
  entry_is_reversal: {
    title: { id: 'Jurnal pembalik tidak dapat dibalik', en: 'A reversing entry cannot be reversed' },
    detail: {
      id: 'Jurnal {id} adalah pembalik jurnal {original}. Jika jurnal {original} ternyata benar, catat jurnal baru yang benar.',
      en: 'Entry {id} reverses entry {original}. If entry {original} was right after all, post a new, correct entry.',
    },
  },
});

export const STRIPES = 256;
export const GENESIS = '0'.repeat(64);

export interface PostingInput {
  account: number;
  side: Side;
  /** whole rupiah, > 0 */
  amount: number;
}

export interface EntryHeader {
  idempotencyKey: string;
  kind: EntryKind;
  reason: string;
  source: { type: string; id: string | number };
  /** YYYY-MM-DD: the business date the money moved */
  effectiveDate: string;
  actor: AuditActor;
  reversesEntryId?: number;
  /** the id reserved by `reserveEntryId`, when rows written before the entry already name it */
  entryId?: number;
}

export interface PostedEntry {
  id: number;
  amount: number;
  replayed: boolean;
}

/** What makes a list of postings a valid entry: two or more, whole positive rupiah, debits = credits. */
export function checkPostings(postings: readonly PostingInput[]): { amount: number } {
  if (postings.length < 2) throw new Error('an entry needs two or more postings');
  let debits = 0;
  let credits = 0;
  for (const p of postings) {
    if (!Number.isSafeInteger(p.amount) || p.amount <= 0) throw new Error(`a posting's amount must be a whole positive rupiah: ${p.amount}`);
    if (p.side === 'D') debits += p.amount;
    else credits += p.amount;
  }
  if (debits !== credits) throw new AppError(422, 'entry_unbalanced', { debits, credits });
  return { amount: debits };
}

/** The digest of an entry's postings in line order, computed the same way here and in SQL. */
export function postingsDigest(postings: readonly PostingInput[]): string {
  const text = postings.map((p, i) => `${i + 1}:${p.account}:${p.side}:${p.amount}`).join(',');
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

const POSTINGS_DIGEST_SQL = sql.raw(`encode(sha256(convert_to(string_agg(line || ':' || account_id || ':' || side || ':' || amount, ',' ORDER BY line), 'UTF8')), 'hex')`);

export function stripeOf(idempotencyKey: string): number {
  return crypto.createHash('sha256').update(idempotencyKey).digest()[0]! % STRIPES;
}

export interface HashedEntry {
  stripe: number;
  seq: number;
  prev_hash: string;
  idempotency_key: string;
  kind: string;
  reason: string;
  source_type: string;
  source_id: string;
  effective_date: string;
  amount: number;
  postings: number;
  postings_digest: string;
  reverses_entry_id: number | null;
  actor_user_id: number | null;
  posted_at: Date;
}

export function entryHash(e: HashedEntry): string {
  return crypto.createHash('sha256').update(canonicalJson({ ...e, posted_at: e.posted_at.toISOString() })).digest('hex');
}

/** Posts a balanced entry from a list of postings (see the module comment). */
export async function postEntry(tx: Tx, header: EntryHeader, postings: readonly PostingInput[]): Promise<PostedEntry> {
  const { amount } = checkPostings(postings);
  const digest = postingsDigest(postings);
  // as arrays, one parameter per column, however many postings
  return writeEntry(tx, header, (entryId) => sql`
    SELECT ${entryId}::bigint, n::int, a, s, m
    FROM unnest(${postings.map((p) => p.account)}::bigint[], ${postings.map((p) => p.side)}::text[], ${postings.map((p) => p.amount)}::bigint[])
      WITH ORDINALITY AS t(a, s, m, n)`, (existing) => {
    if (existing.postings_digest !== digest || Number(existing.amount) !== amount) throw new AppError(409, 'idempotency_key_reused', { key: header.idempotencyKey });
  });
}

/**
 * Posts an entry whose postings come from a query (set-based batch work, e.g. a billing chunk): given
 * the entry's id, the query yields (entry_id, line, account_id, side, amount). Returns null when it
 * yields no postings (nothing to post).
 */
export async function postEntryFromQuery(tx: Tx, header: EntryHeader, select: (entryId: number) => RawBuilder<unknown>): Promise<PostedEntry | null> {
  const posted = await writeEntry(tx, header, select, () => {});
  return posted.amount === 0 ? null : posted;
}

/**
 * An entry's id taken ahead of the entry, for a caller that writes rows naming it first and the entry
 * last (`EntryHeader.entryId`), so that the ledger stripe's head, which the entry holds to the commit, is
 * taken after every other row lock, in the order payments take them.
 */
export async function reserveEntryId(tx: Tx): Promise<number> {
  return Number((await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('journal_entries', 'id')) AS id`.execute(tx)).rows[0]!.id);
}

/**
 * Writes the entry's postings from `select` (entry_id, line, account_id, side, amount) and, in the
 * same statement, the balances of the cold accounts they touch, in account order; answers their
 * totals and digest. One statement, so a batch's postings are not read back from the table twice.
 */
async function writeEntry(tx: Tx, header: EntryHeader, select: (entryId: number) => RawBuilder<unknown>, onReplay: (existing: { postings_digest: string; amount: number }) => void): Promise<PostedEntry> {
  // the key's turn first (migration 0024): a second delivery of the same key waits here, then finds the first
  await sql`SELECT ledger_key_lock(${header.idempotencyKey})`.execute(tx);
  const existing = await tx.selectFrom('journal_entries').select(['id', 'amount', 'postings_digest']).where('idempotency_key', '=', header.idempotencyKey).executeTakeFirst();
  if (existing) {
    if (header.entryId !== undefined && Number(existing.id) !== header.entryId) throw new Error(`entry ${header.idempotencyKey} exists as #${existing.id}, not the reserved #${header.entryId}`);
    onReplay(existing);
    return { id: existing.id, amount: Number(existing.amount), replayed: true };
  }
  const entryId = header.entryId ?? await reserveEntryId(tx);
  // an unbalanced entry is refused below, and its transaction with everything it wrote
  const totals = (await sql<{ debits: number; credits: number; n: number; digest: string | null }>`
    WITH p (entry_id, line, account_id, side, amount) AS MATERIALIZED (${select(entryId)}
    ), posted AS (
      INSERT INTO postings (entry_id, line, account_id, side, amount) SELECT * FROM p
    ), balances AS (
      INSERT INTO ledger_balances (account_id, debits, credits, last_entry_id)
      SELECT p.account_id, coalesce(sum(p.amount) FILTER (WHERE p.side = 'D'), 0), coalesce(sum(p.amount) FILTER (WHERE p.side = 'C'), 0), ${entryId}
      FROM p JOIN ledger_accounts a ON a.id = p.account_id AND a.keeps_balance
      GROUP BY p.account_id ORDER BY p.account_id
      ON CONFLICT (account_id) DO UPDATE SET debits = ledger_balances.debits + EXCLUDED.debits, credits = ledger_balances.credits + EXCLUDED.credits,
                                             last_entry_id = EXCLUDED.last_entry_id
    )
    SELECT coalesce(sum(amount) FILTER (WHERE side = 'D'), 0)::bigint AS debits, coalesce(sum(amount) FILTER (WHERE side = 'C'), 0)::bigint AS credits,
           count(*)::int AS n, ${POSTINGS_DIGEST_SQL} AS digest
    FROM p`.execute(tx)).rows[0]!;
  if (totals.n === 0) return { id: entryId, amount: 0, replayed: false };
  if (Number(totals.debits) !== Number(totals.credits)) throw new AppError(422, 'entry_unbalanced', { debits: totals.debits, credits: totals.credits });
  // the stripe's head last, always after the balances (as payment_record takes them): held from here to the commit
  const stripe = stripeOf(header.idempotencyKey);
  const head = await tx.selectFrom('ledger_chain_heads').select(['seq', 'hash']).where('stripe', '=', stripe).forUpdate().executeTakeFirstOrThrow();
  const fields: HashedEntry = {
    stripe, seq: Number(head.seq) + 1, prev_hash: head.hash,
    idempotency_key: header.idempotencyKey, kind: header.kind, reason: header.reason,
    source_type: header.source.type, source_id: String(header.source.id), effective_date: header.effectiveDate,
    amount: Number(totals.debits), postings: totals.n, postings_digest: totals.digest!,
    reverses_entry_id: header.reversesEntryId ?? null, actor_user_id: header.actor.userId, posted_at: new Date(),
  };
  const hash = entryHash(fields);
  await sql`WITH entry AS (
              INSERT INTO journal_entries (id, idempotency_key, kind, reason, source_type, source_id, effective_date, amount, postings, postings_digest,
                                           reverses_entry_id, actor_user_id, posted_at, stripe, seq, prev_hash, hash)
              OVERRIDING SYSTEM VALUE
              VALUES (${entryId}, ${fields.idempotency_key}, ${fields.kind}, ${fields.reason}, ${fields.source_type}, ${fields.source_id}, ${fields.effective_date},
                      ${fields.amount}, ${fields.postings}, ${fields.postings_digest}, ${fields.reverses_entry_id}, ${fields.actor_user_id}, ${fields.posted_at},
                      ${stripe}, ${fields.seq}, ${fields.prev_hash}, ${hash})
            )
            UPDATE ledger_chain_heads SET seq = ${fields.seq}, hash = ${hash} WHERE stripe = ${stripe}`.execute(tx);
  return { id: entryId, amount: fields.amount, replayed: false };
}

/**
 * The reversing entry of an entry: every posting on the other side. Once per entry; a reversing entry
 * itself is not reversed (409): the correction of a wrong reversal is a new, correct entry.
 */
export async function reverseEntry(tx: Tx, entryId: number, reason: string, actor: AuditActor, effectiveDate: string): Promise<PostedEntry> {
  const entry = await tx.selectFrom('journal_entries').select(['id', 'kind', 'reverses_entry_id']).where('id', '=', entryId).executeTakeFirst();
  if (!entry) throw new AppError(404, 'entry_not_found');
  if (entry.reverses_entry_id !== null) throw new AppError(409, 'entry_is_reversal', { id: entryId, original: entry.reverses_entry_id });
  const already = await tx.selectFrom('journal_entries').select('id').where('reverses_entry_id', '=', entryId).executeTakeFirst();
  if (already) throw new AppError(409, 'entry_already_reversed', { id: entryId, reversal: already.id });
  const postings = await tx.selectFrom('postings').select(['account_id', 'side', 'amount']).where('entry_id', '=', entryId).orderBy('line').execute();
  return postEntry(tx, {
    idempotencyKey: `reversal:${entryId}`, kind: 'reversal', reason, source: { type: 'journal_entry', id: entryId }, effectiveDate, actor, reversesEntryId: entryId,
  }, postings.map((p) => ({ account: p.account_id, side: p.side === 'D' ? 'C' : 'D', amount: Number(p.amount) })));
}
