/**
 * The audit log. `recordAudit` runs inside the transaction of the change it describes, so a change
 * and its audit event commit together or not at all. Personal fields are masked before they are
 * stored. Events are hash-chained per stripe; `verifyAuditChain` recomputes every hash.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db.ts';
import { maskRecord, PERSONAL_FIELDS, maskValue } from '../../platform/privacy.ts';

export const STRIPES = 256;
export const GENESIS = '0'.repeat(64);

export interface AuditActor {
  userId: number | null;
  /** The user's role, or 'system' for jobs and seeding. */
  role: string;
}

export const SYSTEM: AuditActor = { userId: null, role: 'system' };

export interface AuditInput {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string | number;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  requestId?: string | null;
}

type Changes = Record<string, { before?: unknown; after?: unknown }>;

/** The fields that changed, each with its before and after value, personal data masked. */
export function diffFields(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined): Changes {
  const out: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of [...keys].sort()) {
    const b = before?.[k];
    const a = after?.[k];
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    const mask = (v: unknown) => (v === undefined ? undefined : PERSONAL_FIELDS.has(k) ? maskValue(k, v) : maskRecord(v instanceof Date ? v.toISOString() : v));
    const change: { before?: unknown; after?: unknown } = {};
    if (before && k in before) change.before = mask(b) ?? null;
    if (after && k in after) change.after = mask(a) ?? null;
    out[k] = change;
  }
  return out;
}

/** JSON with object keys sorted, so that a hash does not depend on how a database orders keys. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function stripeOf(entityType: string, entityId: string): number {
  return crypto.createHash('sha256').update(`${entityType}:${entityId}`).digest()[0]! % STRIPES;
}

interface HashedFields {
  stripe: number;
  seq: number;
  at: Date;
  actor_user_id: number | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  changes: unknown;
  request_id: string | null;
  prev_hash: string;
}

export function eventHash(e: HashedFields): string {
  const body = canonicalJson({ ...e, at: e.at.toISOString() });
  return crypto.createHash('sha256').update(body).digest('hex');
}

export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  const entityId = String(input.entityId);
  const stripe = stripeOf(input.entityType, entityId);
  const head = await tx.selectFrom('audit_chain_heads').select(['seq', 'hash']).where('stripe', '=', stripe).forUpdate().executeTakeFirstOrThrow();
  const fields: HashedFields = {
    stripe,
    seq: Number(head.seq) + 1,
    at: new Date(),
    actor_user_id: input.actor.userId,
    actor_role: input.actor.role,
    action: input.action,
    entity_type: input.entityType,
    entity_id: entityId,
    // through JSON once, so the hash covers exactly what the jsonb column will give back
    changes: JSON.parse(JSON.stringify(diffFields(input.before, input.after))),
    request_id: input.requestId ?? null,
    prev_hash: head.hash,
  };
  const hash = eventHash(fields);
  await tx.insertInto('audit_events').values({ ...fields, changes: JSON.stringify(fields.changes), hash }).execute();
  await tx.updateTable('audit_chain_heads').set({ seq: fields.seq, hash }).where('stripe', '=', stripe).execute();
}

export interface ChainProblem {
  stripe: number;
  seq: number;
  problem: 'hash_mismatch' | 'broken_link' | 'missing_event' | 'head_mismatch';
}

/** Recomputes every event's hash and link, stripe by stripe, in batches. */
export async function verifyAuditChain(db: Db, onProgress?: (checked: number) => void): Promise<{ events: number; problems: ChainProblem[] }> {
  const problems: ChainProblem[] = [];
  let events = 0;
  const heads = await db.selectFrom('audit_chain_heads').selectAll().orderBy('stripe').execute();
  for (const head of heads) {
    let expectedSeq = 1;
    let prevHash = GENESIS;
    for (;;) {
      const rows = await sql<HashedFields & { hash: string }>`
        SELECT stripe, seq, at, actor_user_id, actor_role, action, entity_type, entity_id, changes, request_id, prev_hash, hash
        FROM audit_events WHERE stripe = ${head.stripe} AND seq >= ${expectedSeq} ORDER BY seq LIMIT 5000`.execute(db);
      if (rows.rows.length === 0) break;
      for (const row of rows.rows) {
        const seq = Number(row.seq);
        if (seq !== expectedSeq) problems.push({ stripe: head.stripe, seq: expectedSeq, problem: 'missing_event' });
        if (row.prev_hash !== prevHash) problems.push({ stripe: head.stripe, seq, problem: 'broken_link' });
        const { hash, ...fields } = row;
        if (eventHash({ ...fields, seq, stripe: Number(row.stripe) }) !== hash) problems.push({ stripe: head.stripe, seq, problem: 'hash_mismatch' });
        prevHash = hash;
        expectedSeq = seq + 1;
        events++;
      }
      onProgress?.(events);
    }
    if (Number(head.seq) !== expectedSeq - 1 || head.hash !== prevHash) {
      problems.push({ stripe: head.stripe, seq: Number(head.seq), problem: 'head_mismatch' });
    }
  }
  return { events, problems };
}
