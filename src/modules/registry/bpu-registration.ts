/**
 * Informal workers register themselves (or through an agent) in three short steps. Everything is
 * checked before anything is written; a registration is one transaction: person, KPJ, participant,
 * sign-in account and their audit events, or nothing.
 */
import type { Db } from '../../platform/db.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { formatRupiah } from '../../platform/money.ts';
import { normalizeIndonesianPhone } from '../../platform/phone.ts';
import { inTransaction } from '../../platform/db.ts';
import type { AuditActor } from '../audit/audit.ts';
import { createUser } from '../identity/service.ts';
import { BPU_KEYS, bpuMonthlyContribution, minimumDeclaredIncome, type BpuQuote } from '../rules/bpu.ts';
import { parametersAt } from '../rules/parameters.ts';
import { maskKpj } from './check-digits.ts';
import { createParticipant, createPerson, findPersonByNik, nikFieldErrors } from './people.ts';
import type { Program, Sex } from './tables.ts';
import { checkName, checkPastDate, today } from './validation.ts';

export interface BpuRegistrationInput {
  nik: string;
  fullName: string;
  birthDate: string;
  sex: Sex;
  phone: string;
  villageCode: string;
  occupation: string;
  declaredIncome: number;
  programs: Program[];
  /** the worker asks for help with the contributions (GN Lingkaran donors may fund them), and why */
  vulnerable?: boolean;
  vulnerableReason?: string;
}

export interface BpuRegistrationResult {
  participantId: number;
  personId: number;
  kpj: string;
  status: 'pending';
  monthlyContribution: BpuQuote & { productDefault: boolean };
}

const BPU_PROGRAMS: Program[] = ['JKK', 'JKM', 'JHT'];

/** Everything wrong with a registration, field by field, in one pass; no writes. */
export async function bpuRegistrationErrors(db: Db, input: BpuRegistrationInput, minIncome: number): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  errors.push(...checkName('fullName', input.fullName));
  const dateErrors = checkPastDate('birthDate', input.birthDate);
  errors.push(...dateErrors);
  errors.push(...await nikFieldErrors(db, input.nik, dateErrors.length ? undefined : input.birthDate, input.sex));
  if (!normalizeIndonesianPhone(input.phone)) errors.push({ field: 'phone', rule: 'phone_invalid' });
  const village = await db.selectFrom('regions').select('code').where('code', '=', input.villageCode).where('level', '=', 4).executeTakeFirst();
  if (!village) errors.push({ field: 'villageCode', rule: 'village_unknown' });
  const occupation = await db.selectFrom('occupations').select('code').where('code', '=', input.occupation).executeTakeFirst();
  if (!occupation) errors.push({ field: 'occupation', rule: 'occupation_unknown' });
  if (input.declaredIncome < minIncome) errors.push({ field: 'declaredIncome', rule: 'income_below_minimum', params: { min: formatRupiah(minIncome) } });
  if (!input.programs.includes('JKK') || !input.programs.includes('JKM')) errors.push({ field: 'programs', rule: 'programs_required' });
  for (const p of input.programs) if (!BPU_PROGRAMS.includes(p)) errors.push({ field: 'programs', rule: 'program_not_available', params: { program: p } });
  return errors;
}

/** The monthly amount a BPU participant would pay, for the form's last step and the registration. */
export async function bpuQuoteToday(db: Db, declaredIncome: number, includeJht: boolean) {
  const params = await parametersAt(db, BPU_KEYS, today());
  const quote = bpuMonthlyContribution(params, declaredIncome, includeJht);
  return { ...quote, productDefault: quote.lines.some((l) => l.productDefault), minimumIncome: minimumDeclaredIncome(params) };
}

export async function registerBpu(db: Db, input: BpuRegistrationInput, ctx: { actor: AuditActor; via: 'self' | 'agent' | 'officer'; requestId?: string }): Promise<BpuRegistrationResult> {
  const params = await parametersAt(db, BPU_KEYS, today());
  const errors = await bpuRegistrationErrors(db, input, minimumDeclaredIncome(params));
  if (errors.length) throw new AppError(422, 'validation_failed', {}, errors);
  await refuseIfRegistered(db, input.nik);

  const programs = BPU_PROGRAMS.filter((p) => input.programs.includes(p));
  const quote = bpuMonthlyContribution(params, input.declaredIncome, programs.includes('JHT'));
  const phone = normalizeIndonesianPhone(input.phone)!;
  try {
    return await inTransaction(db, async (tx) => {
      // a person recorded earlier without a participation (an heir, an ended worker) is reused, not duplicated
      const known = await findPersonByNik(tx, input.nik);
      const personId = known?.id ?? await createPerson(tx, { ...input, phone, occupation: input.occupation }, ctx.actor, ctx.requestId);
      const { id, kpj } = await createParticipant(tx, {
        personId, segment: 'BPU', programs, declaredIncome: input.declaredIncome, registeredVia: ctx.via, status: 'pending',
        reason: 'registered; first contribution not yet paid',
      }, ctx.actor, ctx.requestId);
      const userId = await createUser(tx, { username: `kpj${kpj}`, displayName: input.fullName.trim(), role: 'participant', phone }, ctx.actor, ctx.requestId);
      await tx.insertInto('person_accounts').values({ person_id: personId, user_id: userId }).execute();
      return { participantId: id, personId, kpj, status: 'pending' as const, monthlyContribution: { ...quote, productDefault: quote.lines.some((l) => l.productDefault) } };
    });
  } catch (err) {
    // two registrations of one NIK at the same moment: the database's unique key decides, the loser hears 409
    if ((err as { code?: string }).code === '23505') await refuseIfRegistered(db, input.nik);
    throw err;
  }
}

async function refuseIfRegistered(db: Db, nik: string) {
  const existing = await db.selectFrom('people as p').innerJoin('participants as pa', 'pa.person_id', 'p.id')
    .select(['pa.kpj', 'pa.segment']).where('p.nik', '=', nik).orderBy('pa.registered_at').executeTakeFirst();
  if (existing) {
    const kpj = maskKpj(existing.kpj);
    throw new AppError(409, 'already_registered', { kpj }, [{ field: 'nik', rule: 'unique' }], { kpj, segment: existing.segment });
  }
}
