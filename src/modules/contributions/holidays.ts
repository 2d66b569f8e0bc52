/**
 * The holiday calendar that due dates move past (calendar.ts nextWorkingDay), maintained with
 * maker-checker as the rules are: a later due date means a later fine, so one admin proposes adding a
 * day or removing one, with the decree it comes from (an SKB of three ministers, a presidential decree
 * for an election day), and a different admin approves or rejects it. Every step writes its audit event
 * in the same transaction. Bills keep the due date they were issued with; only bills issued after an
 * approval see the change.
 */
import { sql } from 'kysely';
import { inTransaction, type Db, type Executor, type Tx } from '../../platform/db.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { defineFieldRules, defineProblems } from '../../platform/i18n.ts';
import { recordAudit, type AuditActor } from '../audit/audit.ts';
import { MissingRuleError, parametersAt } from '../rules/parameters.ts';
import { isRealDate } from '../rules/proposals.ts';
import { dueDate } from './calendar.ts';
import { loadHolidays } from './rules.ts';

defineFieldRules({
  holiday_exists: { id: 'Tanggal {day} sudah tercatat sebagai hari libur ({name}).', en: '{day} is already a holiday ({name}).' },
  holiday_missing: { id: 'Tanggal {day} tidak tercatat sebagai hari libur.', en: '{day} is not a recorded holiday.' },
  holiday_pending: { id: 'Sudah ada usulan yang menunggu untuk tanggal ini (usulan #{id}).', en: 'A proposal for this date is already waiting (proposal #{id}).' },
  holiday_action: { id: 'Pilih tambah atau hapus.', en: 'Choose add or remove.' },
});

defineProblems({
  holiday_proposal_not_found: {
    title: { id: 'Usulan tidak ditemukan', en: 'Proposal not found' },
    detail: { id: 'Tidak ada usulan hari libur #{id}.', en: 'There is no holiday proposal #{id}.' },
  },
  holiday_proposal_decided: {
    title: { id: 'Usulan sudah diputuskan', en: 'Proposal already decided' },
    detail: { id: 'Usulan hari libur #{id} sudah diputuskan; keputusan tidak dapat diubah.', en: 'Holiday proposal #{id} is already decided; a decision cannot be changed.' },
  },
  own_holiday_proposal: {
    title: { id: 'Anda tidak dapat memutuskan usulan Anda sendiri', en: 'You cannot decide your own proposal' },
    detail: { id: 'Perubahan kalender hari libur memerlukan dua orang: admin lain harus menyetujui atau menolak usulan #{id}.', en: 'A change to the holiday calendar needs two people: another admin must approve or reject proposal #{id}.' },
  },
  holiday_changed_meanwhile: {
    title: { id: 'Kalender sudah berubah', en: 'The calendar has changed' },
    detail: { id: 'Sejak usulan #{id} dibuat, tanggal {day} {state}. Tolak usulan ini.', en: 'Since proposal #{id} was made, {day} {stateEn}. Reject this proposal.' },
  },
});

export interface Holiday {
  day: string;
  nameId: string;
  nameEn: string;
  legalBasis: string;
}

export interface HolidayProposalInput {
  action: string;
  day: string;
  nameId?: string | null;
  nameEn?: string | null;
  legalBasis: string;
}

export interface HolidayProposal {
  id: number;
  action: 'add' | 'remove';
  day: string;
  nameId: string | null;
  nameEn: string | null;
  legalBasis: string;
  status: 'pending' | 'approved' | 'rejected';
  proposedBy: { id: number; name: string };
  proposedAt: string;
  decidedBy: { id: number; name: string } | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

/** A year's due dates: for each contribution month, when its PU and BPU bills fall due. */
export interface MonthDueDates {
  period: string;
  pu: string;
  bpu: string;
}

/** Every field error of a proposal, given the holiday recorded on its day (if any). Pure. */
export function holidayProposalErrors(input: HolidayProposalInput, recorded: Holiday | undefined): FieldError[] {
  const errors: FieldError[] = [];
  if (input.action !== 'add' && input.action !== 'remove') errors.push({ field: 'action', rule: 'holiday_action' });
  if (!isRealDate(input.day)) errors.push({ field: 'day', rule: 'rule_date' });
  else if (input.action === 'add' && recorded) errors.push({ field: 'day', rule: 'holiday_exists', params: { day: input.day, name: recorded.nameId } });
  else if (input.action === 'remove' && !recorded) errors.push({ field: 'day', rule: 'holiday_missing', params: { day: input.day } });
  if (input.action === 'add') {
    if (!input.nameId?.trim()) errors.push({ field: 'nameId', rule: 'required' });
    if (!input.nameEn?.trim()) errors.push({ field: 'nameEn', rule: 'required' });
  }
  if (!input.legalBasis.trim()) errors.push({ field: 'legalBasis', rule: 'required' });
  return errors;
}

const holidayView = (r: { day: string; name_id: string; name_en: string; legal_basis: string }): Holiday =>
  ({ day: r.day, nameId: r.name_id, nameEn: r.name_en, legalBasis: r.legal_basis });

async function holidayOn(db: Executor, day: string): Promise<Holiday | undefined> {
  const r = await db.selectFrom('holidays').selectAll().where('day', '=', day).executeTakeFirst();
  return r && holidayView(r);
}

/** The holidays of one year, in date order, and the years the calendar holds. */
export async function holidaysOf(db: Executor, year: number): Promise<{ holidays: Holiday[]; years: number[] }> {
  const rows = await db.selectFrom('holidays').selectAll().where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`).orderBy('day').execute();
  const years = await sql<{ year: number }>`SELECT DISTINCT extract(year FROM day)::int AS year FROM holidays ORDER BY 1`.execute(db);
  return { holidays: rows.map(holidayView), years: years.rows.map((r) => r.year) };
}

/** When each month of a year falls due, by the due-date rules in force for that month and the calendar now. */
const DUE_KEYS = ['pu.due.day', 'pu.due.month_offset', 'bpu.due.day', 'bpu.due.month_offset'];

export async function dueDatesOf(db: Executor, year: number): Promise<MonthDueDates[]> {
  const holidays = await loadHolidays(db);
  const out: MonthDueDates[] = [];
  for (let m = 1; m <= 12; m++) {
    const period = `${year}-${String(m).padStart(2, '0')}-01`;
    // only the due-date rules in force that month; a month before the rules begin has no due dates
    const params = await parametersAt(db, DUE_KEYS, period).catch((err: unknown) => { if (err instanceof MissingRuleError) return null; throw err; });
    if (!params) continue;
    const rule = (segment: 'pu' | 'bpu') => ({ day: Number(params.get(`${segment}.due.day`)!.value), monthOffset: Number(params.get(`${segment}.due.month_offset`)!.value) });
    out.push({ period, pu: dueDate(period, rule('pu'), holidays), bpu: dueDate(period, rule('bpu'), holidays) });
  }
  return out;
}

function proposalsQuery(db: Executor) {
  return db.selectFrom('holiday_proposals as h')
    .innerJoin('users as pu', 'pu.id', 'h.proposed_by')
    .leftJoin('users as du', 'du.id', 'h.decided_by')
    .select(['h.id', 'h.action', 'h.day', 'h.name_id', 'h.name_en', 'h.legal_basis', 'h.status', 'h.proposed_by', 'h.proposed_at', 'h.decided_by', 'h.decided_at',
      'h.decision_note', 'pu.display_name as proposer', 'du.display_name as decider']);
}
type ProposalRow = Awaited<ReturnType<ReturnType<typeof proposalsQuery>['execute']>>[number];

const proposalView = (r: ProposalRow): HolidayProposal => ({
  id: r.id, action: r.action, day: r.day, nameId: r.name_id, nameEn: r.name_en, legalBasis: r.legal_basis, status: r.status,
  proposedBy: { id: r.proposed_by, name: r.proposer }, proposedAt: r.proposed_at.toISOString(),
  decidedBy: r.decided_by === null ? null : { id: r.decided_by, name: r.decider ?? '' }, decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
  decisionNote: r.decision_note,
});

export async function listHolidayProposals(db: Executor, filter: { status?: HolidayProposal['status']; limit: number }): Promise<HolidayProposal[]> {
  let q = proposalsQuery(db);
  if (filter.status) q = q.where('h.status', '=', filter.status);
  return (await q.orderBy('h.id', 'desc').limit(filter.limit).execute()).map(proposalView);
}

export async function getHolidayProposal(db: Executor, id: number): Promise<HolidayProposal> {
  const row = await proposalsQuery(db).where('h.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError(404, 'holiday_proposal_not_found', { id });
  return proposalView(row);
}

/** Changes to the calendar run one after another. */
const lockCalendar = (tx: Tx) => sql`SELECT pg_advisory_xact_lock(hashtext('holidays'))`.execute(tx);

/** An admin proposes adding or removing a holiday. Nothing changes until another admin approves. */
export async function proposeHoliday(db: Db, input: HolidayProposalInput, actor: AuditActor, requestId?: string): Promise<HolidayProposal> {
  if (actor.userId === null) throw new AppError(401, 'unauthenticated');
  const proposal = { ...input, day: input.day.trim(), nameId: input.nameId?.trim() || null, nameEn: input.nameEn?.trim() || null, legalBasis: input.legalBasis.trim() };
  const id = await inTransaction(db, async (tx) => {
    await lockCalendar(tx);
    const errors = holidayProposalErrors(proposal, isRealDate(proposal.day) ? await holidayOn(tx, proposal.day) : undefined);
    if (!errors.some((e) => e.field === 'day')) {
      const waiting = await tx.selectFrom('holiday_proposals').select('id').where('day', '=', proposal.day).where('status', '=', 'pending').executeTakeFirst();
      if (waiting) errors.push({ field: 'day', rule: 'holiday_pending', params: { id: waiting.id } });
    }
    if (errors.length) throw new AppError(422, 'validation_failed', {}, errors);
    const row = {
      action: proposal.action as 'add' | 'remove', day: proposal.day, legal_basis: proposal.legalBasis, proposed_by: actor.userId!,
      name_id: proposal.action === 'add' ? proposal.nameId : null, name_en: proposal.action === 'add' ? proposal.nameEn : null,
    };
    const { id } = await tx.insertInto('holiday_proposals').values(row).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, { actor, action: 'holiday_proposal.created', entityType: 'holiday_proposal', entityId: id, after: row, requestId });
    return id;
  });
  return getHolidayProposal(db, id);
}

/** The pending proposal, locked; refused when it is decided or when the actor made it. */
async function pendingProposalFor(tx: Tx, id: number, actor: AuditActor) {
  const p = await tx.selectFrom('holiday_proposals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!p) throw new AppError(404, 'holiday_proposal_not_found', { id });
  if (p.status !== 'pending') throw new AppError(409, 'holiday_proposal_decided', { id });
  if (actor.userId === null || p.proposed_by === actor.userId) throw new AppError(403, 'own_holiday_proposal', { id });
  return p;
}

/** Another admin approves: the day is added to the calendar or removed from it. */
export async function approveHolidayProposal(db: Db, id: number, actor: AuditActor, decisionNote?: string | null, requestId?: string): Promise<HolidayProposal> {
  await inTransaction(db, async (tx) => {
    const p = await pendingProposalFor(tx, id, actor);
    await lockCalendar(tx);
    const recorded = await holidayOn(tx, p.day);
    if (p.action === 'add' ? recorded : !recorded) {
      throw new AppError(409, 'holiday_changed_meanwhile', {
        id, day: p.day, state: recorded ? 'sudah menjadi hari libur' : 'sudah bukan hari libur', stateEn: recorded ? 'has become a holiday' : 'is no longer a holiday',
      });
    }
    if (p.action === 'add') {
      const row = { day: p.day, name_id: p.name_id!, name_en: p.name_en!, legal_basis: p.legal_basis };
      await tx.insertInto('holidays').values(row).execute();
      await recordAudit(tx, { actor, action: 'holiday.added', entityType: 'holiday', entityId: p.day, after: { ...row, proposal_id: id }, requestId });
    } else {
      await tx.deleteFrom('holidays').where('day', '=', p.day).execute();
      await recordAudit(tx, { actor, action: 'holiday.removed', entityType: 'holiday', entityId: p.day,
        before: { name_id: recorded!.nameId, name_en: recorded!.nameEn, legal_basis: recorded!.legalBasis }, after: { legal_basis: p.legal_basis, proposal_id: id }, requestId });
    }
    const note = decisionNote?.trim() || null;
    await tx.updateTable('holiday_proposals').set({ status: 'approved', decided_by: actor.userId, decided_at: new Date(), decision_note: note }).where('id', '=', id).execute();
    await recordAudit(tx, { actor, action: 'holiday_proposal.approved', entityType: 'holiday_proposal', entityId: id,
      before: { status: 'pending' }, after: { status: 'approved', decision_note: note }, requestId });
  });
  return getHolidayProposal(db, id);
}

/** Another admin rejects, saying why. The calendar does not change. */
export async function rejectHolidayProposal(db: Db, id: number, actor: AuditActor, decisionNote: string, requestId?: string): Promise<HolidayProposal> {
  const note = decisionNote.trim();
  if (!note) throw new AppError(422, 'validation_failed', {}, [{ field: 'note', rule: 'required' }]);
  await inTransaction(db, async (tx) => {
    await pendingProposalFor(tx, id, actor);
    await tx.updateTable('holiday_proposals').set({ status: 'rejected', decided_by: actor.userId, decided_at: new Date(), decision_note: note }).where('id', '=', id).execute();
    await recordAudit(tx, { actor, action: 'holiday_proposal.rejected', entityType: 'holiday_proposal', entityId: id,
      before: { status: 'pending' }, after: { status: 'rejected', decision_note: note }, requestId });
  });
  return getHolidayProposal(db, id);
}
