/**
 * What officers do with the registry: find a person or employer (masked results, scoped to their
 * branch), open a whole record (the view is audited), attach and merge KPJ numbers, review duplicates.
 */
import type { FastifyRequest } from 'fastify';
import { sql, type RawBuilder } from 'kysely';
import { inTransaction, type Db, type Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { regionInScope, requireUser, type Scope } from '../../platform/http/access.ts';
import { maskNik, maskPhone } from '../../platform/privacy.ts';
import { recordAudit, type AuditActor } from '../audit/audit.ts';
import { isLindungKpj, luhnValid, maskKpj } from './check-digits.ts';
import { mayClaim, scholarshipChildren } from './heirs.ts';
import { personSearchName } from './people.ts';
import type { Relation, Sex } from './tables.ts';
import { today } from './validation.ts';

/** SQL condition: the column's regency code lies within the scope. */
export function inScopeSql(scope: Scope, column: RawBuilder<unknown>): RawBuilder<boolean> {
  if (scope.national) return sql<boolean>`true`;
  if (!scope.regionPrefixes.length) return sql<boolean>`false`;
  const exact = scope.regionPrefixes;
  const like = scope.regionPrefixes.map((p) => `${p}.%`);
  return sql<boolean>`(${column} = ANY(${exact}::text[]) OR ${column} LIKE ANY(${like}::text[]))`;
}

/** "Siti Rahmawati Nasution" → "Siti R******** N*******": enough to recognise, not to copy. */
export function maskName(name: string): string {
  return name.split(' ').map((w, i) => (i === 0 ? w : `${w[0]}${'*'.repeat(Math.max(w.length - 1, 1))}`)).join(' ');
}

export interface SearchHit {
  kind: 'person' | 'employer';
  id: number;
  title: string;
  detail: string;
  regencyName: string | null;
}

export async function searchRegistry(db: Executor, scope: Scope, q: string, limit: number, lang: 'id' | 'en' = 'id'): Promise<SearchHit[]> {
  const query = q.trim();
  const hits: SearchHit[] = [];
  const people = (where: RawBuilder<boolean>) => sql<{ id: number; full_name: string; nik: string; birth_date: string; kpj: string | null; regency: string | null }>`
    SELECT p.id, p.full_name, p.nik, p.birth_date, r.name AS regency,
           (SELECT k.kpj FROM kpj_numbers k WHERE k.person_id = p.id AND k.merged_into IS NULL ORDER BY k.issued_at LIMIT 1) AS kpj
    FROM people p LEFT JOIN regions r ON r.code = p.regency_code
    WHERE ${where} AND ${inScopeSql(scope, sql`p.regency_code`)}
    ORDER BY p.full_name, p.id LIMIT ${limit}`.execute(db);
  const employers = (where: RawBuilder<boolean>) => sql<{ id: number; legal_name: string; npp: string; regency: string | null }>`
    SELECT e.id, e.legal_name, e.npp, r.name AS regency FROM employers e LEFT JOIN regions r ON r.code = e.regency_code
    WHERE ${where} AND ${inScopeSql(scope, sql`e.regency_code`)}
    ORDER BY e.legal_name LIMIT ${limit}`.execute(db);

  let personRows;
  let employerRows;
  if (/^\d{16}$/.test(query)) personRows = await people(sql`p.nik = ${query}`);
  else if (/^\d{9,15}$/.test(query)) personRows = await people(sql`p.id IN (SELECT person_id FROM kpj_numbers WHERE kpj = ${query})`);
  else if (/^\d{8}$/.test(query)) employerRows = await employers(sql`e.npp = ${query}`);
  else if (query.length >= 3) {
    const like = `%${personSearchName(query).replace(/[%_\\]/g, '\\$&')}%`;
    personRows = await people(sql`p.search_name LIKE ${like}`);
    employerRows = await employers(sql`e.search_name LIKE ${like}`);
  }
  for (const p of personRows?.rows ?? []) {
    const born = lang === 'id' ? `lahir ${p.birth_date.slice(0, 4)}` : `born ${p.birth_date.slice(0, 4)}`;
    hits.push({ kind: 'person', id: p.id, title: maskName(p.full_name), detail: `NIK ${maskNik(p.nik)} · ${born}${p.kpj ? ` · KPJ ${maskKpj(p.kpj)}` : ''}`, regencyName: p.regency });
  }
  for (const e of employerRows?.rows ?? []) hits.push({ kind: 'employer', id: e.id, title: e.legal_name, detail: `NPP ${e.npp}`, regencyName: e.regency });
  return hits;
}

export async function personInScope(db: Executor, request: FastifyRequest, personId: number) {
  const user = requireUser(request);
  const person = await db.selectFrom('people').select(['id', 'regency_code']).where('id', '=', personId).executeTakeFirst();
  if (!person) throw new AppError(404, 'not_found');
  if (!regionInScope(user.scope, person.regency_code)) throw new AppError(403, 'out_of_scope');
  return person;
}

/** The whole record of a person, for staff in scope; the view itself is an audit event. */
export async function viewPerson(db: Db, request: FastifyRequest, personId: number) {
  await personInScope(db, request, personId);
  const user = requireUser(request);
  const p = await db.selectFrom('people as p').leftJoin('regions as v', 'v.code', 'p.village_code').leftJoin('occupations as o', 'o.code', 'p.occupation_code')
    .select(['p.id', 'p.nik', 'p.full_name', 'p.birth_date', 'p.sex', 'p.phone', 'p.village_code', 'v.name as village_name', 'p.regency_code', 'p.address',
      'o.name_id as occupation_id', 'o.name_en as occupation_en', 'p.vulnerable', 'p.vulnerable_reason', 'p.created_at'])
    .where('p.id', '=', personId).executeTakeFirstOrThrow();
  const [kpjs, participations, employments, family] = await Promise.all([
    db.selectFrom('kpj_numbers').select(['kpj', 'source', 'merged_into', 'merged_at', 'issued_at']).where('person_id', '=', personId).orderBy('issued_at').execute(),
    db.selectFrom('participants').select(['id', 'kpj', 'segment', 'programs', 'status', 'declared_income', 'registered_via', 'registered_at', 'ended_at'])
      .where('person_id', '=', personId).orderBy('registered_at').execute(),
    db.selectFrom('employments as m').innerJoin('employers as e', 'e.id', 'm.employer_id')
      .select(['m.id', 'e.id as employer_id', 'e.legal_name', 'e.npp', 'm.contract_type', 'm.start_date', 'm.end_date', 'm.end_reason'])
      .where('m.person_id', '=', personId).orderBy('m.start_date', 'desc').execute(),
    familyOf(db, personId),
  ]);
  await inTransaction(db, (tx) => recordAudit(tx, { actor: { userId: user.id, role: user.role }, action: 'person.viewed', entityType: 'person', entityId: personId, requestId: request.id }));
  return {
    id: p.id, nik: p.nik, fullName: p.full_name, birthDate: p.birth_date, sex: p.sex, phone: p.phone, villageCode: p.village_code, villageName: p.village_name,
    regencyCode: p.regency_code, address: p.address, occupation: request.lang === 'id' ? p.occupation_id : p.occupation_en, vulnerable: p.vulnerable,
    vulnerableReason: p.vulnerable_reason,
    kpjs: kpjs.map((k) => ({ kpj: k.kpj, source: k.source, mergedInto: k.merged_into, mergedAt: k.merged_at?.toISOString() ?? null, issuedAt: k.issued_at.toISOString() })),
    participations: participations.map((x) => ({ id: x.id, kpj: x.kpj, segment: x.segment, programs: x.programs, status: x.status, declaredIncome: x.declared_income,
      registeredVia: x.registered_via, registeredAt: x.registered_at.toISOString(), endedAt: x.ended_at?.toISOString() ?? null })),
    employments: employments.map((m) => ({ id: m.id, employerId: m.employer_id, employerName: m.legal_name, npp: m.npp, contractType: m.contract_type,
      startDate: m.start_date, endDate: m.end_date, endReason: m.end_reason })),
    family,
  };
}

/**
 * Attaches a KPJ number found for this person (a legacy card, as in "Tambah Kartu Peserta"), so that
 * it can be merged. A number Lindung issued must pass its check digit.
 */
export async function attachLegacyKpj(db: Db, request: FastifyRequest, personId: number, kpj: string, actor: AuditActor) {
  await personInScope(db, request, personId);
  if (isLindungKpj(kpj) && !luhnValid(kpj)) throw new AppError(422, 'validation_failed', {}, [{ field: 'kpj', rule: 'kpj_check_digit' }]);
  await inTransaction(db, async (tx) => {
    const taken = await tx.selectFrom('kpj_numbers').select('person_id').where('kpj', '=', kpj).executeTakeFirst();
    if (taken) throw new AppError(409, 'kpj_taken', {}, [{ field: 'kpj', rule: 'unique' }]);
    await tx.insertInto('kpj_numbers').values({ kpj, person_id: personId, source: 'legacy' }).execute();
    await recordAudit(tx, { actor, action: 'kpj.attached', entityType: 'person', entityId: personId, after: { kpj, source: 'legacy' }, requestId: request.id });
  });
}

/**
 * Merges a person's other KPJ numbers into one primary KPJ. Nothing is deleted: participations keep
 * the number they were registered under, and a merged number still finds the person.
 */
export async function mergeKpjs(db: Db, request: FastifyRequest, personId: number, primary: string, merge: string[], actor: AuditActor) {
  await personInScope(db, request, personId);
  await inTransaction(db, async (tx) => {
    const numbers = await tx.selectFrom('kpj_numbers').select(['kpj', 'person_id', 'merged_into']).where('kpj', 'in', [primary, ...merge]).forUpdate().execute();
    const valid = numbers.length === merge.length + 1 && !merge.includes(primary) && numbers.every((n) => n.person_id === personId && n.merged_into === null);
    if (!valid) throw new AppError(422, 'kpj_merge_invalid', {}, [{ field: 'merge', rule: 'kpj_merge_invalid' }]);
    await tx.updateTable('kpj_numbers').set({ merged_into: primary, merged_at: new Date() }).where('kpj', 'in', merge).execute();
    await recordAudit(tx, { actor, action: 'kpj.merged', entityType: 'person', entityId: personId, before: { kpjs: [primary, ...merge] }, after: { primary, merged: merge }, requestId: request.id });
  });
}

export async function listDuplicates(db: Executor, scope: Scope, status: 'open' | 'not_duplicate' | 'resolved', limit: number) {
  const rows = (await sql<{ id: number; kind: string; person_ids: number[]; regency_code: string; regency: string | null; status: string; created_at: Date }>`
    SELECT d.id, d.kind, d.person_ids, d.regency_code, r.name AS regency, d.status, d.created_at
    FROM duplicate_candidates d LEFT JOIN regions r ON r.code = d.regency_code
    WHERE d.status = ${status} AND ${inScopeSql(scope, sql`d.regency_code`)}
    ORDER BY d.created_at, d.id LIMIT ${limit}`.execute(db)).rows;
  const ids = [...new Set(rows.flatMap((r) => r.person_ids))];
  const people = ids.length ? await db.selectFrom('people').select(['id', 'full_name', 'nik', 'birth_date', 'phone']).where('id', 'in', ids).execute() : [];
  const byId = new Map(people.map((p) => [p.id, p]));
  return rows.map((r) => ({
    id: r.id, kind: r.kind, regencyCode: r.regency_code, regencyName: r.regency, status: r.status, createdAt: r.created_at.toISOString(),
    people: r.person_ids.map((id) => byId.get(id)).filter((p) => !!p).map((p) => ({
      id: p.id, name: maskName(p.full_name), nikMasked: maskNik(p.nik), birthYear: p.birth_date.slice(0, 4), phoneMasked: p.phone ? maskPhone(p.phone) : null,
    })),
  }));
}

export async function resolveDuplicate(db: Db, request: FastifyRequest, id: number, outcome: 'not_duplicate' | 'resolved', actor: AuditActor) {
  const user = requireUser(request);
  await inTransaction(db, async (tx) => {
    const d = await tx.selectFrom('duplicate_candidates').select(['status', 'regency_code']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!d) throw new AppError(404, 'not_found');
    if (!regionInScope(user.scope, d.regency_code)) throw new AppError(403, 'out_of_scope');
    await tx.updateTable('duplicate_candidates').set({ status: outcome, resolved_by: user.id, resolved_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(tx, { actor, action: 'duplicate.reviewed', entityType: 'duplicate_candidate', entityId: id, before: { status: d.status }, after: { status: outcome }, requestId: request.id });
  });
}

export interface FamilyInput {
  relation: Relation;
  fullName: string;
  nik?: string;
  birthDate: string;
  sex: Sex;
  married?: boolean;
  working?: boolean;
}

export async function familyOf(db: Executor, personId: number) {
  const rows = await db.selectFrom('family_members').selectAll().where('person_id', '=', personId).orderBy('relation').orderBy('birth_date').execute();
  const members = rows.map((r) => ({ id: r.id, relation: r.relation, birthDate: r.birth_date, married: r.married, working: r.working, deceased: r.deceased }));
  const claim = mayClaim(members);
  const scholarship = scholarshipChildren(members, today());
  return rows.map((r) => ({
    id: r.id, relation: r.relation, fullName: r.full_name, nikMasked: r.nik ? maskNik(r.nik) : null, birthDate: r.birth_date, sex: r.sex,
    married: r.married, working: r.working, deceased: r.deceased, mayClaim: claim.has(r.id), scholarshipEligible: scholarship.has(r.id),
  }));
}

export async function addFamilyMember(db: Db, personId: number, input: FamilyInput, actor: AuditActor, requestId?: string) {
  return inTransaction(db, async (tx) => {
    const row = {
      person_id: personId, relation: input.relation, full_name: input.fullName.trim(), nik: input.nik ?? null, birth_date: input.birthDate, sex: input.sex,
      married: input.married ?? false, working: input.working ?? false,
    };
    const { id } = await tx.insertInto('family_members').values(row).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, { actor, action: 'family.added', entityType: 'person', entityId: personId, after: { ...row, family_member_id: id }, requestId });
    return id;
  });
}


