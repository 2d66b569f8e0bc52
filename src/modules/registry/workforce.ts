/**
 * One worker at a time, as an employer's HR does it in the portal: hire, change a wage, end an
 * employment. Files of the whole workforce go through workforce-upload.ts with the same rules.
 */
import { sql } from 'kysely';
import { inTransaction, type Db, type Executor, type Tx } from '../../platform/db.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { normalizeIndonesianPhone } from '../../platform/phone.ts';
import { maskNik } from '../../platform/privacy.ts';
import { recordAudit, type AuditActor } from '../audit/audit.ts';
import { changeParticipantStatus, createParticipant, createPerson, findPersonByNik, nikFieldErrors, personSearchName } from './people.ts';
import type { ContractType, EndReason, Program, Sex, SizeClass } from './tables.ts';
import { checkName, checkPastDate, monthStart, today } from './validation.ts';

/** PU programmes by employer size: micro and small businesses may stay out of JP (RULES.md §1). */
export function puPrograms(size: SizeClass): Program[] {
  return size === 'micro' ? ['JKK', 'JKM', 'JHT'] : ['JKK', 'JKM', 'JHT', 'JP', 'JKP'];
}

export interface HireInput {
  nik: string;
  fullName: string;
  birthDate: string;
  sex: Sex;
  phone?: string;
  employeeRef?: string;
  contractType: ContractType;
  startDate: string;
  wage: number;
  wageMonth?: string;
}

const currentMonth = () => `${today().slice(0, 7)}-01`;

/** The PU participation of a person, opened if the person has none open. */
async function openPuParticipation(tx: Tx, personId: number, size: SizeClass, actor: AuditActor, requestId?: string) {
  const open = await tx.selectFrom('participants').select('id').where('person_id', '=', personId).where('segment', '=', 'PU').where('status', '<>', 'ended').executeTakeFirst();
  if (open) return open.id;
  return (await createParticipant(tx, { personId, segment: 'PU', programs: puPrograms(size), registeredVia: 'employer', status: 'active', reason: 'reported by employer' }, actor, requestId)).id;
}

export async function hireWorker(db: Db, employer: { id: number; sizeClass: SizeClass }, input: HireInput, actor: AuditActor, requestId?: string) {
  const errors: FieldError[] = [...checkName('fullName', input.fullName)];
  const birthErrors = checkPastDate('birthDate', input.birthDate);
  errors.push(...birthErrors, ...checkPastDate('startDate', input.startDate));
  errors.push(...await nikFieldErrors(db, input.nik, birthErrors.length ? undefined : input.birthDate, input.sex));
  const phone = input.phone ? normalizeIndonesianPhone(input.phone) : null;
  if (input.phone && !phone) errors.push({ field: 'phone', rule: 'phone_invalid' });
  const wageMonth = input.wageMonth ? monthStart(input.wageMonth) : currentMonth();
  if (!wageMonth) errors.push({ field: 'wageMonth', rule: 'month_invalid' });
  if (errors.length) throw new AppError(422, 'validation_failed', {}, errors);

  return inTransaction(db, async (tx) => {
    const known = await findPersonByNik(tx, input.nik);
    if (known && (known.birth_date !== input.birthDate || known.search_name !== personSearchName(input.fullName))) {
      throw new AppError(409, 'person_mismatch', {}, [{ field: 'nik', rule: 'person_mismatch' }]);
    }
    const personId = known?.id ?? await createPerson(tx, { nik: input.nik, fullName: input.fullName, birthDate: input.birthDate, sex: input.sex, phone }, actor, requestId);
    const employed = await tx.selectFrom('employments').select('id').where('employer_id', '=', employer.id).where('person_id', '=', personId).where('end_date', 'is', null).executeTakeFirst();
    if (employed) throw new AppError(409, 'already_employed', {}, [{ field: 'nik', rule: 'unique' }]);
    const participantId = await openPuParticipation(tx, personId, employer.sizeClass, actor, requestId);
    const row = { employer_id: employer.id, person_id: personId, participant_id: participantId, employee_ref: input.employeeRef ?? null, contract_type: input.contractType, start_date: input.startDate };
    const { id } = await tx.insertInto('employments').values(row).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('wages').values({ employment_id: id, employer_id: employer.id, effective_month: wageMonth!, wage: input.wage }).execute();
    await recordAudit(tx, { actor, action: 'employment.started', entityType: 'person', entityId: personId, after: { ...row, wage: input.wage, effective_month: wageMonth }, requestId });
    return { employmentId: id, personId, participantId };
  });
}

async function openEmployment(tx: Tx, employerId: number, employmentId: number) {
  const e = await tx.selectFrom('employments').selectAll().where('id', '=', employmentId).where('employer_id', '=', employerId).forUpdate().executeTakeFirst();
  if (!e || e.end_date) throw new AppError(409, 'employment_not_open');
  return e;
}

export async function changeWage(db: Db, employerId: number, employmentId: number, input: { effectiveMonth: string; wage: number }, actor: AuditActor, requestId?: string) {
  const month = monthStart(input.effectiveMonth);
  if (!month) throw new AppError(422, 'validation_failed', {}, [{ field: 'effectiveMonth', rule: 'month_invalid' }]);
  return inTransaction(db, async (tx) => {
    const e = await openEmployment(tx, employerId, employmentId);
    const before = await tx.selectFrom('wages').select('wage').where('employment_id', '=', employmentId).where('effective_month', '=', month).executeTakeFirst();
    await tx.insertInto('wages').values({ employment_id: employmentId, employer_id: employerId, effective_month: month, wage: input.wage })
      .onConflict((oc) => oc.columns(['employment_id', 'effective_month']).doUpdateSet({ wage: input.wage })).execute();
    await recordAudit(tx, { actor, action: 'wage.reported', entityType: 'person', entityId: e.person_id, before: before ? { wage: before.wage, effective_month: month } : null, after: { wage: input.wage, effective_month: month, employment_id: employmentId }, requestId });
  });
}

export async function endEmployment(db: Db, employerId: number, employmentId: number, input: { endDate: string; endReason: EndReason }, actor: AuditActor, requestId?: string) {
  return inTransaction(db, async (tx) => {
    const e = await openEmployment(tx, employerId, employmentId);
    const errors = checkPastDate('endDate', input.endDate);
    if (!errors.length && input.endDate < e.start_date) errors.push({ field: 'endDate', rule: 'date_before_start' });
    if (errors.length) throw new AppError(422, 'validation_failed', {}, errors);
    await tx.updateTable('employments').set({ end_date: input.endDate, end_reason: input.endReason, updated_at: new Date() }).where('id', '=', employmentId).execute();
    await recordAudit(tx, { actor, action: 'employment.ended', entityType: 'person', entityId: e.person_id, before: { end_date: null }, after: { end_date: input.endDate, end_reason: input.endReason, employment_id: employmentId }, requestId });
    await endPuIfNoEmployment(tx, e.person_id, e.participant_id, actor, requestId);
  });
}

/** A PU participation ends when its person has no open employment left. */
export async function endPuIfNoEmployment(tx: Tx, personId: number, participantId: number, actor: AuditActor, requestId?: string) {
  const stillEmployed = await tx.selectFrom('employments').select('id').where('person_id', '=', personId).where('end_date', 'is', null).executeTakeFirst();
  if (!stillEmployed) await changeParticipantStatus(tx, participantId, 'ended', 'no open employment', actor, requestId);
}

export interface WorkerRow {
  employmentId: number;
  personId: number;
  nikMasked: string;
  fullName: string;
  employeeRef: string | null;
  contractType: ContractType;
  startDate: string;
  endDate: string | null;
  endReason: EndReason | null;
  wage: number | null;
  wageMonth: string | null;
  kpj: string;
}

export async function listWorkers(db: Executor, employerId: number, opts: { open: boolean; limit: number; offset: number; q?: string }) {
  const rows = await sql<Omit<WorkerRow, 'nikMasked'> & { nik: string }>`
    SELECT m.id AS "employmentId", p.id AS "personId", p.nik, p.full_name AS "fullName", m.employee_ref AS "employeeRef",
           m.contract_type AS "contractType", m.start_date AS "startDate", m.end_date AS "endDate", m.end_reason AS "endReason",
           w.wage, w.effective_month AS "wageMonth", pa.kpj
    FROM employments m
    JOIN people p ON p.id = m.person_id
    JOIN participants pa ON pa.id = m.participant_id
    LEFT JOIN LATERAL (SELECT wage, effective_month FROM wages WHERE employment_id = m.id AND effective_month <= ${currentMonth()}
                       ORDER BY effective_month DESC LIMIT 1) w ON true
    WHERE m.employer_id = ${employerId} ${opts.open ? sql`AND m.end_date IS NULL` : sql``}
      ${opts.q ? sql`AND (p.search_name LIKE ${`%${personSearchName(opts.q)}%`} OR m.employee_ref = ${opts.q})` : sql``}
    ORDER BY p.full_name, m.id
    LIMIT ${opts.limit} OFFSET ${opts.offset}`.execute(db);
  const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM employments WHERE employer_id = ${employerId} ${opts.open ? sql`AND end_date IS NULL` : sql``}`.execute(db);
  return { items: rows.rows.map(({ nik, ...r }) => ({ ...r, nikMasked: maskNik(nik) })), total: total.rows[0]!.n };
}

/** What a worker sees of their own reported wages, across all employers (the most common complaint: under-reporting). */
export async function wageHistoryOfPerson(db: Executor, personId: number) {
  return (await sql<{ employerName: string; npp: string; effectiveMonth: string; wage: number; startDate: string; endDate: string | null }>`
    SELECT e.legal_name AS "employerName", e.npp, w.effective_month AS "effectiveMonth", w.wage, m.start_date AS "startDate", m.end_date AS "endDate"
    FROM employments m JOIN employers e ON e.id = m.employer_id JOIN wages w ON w.employment_id = m.id
    WHERE m.person_id = ${personId}
    ORDER BY w.effective_month DESC, e.legal_name`.execute(db)).rows;
}
