/**
 * People and their participations. Every write runs inside the caller's transaction and leaves an
 * audit event; personal fields are masked in the audit record by the audit module.
 */
import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { recordAudit, type AuditActor } from '../audit/audit.ts';
import { searchName } from '../regions/names.ts';
import { kpjFromSequence } from './check-digits.ts';
import { decodeNik, nikAgreesWith, type DecodedNik } from './nik.ts';
import type { ParticipantStatus, Program, Segment, Sex } from './tables.ts';
import './messages.ts';

/** Decodes a NIK against the region list and the historical provinces: one small query. */
export async function decodeNikWithRegions(db: Executor, nik: string): Promise<DecodedNik> {
  const province = nik.slice(0, 2);
  const district = /^\d{16}$/.test(nik) ? `${nik.slice(0, 2)}.${nik.slice(2, 4)}.${nik.slice(4, 6)}` : '';
  const known = await sql<{ province: boolean; district: boolean }>`
    SELECT (EXISTS (SELECT 1 FROM regions WHERE code = ${province} AND level = 1)
         OR EXISTS (SELECT 1 FROM historical_provinces WHERE code = ${province})) AS province,
           EXISTS (SELECT 1 FROM regions WHERE code = ${district} AND level = 3) AS district`.execute(db);
  const row = known.rows[0]!;
  return decodeNik(nik, { isProvince: () => row.province, isDistrict: () => row.district });
}

/** The field errors of a NIK with the birth date and sex given for it. */
export async function nikFieldErrors(db: Executor, nik: string, birthDate: string | undefined, sex: Sex | undefined, field = 'nik'): Promise<FieldError[]> {
  const decoded = await decodeNikWithRegions(db, nik);
  if (!decoded.valid) return decoded.errors.map((rule) => ({ field, rule }));
  if (!birthDate || !sex) return [];
  return nikAgreesWith(nik, birthDate, sex).map((m) => ({ field: field === 'nik' ? m.field : `${field}.${m.field}`, rule: m.rule, params: m.params }));
}

export interface PersonInput {
  nik: string;
  fullName: string;
  birthDate: string;
  sex: Sex;
  phone?: string | null;
  villageCode?: string | null;
  address?: string | null;
  occupation?: string | null;
  vulnerable?: boolean;
  vulnerableReason?: string | null;
}

/** Where a person belongs for access: the regency of their village, else of their NIK. */
export function regencyOf(input: { villageCode?: string | null; nik: string }): string {
  return input.villageCode ? input.villageCode.split('.').slice(0, 2).join('.') : `${input.nik.slice(0, 2)}.${input.nik.slice(2, 4)}`;
}

/** Normalised for matching: capitals, accents, punctuation and spacing do not make two names differ. */
export const personSearchName = (fullName: string) => searchName(fullName);

export async function createPerson(tx: Tx, input: PersonInput, actor: AuditActor, requestId?: string): Promise<number> {
  const row = {
    nik: input.nik,
    full_name: input.fullName.trim().replace(/\s+/g, ' '),
    search_name: personSearchName(input.fullName),
    birth_date: input.birthDate,
    sex: input.sex,
    phone: input.phone ?? null,
    village_code: input.villageCode ?? null,
    regency_code: regencyOf(input),
    address: input.address ?? null,
    occupation_code: input.occupation ?? null,
    vulnerable: input.vulnerable ?? false,
    vulnerable_reason: input.vulnerable ? (input.vulnerableReason ?? null) : null,
  };
  const { id } = await tx.insertInto('people').values(row).returning('id').executeTakeFirstOrThrow();
  const { search_name: _, ...audited } = row;
  await recordAudit(tx, { actor, action: 'person.created', entityType: 'person', entityId: id, after: audited, requestId });
  await refreshDuplicateCandidates(tx, { personId: id });
  return id;
}

/** Finds a person by NIK; if recorded with another birth date or name, says so instead of guessing. */
export async function findPersonByNik(db: Executor, nik: string) {
  return db.selectFrom('people').select(['id', 'full_name', 'search_name', 'birth_date', 'sex', 'regency_code']).where('nik', '=', nik).executeTakeFirst();
}

export async function issueKpj(tx: Tx, personId: number): Promise<string> {
  for (;;) {
    const { rows } = await sql<{ seq: number }>`SELECT nextval('kpj_seq') AS seq`.execute(tx);
    const kpj = kpjFromSequence(Number(rows[0]!.seq));
    // a legacy number could in theory hold the same digits; then the next number is taken
    const inserted = await tx.insertInto('kpj_numbers').values({ kpj, person_id: personId, source: 'lindung' })
      .onConflict((oc) => oc.column('kpj').doNothing()).returning('kpj').executeTakeFirst();
    if (inserted) return kpj;
  }
}

/** The person's KPJ: the primary one (not merged away), issuing one if the person has none. */
export async function kpjOfPerson(tx: Tx, personId: number): Promise<string> {
  const existing = await tx.selectFrom('kpj_numbers').select('kpj').where('person_id', '=', personId).where('merged_into', 'is', null)
    .orderBy('issued_at').limit(1).executeTakeFirst();
  return existing?.kpj ?? issueKpj(tx, personId);
}

export interface NewParticipant {
  personId: number;
  segment: Segment;
  programs: Program[];
  declaredIncome?: number | null;
  registeredVia: 'self' | 'agent' | 'officer' | 'employer' | 'donor' | 'import';
  status: ParticipantStatus;
  reason: string;
}

export async function createParticipant(tx: Tx, input: NewParticipant, actor: AuditActor, requestId?: string) {
  const kpj = await kpjOfPerson(tx, input.personId);
  const row = {
    person_id: input.personId, kpj, segment: input.segment, programs: input.programs, status: input.status,
    declared_income: input.declaredIncome ?? null, registered_via: input.registeredVia,
  };
  const { id } = await tx.insertInto('participants').values(row).returning('id').executeTakeFirstOrThrow();
  await tx.insertInto('participant_status_history').values({ participant_id: id, person_id: input.personId, status: input.status, reason: input.reason }).execute();
  await recordAudit(tx, { actor, action: 'participant.created', entityType: 'participant', entityId: id, after: row, requestId });
  return { id, kpj };
}

export async function changeParticipantStatus(tx: Tx, participantId: number, status: ParticipantStatus, reason: string, actor: AuditActor, requestId?: string) {
  const before = await tx.selectFrom('participants').select(['status', 'person_id', 'ended_at']).where('id', '=', participantId).forUpdate().executeTakeFirstOrThrow();
  if (before.status === status) return;
  const endedAt = status === 'ended' ? new Date() : null;
  await tx.updateTable('participants').set({ status, ended_at: endedAt }).where('id', '=', participantId).execute();
  await tx.insertInto('participant_status_history').values({ participant_id: participantId, person_id: before.person_id, status, reason }).execute();
  await recordAudit(tx, { actor, action: 'participant.status_changed', entityType: 'participant', entityId: participantId, before: { status: before.status }, after: { status, reason }, requestId });
}

export const PHONE_SHARED_BY = 3;

/**
 * Review candidates: people with the same name and birth date under different NIKs, and phone numbers
 * on PHONE_SHARED_BY or more people. One set-based statement per kind; with `personId` it looks only
 * at that person's name and phone (after a registration), without it at everyone (after a bulk load).
 */
export async function refreshDuplicateCandidates(db: Executor, opts: { personId?: number } = {}) {
  const only = opts.personId;
  await sql`
    INSERT INTO duplicate_candidates (kind, match_key, person_ids, regency_code)
    SELECT 'same_name_birth', p.birth_date::text || '|' || p.search_name, array_agg(p.id ORDER BY p.id), min(p.regency_code)
    FROM people p
    ${only ? sql`JOIN people me ON me.id = ${only} AND me.birth_date = p.birth_date AND me.search_name = p.search_name` : sql``}
    GROUP BY p.birth_date, p.search_name
    HAVING count(*) > 1
    ON CONFLICT (kind, match_key) DO UPDATE SET person_ids = EXCLUDED.person_ids, updated_at = now(),
      status = CASE WHEN duplicate_candidates.person_ids = EXCLUDED.person_ids THEN duplicate_candidates.status ELSE 'open' END`.execute(db);
  await sql`
    INSERT INTO duplicate_candidates (kind, match_key, person_ids, regency_code)
    SELECT 'shared_phone', encode(sha256(convert_to(p.phone, 'UTF8')), 'hex'), array_agg(p.id ORDER BY p.id), min(p.regency_code)
    FROM people p
    ${only ? sql`JOIN people me ON me.id = ${only} AND me.phone = p.phone` : sql`WHERE p.phone IS NOT NULL`}
    GROUP BY p.phone
    HAVING count(*) >= ${PHONE_SHARED_BY}
    ON CONFLICT (kind, match_key) DO UPDATE SET person_ids = EXCLUDED.person_ids, updated_at = now(),
      status = CASE WHEN duplicate_candidates.person_ids = EXCLUDED.person_ids THEN duplicate_candidates.status ELSE 'open' END`.execute(db);
}
