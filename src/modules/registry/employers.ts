/** Employers: registration with an NPP (D18), their branch by region, and their users. */
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { inTransaction, type Db, type Executor } from '../../platform/db.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { regionInScope, requireUser } from '../../platform/http/access.ts';
import { recordAudit, type AuditActor } from '../audit/audit.ts';
import { createUser } from '../identity/service.ts';
import { searchName } from '../regions/names.ts';
import { branchForRegion } from './branches.ts';
import { nppFromSequence } from './check-digits.ts';
import type { SizeClass } from './tables.ts';
import './messages.ts';

export interface EmployerInput {
  legalName: string;
  sector: string;
  riskClass: number;
  sizeClass: SizeClass;
  address: string;
  villageCode: string;
  laborIntensive?: boolean;
  admin?: { username: string; displayName: string; password: string; email?: string };
}

export async function registerEmployer(db: Db, input: EmployerInput, actor: AuditActor, requestId?: string) {
  const errors: FieldError[] = [];
  const village = await db.selectFrom('regions').select('code').where('code', '=', input.villageCode).where('level', '=', 4).executeTakeFirst();
  if (!village) errors.push({ field: 'villageCode', rule: 'village_unknown' });
  if (errors.length) throw new AppError(422, 'validation_failed', {}, errors);
  const branch = await branchForRegion(db, input.villageCode);
  if (!branch) throw new AppError(422, 'validation_failed', {}, [{ field: 'villageCode', rule: 'village_unknown' }]);
  return inTransaction(db, async (tx) => {
    const { rows } = await sql<{ seq: number }>`SELECT nextval('npp_seq') AS seq`.execute(tx);
    const row = {
      npp: nppFromSequence(Number(rows[0]!.seq)), legal_name: input.legalName.trim(), search_name: searchName(input.legalName), sector: input.sector.trim(),
      risk_class: input.riskClass, size_class: input.sizeClass, address: input.address.trim(), village_code: input.villageCode,
      regency_code: input.villageCode.split('.').slice(0, 2).join('.'), branch_id: branch.id, labor_intensive: input.laborIntensive ?? false,
    };
    const { id } = await tx.insertInto('employers').values(row).returning('id').executeTakeFirstOrThrow();
    const { search_name: _, ...audited } = row;
    await recordAudit(tx, { actor, action: 'employer.created', entityType: 'employer', entityId: id, after: audited, requestId });
    if (input.admin) {
      const userId = await createUser(tx, { ...input.admin, role: 'employer_admin' }, actor, requestId);
      await tx.insertInto('employer_users').values({ user_id: userId, employer_id: id }).execute();
    }
    return { id, npp: row.npp, branchName: branch.name };
  });
}

export interface EmployerView {
  id: number;
  npp: string;
  legalName: string;
  sector: string;
  riskClass: number;
  sizeClass: SizeClass;
  address: string;
  villageCode: string;
  regencyCode: string;
  branchId: number;
  branchName: string;
  laborIntensive: boolean;
  status: string;
  openEmployments: number;
}

export function employerQuery(db: Executor) {
  return db.selectFrom('employers as e').innerJoin('branches as b', 'b.id', 'e.branch_id').select([
    'e.id', 'e.npp', 'e.legal_name as legalName', 'e.sector', 'e.risk_class as riskClass', 'e.size_class as sizeClass', 'e.address',
    'e.village_code as villageCode', 'e.regency_code as regencyCode', 'e.branch_id as branchId', 'b.name as branchName',
    'e.labor_intensive as laborIntensive', 'e.status',
    (eb) => eb.selectFrom('employments as m').whereRef('m.employer_id', '=', 'e.id').where('m.end_date', 'is', null).select(sql<number>`count(*)::int`.as('n')).as('openEmployments'),
  ]);
}

export async function getEmployer(db: Executor, id: number): Promise<EmployerView | undefined> {
  return (await employerQuery(db).where('e.id', '=', id).executeTakeFirst()) as EmployerView | undefined;
}

/**
 * Who may work on an employer's records: its own employer admins; staff whose branch or regions
 * cover the employer's regency; national staff. Everyone else is refused, as if it did not exist.
 */
export async function assertEmployerAccess(db: Executor, request: FastifyRequest, employerId: number): Promise<EmployerView> {
  const user = requireUser(request);
  const employer = await getEmployer(db, employerId);
  if (!employer) throw new AppError(404, 'not_found');
  if (user.role === 'employer_admin') {
    const link = await db.selectFrom('employer_users').select('employer_id').where('user_id', '=', user.id).where('employer_id', '=', employerId).executeTakeFirst();
    if (!link) throw new AppError(404, 'not_found');
    return employer;
  }
  if (!regionInScope(user.scope, employer.regencyCode)) throw new AppError(403, 'out_of_scope');
  return employer;
}

/** Another account for the employer's staff (HR colleagues); an employer admin adds them for their own company. */
export async function addEmployerUser(db: Db, employerId: number, input: { username: string; displayName: string; password: string; email?: string }, actor: AuditActor, requestId?: string) {
  return inTransaction(db, async (tx) => {
    const userId = await createUser(tx, { ...input, role: 'employer_admin' }, actor, requestId);
    await tx.insertInto('employer_users').values({ user_id: userId, employer_id: employerId }).execute();
    await recordAudit(tx, { actor, action: 'employer.user_added', entityType: 'employer', entityId: employerId, after: { user_id: userId, username: input.username }, requestId });
    return userId;
  });
}

export function usersOfEmployer(db: Executor, employerId: number) {
  return db.selectFrom('employer_users as eu').innerJoin('users as u', 'u.id', 'eu.user_id')
    .select(['u.id', 'u.username', 'u.display_name as displayName', sql<boolean>`u.disabled_at IS NOT NULL`.as('disabled')])
    .where('eu.employer_id', '=', employerId).orderBy('u.username').execute();
}

/** The employers an employer admin works for. */
export function employersOfUser(db: Executor, userId: number) {
  return employerQuery(db).innerJoin('employer_users as eu', 'eu.employer_id', 'e.id').where('eu.user_id', '=', userId).orderBy('e.legal_name').execute() as Promise<EmployerView[]>;
}
