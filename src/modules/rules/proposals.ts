/**
 * Changing the rules with maker-checker. Rule parameters are effective-dated rows that past bills
 * name by id, so a row is never changed in place: a change is a new version starting on a date, and
 * the only change to an existing row is ending it (valid_to) the day before the new one starts.
 * One admin proposes a version; a different admin approves it (which adds the row) or rejects it
 * with a note. Every step writes its audit event in the same transaction.
 */
import { sql } from 'kysely';
import { recordAudit, type AuditActor } from '../audit/audit.ts';
import { inTransaction, type Db, type Executor, type Tx } from '../../platform/db.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { defineFieldRules, defineProblems } from '../../platform/i18n.ts';

export const UNITS = ['percent', 'rupiah', 'months', 'days', 'count'] as const;
export type Unit = (typeof UNITS)[number];
export const PROPOSAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** The programmes' key prefixes, in the order people read them; other prefixes follow by name. */
export const PREFIX_ORDER = ['pu', 'bpu', 'jakon', 'pmi'] as const;

/** A key: lower-case words of letters, digits and _ joined by single dots (`pu.jp.cap`). */
export const KEY = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/;
/** An exact, non-negative decimal with a dot: `0.24`, `11078200`; never a float, never a sign. */
export const DECIMAL = /^(0|[1-9][0-9]{0,17})(\.[0-9]{1,6})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

defineFieldRules({
  rule_key_format: { id: 'Tulis huruf kecil, angka, dan _ yang dipisah titik, misalnya pu.jp.cap.', en: 'Use lower-case letters, digits and _ separated by dots, for example pu.jp.cap.' },
  rule_date: { id: 'Tulis tanggal yang ada, dengan format TTTT-BB-HH.', en: 'Give a date that exists, as YYYY-MM-DD.' },
  rule_decimal: { id: 'Tulis angka tepat tanpa tanda minus dan tanpa pemisah ribuan, dengan titik untuk desimal (paling banyak 6 angka di belakang titik), misalnya 0.24 atau 11078200.', en: 'Give an exact number without a minus sign or thousands separators, with a dot for decimals (at most 6 digits after the dot), for example 0.24 or 11078200.' },
  rule_whole_number: { id: 'Nilai dalam {unit} harus bilangan bulat.', en: 'A value in {unit} must be a whole number.' },
  rule_percent_max: { id: 'Persentase paling besar 100.', en: 'A percentage is at most 100.' },
  rule_unit: { id: 'Harus salah satu dari: {values}.', en: 'Must be one of: {values}.' },
  rule_unit_mismatch: { id: 'Aturan ini memakai satuan {unit}; versi baru harus memakai satuan yang sama.', en: 'This rule is in {unit}; a new version must use the same unit.' },
  rule_after_latest: { id: 'Versi terakhir aturan ini mulai berlaku {date}. Versi baru hanya dapat ditambahkan sesudah tanggal itu.', en: 'The latest version of this rule starts on {date}. A new version can only be added after that date.' },
  rule_pending_same_start: { id: 'Sudah ada usulan yang menunggu untuk aturan ini dengan tanggal mulai yang sama (usulan #{id}).', en: 'A proposal for this rule with the same start date is already waiting (proposal #{id}).' },
});

defineProblems({
  rule_not_found: {
    title: { id: 'Aturan tidak ditemukan', en: 'Rule not found' },
    detail: { id: 'Tidak ada parameter aturan dengan kunci {key}.', en: 'There is no rule parameter with the key {key}.' },
  },
  rule_proposal_not_found: {
    title: { id: 'Usulan tidak ditemukan', en: 'Proposal not found' },
    detail: { id: 'Tidak ada usulan perubahan aturan #{id}.', en: 'There is no rule change proposal #{id}.' },
  },
  rule_proposal_decided: {
    title: { id: 'Usulan sudah diputuskan', en: 'Proposal already decided' },
    detail: { id: 'Usulan #{id} sudah {status}; keputusan tidak dapat diubah. Buat usulan baru bila perlu.', en: 'Proposal #{id} is already {status}; a decision cannot be changed. Make a new proposal if needed.' },
  },
  own_rule_proposal: {
    title: { id: 'Anda tidak dapat memutuskan usulan Anda sendiri', en: 'You cannot decide your own proposal' },
    detail: { id: 'Perubahan aturan memerlukan dua orang: admin lain harus menyetujui atau menolak usulan #{id}.', en: 'A rule change needs two people: another admin must approve or reject proposal #{id}.' },
  },
  rule_version_not_latest: {
    title: { id: 'Versi baru harus mulai sesudah versi terakhir', en: 'A new version must start after the latest one' },
    detail: { id: 'Versi terakhir {key} mulai berlaku {latestFrom}, sedangkan usulan ini mulai {validFrom}. Versi baru hanya dapat ditambahkan sesudah awal versi terakhir; versi yang sudah ada tidak diubah. Tolak usulan ini dan usulkan tanggal mulai yang lebih akhir.', en: 'The latest version of {key} starts on {latestFrom}, and this proposal starts on {validFrom}. A new version can only be added after the start of the latest one; existing versions are never changed. Reject this proposal and propose a later start date.' },
  },
  rule_unit_changed: {
    title: { id: 'Satuan tidak sesuai', en: 'Unit does not match' },
    detail: { id: 'Aturan {key} kini memakai satuan {unit}, bukan {proposed}. Tolak usulan ini dan usulkan lagi dengan satuan yang benar.', en: 'The rule {key} is now in {unit}, not {proposed}. Reject this proposal and propose again with the right unit.' },
  },
});

const STATUS_WORDS: Record<ProposalStatus, { id: string; en: string }> = {
  pending: { id: 'menunggu', en: 'pending' },
  approved: { id: 'disetujui', en: 'approved' },
  rejected: { id: 'ditolak', en: 'rejected' },
};

// ---------------------------------------------------------------------------------------------
// Pure helpers

export function isRealDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d;
}

/** The day before a YYYY-MM-DD date, as YYYY-MM-DD. */
export function dayBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** Today in Indonesia (WIB), as YYYY-MM-DD. */

/** `pu.jp.cap` → `pu`; a key without a dot is its own group. */
export const prefixOf = (key: string) => key.split('.')[0]!;

function prefixRank(prefix: string): number {
  const i = (PREFIX_ORDER as readonly string[]).indexOf(prefix);
  return i < 0 ? PREFIX_ORDER.length : i;
}

export function comparePrefixes(a: string, b: string): number {
  return prefixRank(a) - prefixRank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

export interface ProposalInput {
  key: string;
  validFrom: string;
  value: string;
  unit: string;
  legalBasis: string;
  productDefault?: boolean;
  note?: string | null;
}

/** What is already recorded for the proposed key: its unit and the start of its latest version. */
export interface KeyState {
  unit: string;
  latestFrom: string;
}

/** Every field error of a proposal, given what is recorded for its key (undefined for a new key). */
export function proposalFieldErrors(input: ProposalInput, existing: KeyState | undefined): FieldError[] {
  const errors: FieldError[] = [];
  if (!existing && !KEY.test(input.key)) errors.push({ field: 'key', rule: 'rule_key_format' });
  const dateOk = isRealDate(input.validFrom);
  if (!dateOk) errors.push({ field: 'validFrom', rule: 'rule_date' });
  else if (existing && input.validFrom <= existing.latestFrom) errors.push({ field: 'validFrom', rule: 'rule_after_latest', params: { date: existing.latestFrom } });
  const unitOk = (UNITS as readonly string[]).includes(input.unit);
  if (!unitOk) errors.push({ field: 'unit', rule: 'rule_unit', params: { values: UNITS.join(', ') } });
  else if (existing && existing.unit !== input.unit) errors.push({ field: 'unit', rule: 'rule_unit_mismatch', params: { unit: existing.unit } });
  if (!DECIMAL.test(input.value)) errors.push({ field: 'value', rule: 'rule_decimal' });
  else if (unitOk && input.unit !== 'percent' && input.value.includes('.')) errors.push({ field: 'value', rule: 'rule_whole_number', params: { unit: input.unit } });
  else if (input.unit === 'percent' && percentAbove100(input.value)) errors.push({ field: 'value', rule: 'rule_percent_max' });
  if (!input.legalBasis.trim()) errors.push({ field: 'legalBasis', rule: 'required' });
  return errors;
}

/** Compares an exact decimal string with 100 without turning it into a float. */
function percentAbove100(value: string): boolean {
  const [whole = '0', fraction = ''] = value.split('.');
  const n = BigInt(whole);
  return n > 100n || (n === 100n && /[1-9]/.test(fraction));
}

export interface VersionRow {
  id: number;
  validFrom: string;
  validTo: string | null;
}

export type VersionPlan =
  | { ok: true; close: { id: number; validTo: string; before: string | null } | null; validTo: string | null }
  | { ok: false; latestFrom: string };

/**
 * Where a new version starting `validFrom` goes, given the key's latest version: after it, or
 * refused. A latest version still in force on `validFrom` ends the day before; the new one takes
 * over until that version would have ended (open if it was open), so a version with an end date
 * (a discount for some months) is never silently extended.
 */
export function planVersion(latest: VersionRow | undefined, validFrom: string): VersionPlan {
  if (!latest) return { ok: true, close: null, validTo: null };
  if (validFrom <= latest.validFrom) return { ok: false, latestFrom: latest.validFrom };
  if (latest.validTo === null || latest.validTo >= validFrom) {
    return { ok: true, close: { id: latest.id, validTo: dayBefore(validFrom), before: latest.validTo }, validTo: latest.validTo };
  }
  return { ok: true, close: null, validTo: null };
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface ParameterView {
  id: number;
  key: string;
  validFrom: string;
  validTo: string | null;
  value: string;
  unit: string;
  legalBasis: string;
  productDefault: boolean;
  note: string | null;
}

const PARAMETER_COLUMNS = ['id', 'key', 'valid_from', 'valid_to', 'value', 'unit', 'legal_basis', 'product_default', 'note'] as const;
type ParameterRow = { id: number; key: string; valid_from: string; valid_to: string | null; value: string; unit: string; legal_basis: string; product_default: boolean; note: string | null };

const parameterView = (r: ParameterRow): ParameterView => ({
  id: r.id, key: r.key, validFrom: r.valid_from, validTo: r.valid_to, value: r.value, unit: r.unit, legalBasis: r.legal_basis, productDefault: r.product_default, note: r.note,
});

export interface InForceGroup {
  prefix: string;
  parameters: (ParameterView & { nextFrom: string | null })[];
}

/** Every parameter in force on `date`, grouped by key prefix (pu, bpu, jakon, pmi, then others). */
export async function parametersInForce(db: Executor, date: string): Promise<InForceGroup[]> {
  if (!isRealDate(date)) throw new AppError(422, 'validation_failed', {}, [{ field: 'date', rule: 'rule_date' }]);
  const rows = await db.selectFrom('rule_parameters as p')
    .select(PARAMETER_COLUMNS.map((c) => `p.${c}` as const))
    .select((eb) => eb.selectFrom('rule_parameters as n').select((n) => n.fn.min('n.valid_from').as('f'))
      .whereRef('n.key', '=', 'p.key').where('n.valid_from', '>', date).as('next_from'))
    .where('p.valid_from', '<=', date)
    .where((eb) => eb.or([eb('p.valid_to', 'is', null), eb('p.valid_to', '>=', date)]))
    .orderBy('p.key').orderBy('p.valid_from', 'desc')
    .execute();
  const groups = new Map<string, InForceGroup>();
  let lastKey = '';
  for (const r of rows) {
    if (r.key === lastKey) continue; // versions never overlap; should two ever do, the later start wins
    lastKey = r.key;
    const prefix = prefixOf(r.key);
    if (!groups.has(prefix)) groups.set(prefix, { prefix, parameters: [] });
    groups.get(prefix)!.parameters.push({ ...parameterView(r), nextFrom: (r.next_from as string | null) ?? null });
  }
  return [...groups.values()].sort((a, b) => comparePrefixes(a.prefix, b.prefix));
}

/** Every version of one key, the latest first. */
export async function parameterHistory(db: Executor, key: string): Promise<ParameterView[]> {
  const rows = await db.selectFrom('rule_parameters').select(PARAMETER_COLUMNS).where('key', '=', key).orderBy('valid_from', 'desc').execute();
  if (!rows.length) throw new AppError(404, 'rule_not_found', { key });
  return rows.map(parameterView);
}

export interface ProposalView {
  id: number;
  key: string;
  validFrom: string;
  value: string;
  unit: string;
  legalBasis: string;
  productDefault: boolean;
  note: string | null;
  status: ProposalStatus;
  proposedBy: { id: number; name: string };
  proposedAt: string;
  decidedBy: { id: number; name: string } | null;
  decidedAt: string | null;
  decisionNote: string | null;
  parameterId: number | null;
  /** For a pending proposal, the key's latest version now (what approving would end or follow). */
  latest: ParameterView | null;
}

function proposalsQuery(db: Executor) {
  return db.selectFrom('rule_proposals as r')
    .innerJoin('users as pu', 'pu.id', 'r.proposed_by')
    .leftJoin('users as du', 'du.id', 'r.decided_by')
    .select(['r.id', 'r.key', 'r.valid_from', 'r.value', 'r.unit', 'r.legal_basis', 'r.product_default', 'r.note', 'r.status', 'r.proposed_by', 'r.proposed_at',
      'r.decided_by', 'r.decided_at', 'r.decision_note', 'r.parameter_id', 'pu.display_name as proposer', 'du.display_name as decider']);
}
type ProposalRow = Awaited<ReturnType<ReturnType<typeof proposalsQuery>['execute']>>[number];

async function proposalViews(db: Executor, rows: ProposalRow[]): Promise<ProposalView[]> {
  const pendingKeys = [...new Set(rows.filter((r) => r.status === 'pending').map((r) => r.key))];
  const latest = new Map<string, ParameterView>();
  if (pendingKeys.length) {
    const found = await db.selectFrom('rule_parameters').distinctOn('key').select(PARAMETER_COLUMNS)
      .where('key', 'in', pendingKeys).orderBy('key').orderBy('valid_from', 'desc').execute();
    for (const r of found) latest.set(r.key, parameterView(r));
  }
  return rows.map((r) => ({
    id: r.id, key: r.key, validFrom: r.valid_from, value: r.value, unit: r.unit, legalBasis: r.legal_basis, productDefault: r.product_default, note: r.note,
    status: r.status, proposedBy: { id: r.proposed_by, name: r.proposer }, proposedAt: r.proposed_at.toISOString(),
    decidedBy: r.decided_by === null ? null : { id: r.decided_by, name: r.decider ?? '' }, decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    decisionNote: r.decision_note, parameterId: r.parameter_id, latest: r.status === 'pending' ? latest.get(r.key) ?? null : null,
  }));
}

/** Proposals of one status (or all), the newest first. */
export async function listProposals(db: Executor, filter: { status?: ProposalStatus; limit: number }): Promise<ProposalView[]> {
  let q = proposalsQuery(db);
  if (filter.status) q = q.where('r.status', '=', filter.status);
  return proposalViews(db, await q.orderBy('r.id', 'desc').limit(filter.limit).execute());
}

export async function getProposal(db: Executor, id: number): Promise<ProposalView> {
  const row = await proposalsQuery(db).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError(404, 'rule_proposal_not_found', { id });
  return (await proposalViews(db, [row]))[0]!;
}

// ---------------------------------------------------------------------------------------------
// Writing

async function keyState(db: Executor, key: string): Promise<KeyState | undefined> {
  const row = await db.selectFrom('rule_parameters').select(['unit', 'valid_from']).where('key', '=', key).orderBy('valid_from', 'desc').limit(1).executeTakeFirst();
  return row ? { unit: row.unit, latestFrom: row.valid_from } : undefined;
}

/** Approvals of one key run one after another (also a key that has no row yet). */
async function lockKey(tx: Tx, key: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`rule_parameters:${key}`}, 0))`.execute(tx);
}

/** An admin proposes a new version of a parameter (or a new parameter). Nothing is in force yet. */
export async function proposeVersion(db: Db, input: ProposalInput, actor: AuditActor, requestId?: string): Promise<ProposalView> {
  if (actor.userId === null) throw new AppError(401, 'unauthenticated');
  const proposal = {
    key: input.key.trim(), validFrom: input.validFrom.trim(), value: input.value.trim(), unit: input.unit,
    legalBasis: input.legalBasis.trim(), productDefault: input.productDefault ?? false, note: input.note?.trim() || null,
  };
  const id = await inTransaction(db, async (tx) => {
    const errors = proposalFieldErrors(proposal, await keyState(tx, proposal.key));
    if (!errors.some((e) => e.field === 'validFrom' || e.field === 'key')) {
      const same = await tx.selectFrom('rule_proposals').select('id')
        .where('key', '=', proposal.key).where('valid_from', '=', proposal.validFrom).where('status', '=', 'pending').executeTakeFirst();
      if (same) errors.push({ field: 'validFrom', rule: 'rule_pending_same_start', params: { id: same.id } });
    }
    if (errors.length) throw new AppError(422, 'validation_failed', {}, errors);
    const row = {
      key: proposal.key, valid_from: proposal.validFrom, value: proposal.value, unit: proposal.unit as Unit, legal_basis: proposal.legalBasis,
      product_default: proposal.productDefault, note: proposal.note, proposed_by: actor.userId!,
    };
    const { id } = await tx.insertInto('rule_proposals').values(row).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, { actor, action: 'rule_proposal.created', entityType: 'rule_proposal', entityId: id, after: row, requestId });
    return id;
  });
  return getProposal(db, id);
}

/** The pending proposal, locked; refused when it is decided or when the actor made it. */
async function pendingProposalFor(tx: Tx, id: number, actor: AuditActor) {
  const p = await tx.selectFrom('rule_proposals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!p) throw new AppError(404, 'rule_proposal_not_found', { id });
  if (p.status !== 'pending') throw new AppError(409, 'rule_proposal_decided', { id, status: STATUS_WORDS[p.status] });
  if (actor.userId === null || p.proposed_by === actor.userId) throw new AppError(403, 'own_rule_proposal', { id });
  return p;
}

/**
 * Another admin approves: in one transaction the key's latest version is ended the day before the
 * new one starts (the only UPDATE of rule_parameters anywhere), the new version is added, and the
 * proposal records the row it produced.
 */
export async function approveProposal(db: Db, id: number, actor: AuditActor, decisionNote?: string | null, requestId?: string): Promise<{ proposal: ProposalView; parameter: ParameterView }> {
  const parameterId = await inTransaction(db, async (tx) => {
    const p = await pendingProposalFor(tx, id, actor);
    await lockKey(tx, p.key);
    const latest = await tx.selectFrom('rule_parameters').select(['id', 'valid_from', 'valid_to', 'unit']).where('key', '=', p.key)
      .orderBy('valid_from', 'desc').limit(1).executeTakeFirst();
    if (latest && latest.unit !== p.unit) throw new AppError(409, 'rule_unit_changed', { key: p.key, unit: latest.unit, proposed: p.unit });
    const plan = planVersion(latest && { id: latest.id, validFrom: latest.valid_from, validTo: latest.valid_to }, p.valid_from);
    if (!plan.ok) throw new AppError(409, 'rule_version_not_latest', { key: p.key, latestFrom: plan.latestFrom, validFrom: p.valid_from });
    if (plan.close) {
      await tx.updateTable('rule_parameters').set({ valid_to: plan.close.validTo }).where('id', '=', plan.close.id).execute();
      await recordAudit(tx, { actor, action: 'rule_parameter.ended', entityType: 'rule_parameter', entityId: plan.close.id,
        before: { valid_to: plan.close.before }, after: { valid_to: plan.close.validTo, proposal_id: id }, requestId });
    }
    const row = { key: p.key, valid_from: p.valid_from, valid_to: plan.validTo, value: p.value, unit: p.unit, legal_basis: p.legal_basis, product_default: p.product_default, note: p.note };
    const { id: newId } = await tx.insertInto('rule_parameters').values(row).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, { actor, action: 'rule_parameter.created', entityType: 'rule_parameter', entityId: newId, after: { ...row, proposal_id: id }, requestId });
    const note = decisionNote?.trim() || null;
    await tx.updateTable('rule_proposals').set({ status: 'approved', decided_by: actor.userId, decided_at: new Date(), decision_note: note, parameter_id: newId }).where('id', '=', id).execute();
    await recordAudit(tx, { actor, action: 'rule_proposal.approved', entityType: 'rule_proposal', entityId: id,
      before: { status: 'pending' }, after: { status: 'approved', decision_note: note, parameter_id: newId }, requestId });
    return newId;
  });
  const parameter = await db.selectFrom('rule_parameters').select(PARAMETER_COLUMNS).where('id', '=', parameterId).executeTakeFirstOrThrow();
  return { proposal: await getProposal(db, id), parameter: parameterView(parameter) };
}

/** Another admin rejects, saying why. Nothing changes in the rules. */
export async function rejectProposal(db: Db, id: number, actor: AuditActor, decisionNote: string, requestId?: string): Promise<ProposalView> {
  const note = decisionNote.trim();
  if (!note) throw new AppError(422, 'validation_failed', {}, [{ field: 'note', rule: 'required' }]);
  await inTransaction(db, async (tx) => {
    await pendingProposalFor(tx, id, actor);
    await tx.updateTable('rule_proposals').set({ status: 'rejected', decided_by: actor.userId, decided_at: new Date(), decision_note: note }).where('id', '=', id).execute();
    await recordAudit(tx, { actor, action: 'rule_proposal.rejected', entityType: 'rule_proposal', entityId: id,
      before: { status: 'pending' }, after: { status: 'rejected', decision_note: note }, requestId });
  });
  return getProposal(db, id);
}
