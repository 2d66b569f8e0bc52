/**
 * Workforce files, end to end. Upload: the file is streamed, every row checked, valid rows staged in
 * batches, and cross-checks against the registry done in SQL; nothing outside the upload's own
 * records is written, and a file already uploaded (same SHA-256) returns the earlier upload. Apply:
 * one transaction of set-based statements, changing only what differs, so a second apply or a file
 * repeating the registry changes nothing.
 */
import type { Readable } from 'node:stream';
import { sql } from 'kysely';
import { inTransaction, type Db, type Executor, type Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { fieldRuleText, type Lang } from '../../platform/i18n.ts';
import { recordAudit, type AuditActor } from '../audit/audit.ts';
import type { NikReference } from './nik.ts';
import type { SizeClass } from './tables.ts';
import { checkRow, COLUMNS, columnLabel, hashingStream, mapHeader, readSheet, type Column, type RowError, type StagedRow } from './workforce-file.ts';
import { puPrograms } from './workforce.ts';
import { today } from './validation.ts';

const BATCH = 5_000;

export interface UploadSummary {
  newWorkers: number;
  newPeople: number;
  wageChanges: number;
  endings: number;
  unchanged: number;
}

export interface UploadView {
  id: number;
  employerId: number;
  fileName: string;
  format: 'csv' | 'xlsx';
  status: 'rejected' | 'validated' | 'applied';
  totalRows: number;
  errorRows: number;
  summary: Partial<UploadSummary>;
  createdAt: string;
  appliedAt: string | null;
  /** True when this file had been uploaded before: the earlier upload is returned, nothing new was made. */
  repeated: boolean;
}

async function nikReference(db: Executor): Promise<NikReference> {
  const provinces = new Set((await sql<{ code: string }>`SELECT code FROM regions WHERE level = 1 UNION SELECT code FROM historical_provinces`.execute(db)).rows.map((r) => r.code));
  const districts = new Set((await sql<{ code: string }>`SELECT code FROM regions WHERE level = 3`.execute(db)).rows.map((r) => r.code));
  return { isProvince: (c) => provinces.has(c), isDistrict: (c) => districts.has(c) };
}

async function stageRows(tx: Tx, uploadId: number, rows: StagedRow[]) {
  if (!rows.length) return;
  const col = <K extends keyof StagedRow>(k: K) => rows.map((r) => r[k]);
  await sql`
    INSERT INTO workforce_upload_rows (upload_id, row_no, nik, full_name, search_name, birth_date, sex, employee_ref, contract_type, start_date, wage, wage_month, end_date, end_reason)
    SELECT ${uploadId}, * FROM unnest(${col('rowNo')}::int[], ${col('nik')}::text[], ${col('fullName')}::text[], ${col('searchName')}::text[],
      ${col('birthDate')}::date[], ${col('sex')}::text[], ${col('employeeRef')}::text[], ${col('contractType')}::text[], ${col('startDate')}::date[],
      ${col('wage')}::bigint[], ${col('wageMonth')}::date[], ${col('endDate')}::date[], ${col('endReason')}::text[])`.execute(tx);
}

async function stageErrors(tx: Tx, uploadId: number, errors: RowError[]) {
  if (!errors.length) return;
  await sql`
    INSERT INTO workforce_upload_errors (upload_id, row_no, field, rule, params, value)
    SELECT ${uploadId}, * FROM unnest(${errors.map((e) => e.rowNo)}::int[], ${errors.map((e) => e.field)}::text[], ${errors.map((e) => e.rule)}::text[],
      ${errors.map((e) => JSON.stringify(e.params ?? {}))}::jsonb[], ${errors.map((e) => e.value?.slice(0, 200) ?? null)}::text[])`.execute(tx);
}

/**
 * The bulk statements here are large but simple: PostgreSQL would compile each one (JIT), at a cost of
 * 100 ms or more per statement that the execution never earns back. Off for this transaction only.
 */
const noJit = (tx: Tx) => sql`SET LOCAL jit = off`.execute(tx);

class RepeatedUpload extends Error {
  constructor(readonly uploadId: number) {
    super('repeated upload');
  }
}

export async function uploadWorkforce(db: Db, employer: { id: number }, file: { stream: Readable; name: string; format: 'csv' | 'xlsx' }, actor: AuditActor, requestId?: string): Promise<UploadView> {
  const ref = await nikReference(db);
  const ctx = { nikRef: ref, today: today(), defaultWageMonth: `${today().slice(0, 7)}-01` };
  const hashing = hashingStream();
  try {
    const id = await inTransaction(db, async (tx) => {
      await noJit(tx);
      const { id } = await tx.insertInto('workforce_uploads').values({
        employer_id: employer.id, file_name: file.name.slice(0, 200), file_sha256: `pending-${requestId ?? Math.random()}`, format: file.format,
        status: 'rejected', total_rows: 0, error_rows: 0, uploaded_by: actor.userId,
      }).returning('id').executeTakeFirstOrThrow();

      let header: ReturnType<typeof mapHeader> | undefined;
      let rowNo = 1;
      let rows: StagedRow[] = [];
      let errors: RowError[] = [];
      let total = 0;
      let staging: Promise<unknown> = Promise.resolve();
      try {
        for await (const cells of readSheet(file.stream.pipe(hashing), file.format)) {
          if (!header) {
            header = mapHeader(cells);
            if (header.missing.length) {
              throw new AppError(422, 'upload_unreadable', {}, header.missing.map((c) => ({ field: columnLabel(c), rule: 'column_missing' })));
            }
            continue;
          }
          rowNo++;
          total++;
          const byColumn: Partial<Record<Column, string>> = {};
          for (const [c, i] of Object.entries(header.index) as [Column, number][]) byColumn[c] = cells[i];
          const checked = checkRow(rowNo, byColumn, ctx);
          if (checked.row) rows.push(checked.row);
          errors.push(...checked.errors);
          // one batch is written while the next is read and checked: the database and the parser work at once
          if (rows.length >= BATCH) { await staging; staging = stageRows(tx, id, rows); rows = []; }
          if (errors.length >= BATCH) { await staging; staging = stageErrors(tx, id, errors); errors = []; }
        }
        await staging;
      } catch (err) {
        await staging.catch(() => {});
        if (err instanceof AppError) throw err;
        throw new AppError(422, 'upload_unreadable');
      }
      if (!header) throw new AppError(422, 'upload_unreadable');
      await stageRows(tx, id, rows);
      await stageErrors(tx, id, errors);
      // the staged rows are new to the planner; with statistics it joins them by hash, not row by row
      await sql`ANALYZE workforce_upload_rows, workforce_upload_errors`.execute(tx);
      await crossCheck(tx, id);

      const { n: errorRows } = (await sql<{ n: number }>`SELECT count(DISTINCT row_no)::int AS n FROM workforce_upload_errors WHERE upload_id = ${id}`.execute(tx)).rows[0]!;
      const summary = errorRows ? {} : await preview(tx, id, employer.id);
      const sha = hashing.digest();
      const earlier = await tx.selectFrom('workforce_uploads').select('id').where('employer_id', '=', employer.id).where('file_sha256', '=', sha).executeTakeFirst();
      if (earlier) throw new RepeatedUpload(earlier.id);
      await tx.updateTable('workforce_uploads').set({
        file_sha256: sha, status: errorRows ? 'rejected' : 'validated', total_rows: total, error_rows: errorRows, summary: JSON.stringify(summary),
      }).where('id', '=', id).execute();
      await recordAudit(tx, { actor, action: 'workforce.uploaded', entityType: 'employer', entityId: employer.id, after: { upload_id: id, file_sha256: sha, rows: total, error_rows: errorRows }, requestId });
      return id;
    });
    return (await getUpload(db, employer.id, id))!;
  } catch (err) {
    if (err instanceof RepeatedUpload) return { ...(await getUpload(db, employer.id, err.uploadId))!, repeated: true };
    if ((err as { code?: string }).code === '23505') {
      // the same file uploaded twice at the same moment: the other upload won
      const earlier = await db.selectFrom('workforce_uploads').select('id').where('employer_id', '=', employer.id).where('file_sha256', '=', hashing.digest()).executeTakeFirst();
      if (earlier) return { ...(await getUpload(db, employer.id, earlier.id))!, repeated: true };
    }
    throw err;
  }
}

/** Checks that need the registry or the whole file, set-based: repeated NIKs, and NIKs recorded under another person. */
async function crossCheck(tx: Tx, uploadId: number) {
  await sql`
    INSERT INTO workforce_upload_errors (upload_id, row_no, field, rule, params, value)
    SELECT r.upload_id, r.row_no, 'nik', 'duplicate_in_file', jsonb_build_object('first', f.first_row), r.nik
    FROM workforce_upload_rows r
    JOIN (SELECT nik, min(row_no) AS first_row FROM workforce_upload_rows WHERE upload_id = ${uploadId} GROUP BY nik HAVING count(*) > 1) f ON f.nik = r.nik
    WHERE r.upload_id = ${uploadId} AND r.row_no <> f.first_row`.execute(tx);
  await sql`
    INSERT INTO workforce_upload_errors (upload_id, row_no, field, rule, params, value)
    SELECT r.upload_id, r.row_no, 'nama', 'person_mismatch', '{}'::jsonb, r.full_name
    FROM workforce_upload_rows r JOIN people p ON p.nik = r.nik
    WHERE r.upload_id = ${uploadId} AND (p.birth_date <> r.birth_date OR p.search_name <> r.search_name)`.execute(tx);
}

/** What applying would change, counted before the employer confirms. */
async function preview(db: Executor, uploadId: number, employerId: number): Promise<UploadSummary> {
  const r = (await sql<UploadSummary>`
    WITH rows AS (
      SELECT r.*, p.id AS person_id, m.id AS employment_id,
             (SELECT w.wage FROM wages w WHERE w.employment_id = m.id AND w.effective_month <= r.wage_month ORDER BY w.effective_month DESC LIMIT 1) AS wage_now
      FROM workforce_upload_rows r
      LEFT JOIN people p ON p.nik = r.nik
      LEFT JOIN employments m ON m.person_id = p.id AND m.employer_id = ${employerId} AND m.end_date IS NULL
      WHERE r.upload_id = ${uploadId})
    SELECT count(*) FILTER (WHERE person_id IS NULL)::int AS "newPeople",
           count(*) FILTER (WHERE employment_id IS NULL AND end_date IS NULL)::int AS "newWorkers",
           count(*) FILTER (WHERE employment_id IS NOT NULL AND end_date IS NULL AND wage_now IS DISTINCT FROM wage)::int AS "wageChanges",
           count(*) FILTER (WHERE employment_id IS NOT NULL AND end_date IS NOT NULL)::int AS "endings",
           count(*) FILTER (WHERE employment_id IS NOT NULL AND end_date IS NULL AND wage_now = wage)::int AS "unchanged"
    FROM rows`.execute(db)).rows[0]!;
  return r;
}

export async function getUpload(db: Executor, employerId: number, uploadId: number): Promise<UploadView | undefined> {
  const u = await db.selectFrom('workforce_uploads').selectAll().where('id', '=', uploadId).where('employer_id', '=', employerId).executeTakeFirst();
  if (!u) return undefined;
  return {
    id: u.id, employerId: u.employer_id, fileName: u.file_name, format: u.format, status: u.status, totalRows: u.total_rows, errorRows: u.error_rows,
    summary: u.summary as Partial<UploadSummary>, createdAt: u.created_at.toISOString(), appliedAt: u.applied_at?.toISOString() ?? null, repeated: false,
  };
}

export async function uploadErrors(db: Executor, uploadId: number, lang: Lang, limit: number) {
  const rows = await db.selectFrom('workforce_upload_errors').select(['row_no', 'field', 'rule', 'params', 'value']).where('upload_id', '=', uploadId)
    .orderBy('row_no').orderBy('field').orderBy('rule').limit(limit).execute();
  return rows.map((r) => ({ row: r.row_no, column: r.field, rule: r.rule, value: r.value, message: fieldRuleText(r.rule, lang, r.params as Record<string, unknown>) }));
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // a leading = + - @ would be run as a formula by a spreadsheet
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",;\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The per-row report of errors, as CSV in the reader's language (header row localized too), page by page. */
export async function* errorReportCsv(db: Executor, uploadId: number, lang: Lang): AsyncGenerator<string> {
  yield '\uFEFF' + (lang === 'id' ? 'baris,kolom,nilai,kesalahan\n' : 'row,column,value,error\n');
  let after: [number, string, string] = [0, '', ''];
  for (;;) {
    const rows = (await sql<{ row_no: number; field: string; rule: string; params: Record<string, unknown>; value: string | null }>`
      SELECT row_no, field, rule, params, value FROM workforce_upload_errors
      WHERE upload_id = ${uploadId} AND (row_no, field, rule) > (${after[0]}, ${after[1]}, ${after[2]})
      ORDER BY row_no, field, rule LIMIT 5000`.execute(db)).rows;
    if (!rows.length) return;
    yield rows.map((r) => [r.row_no, r.field, r.value, fieldRuleText(r.rule, lang, r.params)].map(csvCell).join(',')).join('\n') + '\n';
    const last = rows[rows.length - 1]!;
    after = [last.row_no, last.field, last.rule];
  }
}

/** Applies a validated upload in one transaction; applying it again changes nothing. */
export async function applyWorkforceUpload(db: Db, employer: { id: number; sizeClass: SizeClass }, uploadId: number, actor: AuditActor, requestId?: string): Promise<UploadView> {
  await inTransaction(db, async (tx) => {
    const upload = await tx.selectFrom('workforce_uploads').select(['status', 'error_rows']).where('id', '=', uploadId).where('employer_id', '=', employer.id).forUpdate().executeTakeFirst();
    if (!upload) throw new AppError(404, 'not_found');
    if (upload.status === 'applied') return;
    if (upload.status === 'rejected') throw new AppError(409, 'upload_has_errors', { errors: upload.error_rows });
    await noJit(tx);
    // the registry may have changed since the upload was checked: check the rows against it again
    await crossCheck(tx, uploadId);
    const { n } = (await sql<{ n: number }>`SELECT count(DISTINCT row_no)::int AS n FROM workforce_upload_errors WHERE upload_id = ${uploadId}`.execute(tx)).rows[0]!;
    if (n) throw new AppError(409, 'upload_has_errors', { errors: n });
    const summary = await applyRows(tx, uploadId, employer);
    await tx.updateTable('workforce_uploads').set({ status: 'applied', applied_at: new Date(), summary: JSON.stringify(summary) }).where('id', '=', uploadId).execute();
    // one audit event for the file; its staged rows stay as the record of what each person's change was
    await recordAudit(tx, { actor, action: 'workforce.applied', entityType: 'employer', entityId: employer.id, after: { upload_id: uploadId, ...summary }, requestId });
  });
  return (await getUpload(db, employer.id, uploadId))!;
}

/**
 * Applies the staged rows, set-based, in the caller's transaction. One statement first decides, into
 * the temporary table `apply_rows`, every row's person, KPJ, participation and employment: the existing
 * ones found by join, new ones given ids from their tables' sequences. The inserts then only read
 * `apply_rows`. No statement reads a table it is inserting into: with that, a planner that believes a
 * fresh table empty scans it once per row while it grows, 100,000 × 100,000.
 */
async function applyRows(tx: Tx, uploadId: number, employer: { id: number; sizeClass: SizeClass }): Promise<UploadSummary> {
  const programs = puPrograms(employer.sizeClass);
  // the identity sequences, looked up once rather than once per row
  const seq = (await sql<{ people: string; participants: string; employments: string }>`
    SELECT pg_get_serial_sequence('people', 'id') AS people, pg_get_serial_sequence('participants', 'id') AS participants,
           pg_get_serial_sequence('employments', 'id') AS employments`.execute(tx)).rows[0]!;
  await sql`
    CREATE TEMP TABLE apply_rows ON COMMIT DROP AS
    WITH found AS (
      SELECT r.*, p.id AS known_person, k.kpj AS known_kpj, pa.id AS known_participant, m.id AS known_employment
      FROM workforce_upload_rows r
      LEFT JOIN people p ON p.nik = r.nik
      LEFT JOIN LATERAL (SELECT kpj FROM kpj_numbers WHERE person_id = p.id AND merged_into IS NULL ORDER BY issued_at LIMIT 1) k ON true
      LEFT JOIN participants pa ON pa.person_id = p.id AND pa.segment = 'PU' AND pa.status <> 'ended'
      LEFT JOIN employments m ON m.person_id = p.id AND m.employer_id = ${employer.id} AND m.end_date IS NULL
      WHERE r.upload_id = ${uploadId})
    SELECT f.*,
      known_person IS NULL AS new_person,
      coalesce(known_person, nextval(${seq.people}::regclass)) AS person_id,
      known_kpj IS NULL AS new_kpj,
      coalesce(known_kpj, lindung_kpj(nextval('kpj_seq'))) AS kpj,
      known_participant IS NULL AND end_date IS NULL AS new_participant,
      CASE WHEN known_participant IS NOT NULL THEN known_participant
           WHEN end_date IS NULL THEN nextval(${seq.participants}::regclass) END AS participant_id,
      known_employment IS NULL AND end_date IS NULL AS new_employment,
      CASE WHEN known_employment IS NOT NULL THEN known_employment
           WHEN end_date IS NULL THEN nextval(${seq.employments}::regclass) END AS employment_id
    FROM found f`.execute(tx);
  await sql`ANALYZE apply_rows`.execute(tx);

  // 1. people not yet in the registry (their home region is not in the file: the NIK's regency scopes them)
  await sql`
    INSERT INTO people (id, nik, full_name, search_name, birth_date, sex, regency_code) OVERRIDING SYSTEM VALUE
    SELECT person_id, nik, full_name, search_name, birth_date, sex, substr(nik, 1, 2) || '.' || substr(nik, 3, 2)
    FROM apply_rows WHERE new_person`.execute(tx);
  // 2. a KPJ for whoever has none
  await sql`INSERT INTO kpj_numbers (kpj, person_id, source) SELECT kpj, person_id, 'lindung' FROM apply_rows WHERE new_kpj`.execute(tx);
  // 3. an open PU participation for every worker who is joining, with its first status
  await sql`
    INSERT INTO participants (id, person_id, kpj, segment, programs, status, registered_via) OVERRIDING SYSTEM VALUE
    SELECT participant_id, person_id, kpj, 'PU', ${programs}::text[], 'active', 'employer' FROM apply_rows WHERE new_participant`.execute(tx);
  await sql`
    INSERT INTO participant_status_history (participant_id, person_id, status, reason)
    SELECT participant_id, person_id, 'active', 'reported by employer (workforce file ' || ${uploadId} || ')' FROM apply_rows WHERE new_participant`.execute(tx);
  // 4. employments of joiners; contract and staff number of the others kept current
  await sql`
    INSERT INTO employments (id, employer_id, person_id, participant_id, employee_ref, contract_type, start_date) OVERRIDING SYSTEM VALUE
    SELECT employment_id, ${employer.id}, person_id, participant_id, employee_ref, contract_type, start_date FROM apply_rows WHERE new_employment`.execute(tx);
  await sql`
    UPDATE employments m SET contract_type = a.contract_type, employee_ref = a.employee_ref, updated_at = now()
    FROM apply_rows a
    WHERE m.id = a.employment_id AND NOT a.new_employment AND a.end_date IS NULL
      AND (m.contract_type IS DISTINCT FROM a.contract_type OR m.employee_ref IS DISTINCT FROM a.employee_ref)`.execute(tx);
  // 5. wages that differ from the wage in force that month (a new employment has none yet)
  const wages = await sql`
    INSERT INTO wages (employment_id, employer_id, effective_month, wage)
    SELECT a.employment_id, ${employer.id}, a.wage_month, a.wage
    FROM apply_rows a
    WHERE a.end_date IS NULL AND (a.new_employment OR
      (SELECT w.wage FROM wages w WHERE w.employment_id = a.employment_id AND w.effective_month <= a.wage_month
       ORDER BY w.effective_month DESC LIMIT 1) IS DISTINCT FROM a.wage)
    ON CONFLICT (employment_id, effective_month) DO UPDATE SET wage = EXCLUDED.wage`.execute(tx);
  const counts = (await sql<Omit<UploadSummary, 'wageChanges' | 'unchanged'> & { stayers: number }>`
    SELECT count(*) FILTER (WHERE new_person)::int AS "newPeople", count(*) FILTER (WHERE new_employment)::int AS "newWorkers",
           count(*) FILTER (WHERE end_date IS NOT NULL AND known_employment IS NOT NULL)::int AS endings,
           count(*) FILTER (WHERE end_date IS NULL AND known_employment IS NOT NULL)::int AS stayers
    FROM apply_rows`.execute(tx)).rows[0]!;
  const wageChanges = Number(wages.numAffectedRows ?? 0n) - counts.newWorkers;
  // 6. leavers: end the employment, and the PU participation of whoever has no other work
  await sql`
    UPDATE employments m SET end_date = a.end_date, end_reason = a.end_reason, updated_at = now()
    FROM apply_rows a WHERE a.end_date IS NOT NULL AND m.id = a.known_employment AND a.end_date >= m.start_date`.execute(tx);
  await sql`
    WITH ended AS (
      UPDATE participants pa SET status = 'ended', ended_at = now()
      FROM apply_rows a
      WHERE a.end_date IS NOT NULL AND pa.id = a.known_participant AND pa.status <> 'ended'
        AND NOT EXISTS (SELECT 1 FROM employments m WHERE m.person_id = a.person_id AND m.end_date IS NULL)
      RETURNING pa.id, pa.person_id)
    INSERT INTO participant_status_history (participant_id, person_id, status, reason)
    SELECT id, person_id, 'ended', 'no open employment (workforce file ' || ${uploadId} || ')' FROM ended`.execute(tx);
  return { newPeople: counts.newPeople, newWorkers: counts.newWorkers, wageChanges, endings: counts.endings, unchanged: counts.stayers - wageChanges };
}

export const WORKFORCE_COLUMNS = Object.values(COLUMNS).map((aliases) => aliases[0]);
