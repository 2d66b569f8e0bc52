/**
 * A payer's receivable in the ledger is opened when the payer joins: an employer when registered, a
 * participant who pays their own contributions (BPU, migrant worker) when their participation starts.
 * Billing then only posts to it (a first billing run of a million payers opened them all before).
 */
import type { RawBuilder } from 'kysely';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { openAccountsFromQuery } from '../ledger/accounts.ts';

/** `payers` selects (employer_id, participant_id) pairs, one of them null. */
export async function openReceivables(db: Executor, payers: RawBuilder<unknown>) {
  await openAccountsFromQuery(db, sql`SELECT 'receivable'::text, NULL::text, NULL::text, p.employer_id, p.participant_id FROM (${payers}) AS p(employer_id, participant_id)`);
}
