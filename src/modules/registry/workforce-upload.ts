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
      const { id } = await tx.insertInto('workforce_uploads').values({
        employer_id: employer.id, file_name: file.name.slice(0, 200), file_sha256: `pending-${requestId ?? Math.random()}`, format: file.format,
        status: 'rejected', total_rows: 0, error_rows: 0, uploaded_by: actor.userId,
      }).returning('id').executeTakeFirstOrThrow();

      let header: ReturnType<typeof mapHeader> | undefined;
      let rowNo = 1;
      let rows: StagedRow[] = [];
      let errors: RowError[] = [];
      let total = 0;
      try {
        for await (const cells of readSheet(file.stream.pipe(hashing), file.format)) {
          if (!header) {
            header = mapHeader(cells);
            if (header.missing.length) {
              throw new AppError(422, 'upload_unreadable', { reason: '' }, header.missing.map((c) => ({ field: columnLabel(c), rule: 'column_missing' })));
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
          if (rows.length >= BATCH) { await stageRows(tx, id, rows); rows = []; }
          if (errors.length >= BATCH) { await stageErrors(tx, id, errors); errors = []; }
        }
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw new AppError(422, 'upload_unreadable', { reason: '' });
      }
      if (!header) throw new AppError(422, 'upload_unreadable', { reason: '' });
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
    // the registry may have changed since the upload was checked: check the rows against it again
    await crossCheck(tx, uploadId);
    const { n } = (await sql<{ n: number }>`SELECT count(DISTINCT row_no)::int AS n FROM workforce_upload_errors WHERE upload_id = ${uploadId}`.execute(tx)).rows[0]!;
    if (n) throw new AppError(409, 'upload_has_errors', { errors: n });
    const summary = await preview(tx, uploadId, employer.id);
    await applyRows(tx, uploadId, employer);
    await tx.updateTable('workforce_uploads').set({ status: 'applied', applied_at: new Date(), summary: JSON.stringify(summary) }).where('id', '=', uploadId).execute();
    // one audit event for the file; its staged rows stay as the record of what each person's change was
    await recordAudit(tx, { actor, action: 'workforce.applied', entityType: 'employer', entityId: employer.id, after: { upload_id: uploadId, ...summary }, requestId });
  });
  return (await getUpload(db, employer.id, uploadId))!;
}

/**
 * Statistics for rows this transaction just wrote. Without them a table that was nearly empty still
 * looks empty, and the next join scans it once per row (100,000 × 100,000). ANALYZE samples a fixed
 * number of pages, so this costs the same on a national-size table.
 */
const analyze = (tx: Tx, tables: string[]) => sql.raw(`ANALYZE ${tables.join(', ')}`).execute(tx);

async function applyRows(tx: Tx, uploadId: number, employer: { id: number; sizeClass: SizeClass }) {
  const programs = puPrograms(employer.sizeClass);
  // 1. people not yet in the registry (their home region is not known from the file: the NIK's regency scopes them)
  await sql`
    INSERT INTO people (nik, full_name, search_name, birth_date, sex, regency_code)
    SELECT r.nik, r.full_name, r.search_name, r.birth_date, r.sex, substr(r.nik, 1, 2) || '.' || substr(r.nik, 3, 2)
    FROM workforce_upload_rows r
    WHERE r.upload_id = ${uploadId} AND NOT EXISTS (SELECT 1 FROM people p WHERE p.nik = r.nik)`.execute(tx);
  await analyze(tx, ['people']);
  // 2. a KPJ for everyone who has none
  await sql`
    INSERT INTO kpj_numbers (kpj, person_id, source)
    SELECT lindung_kpj(nextval('kpj_seq')), p.id, 'lindung'
    FROM workforce_upload_rows r JOIN people p ON p.nik = r.nik
    WHERE r.upload_id = ${uploadId} AND NOT EXISTS (SELECT 1 FROM kpj_numbers k WHERE k.person_id = p.id AND k.merged_into IS NULL)`.execute(tx);
  // 3. an open PU participation for workers who are joining
  await sql`
    WITH joined AS (
      INSERT INTO participants (person_id, kpj, segment, programs, status, registered_via)
      SELECT p.id, (SELECT k.kpj FROM kpj_numbers k WHERE k.person_id = p.id AND k.merged_into IS NULL ORDER BY k.issued_at LIMIT 1),
             'PU', ${programs}::text[], 'active', 'employer'
      FROM workforce_upload_rows r JOIN people p ON p.nik = r.nik
      WHERE r.upload_id = ${uploadId} AND r.end_date IS NULL
        AND NOT EXISTS (SELECT 1 FROM participants pa WHERE pa.person_id = p.id AND pa.segment = 'PU' AND pa.status <> 'ended')
      RETURNING id, person_id)
    INSERT INTO participant_status_history (participant_id, person_id, status, reason)
    SELECT id, person_id, 'active', 'reported by employer (workforce file ' || ${uploadId} || ')' FROM joined`.execute(tx);
  await analyze(tx, ['kpj_numbers', 'participants']);
  // 4. employments of joiners; contract and staff number of the others where they changed
  await sql`
    INSERT INTO employments (employer_id, person_id, participant_id, employee_ref, contract_type, start_date)
    SELECT ${employer.id}, p.id, pa.id, r.employee_ref, r.contract_type, r.start_date
    FROM workforce_upload_rows r JOIN people p ON p.nik = r.nik
    JOIN participants pa ON pa.person_id = p.id AND pa.segment = 'PU' AND pa.status <> 'ended'
    WHERE r.upload_id = ${uploadId} AND r.end_date IS NULL
      AND NOT EXISTS (SELECT 1 FROM employments m WHERE m.person_id = p.id AND m.employer_id = ${employer.id} AND m.end_date IS NULL)`.execute(tx);
  await sql`
    UPDATE employments m SET contract_type = r.contract_type, employee_ref = r.employee_ref, updated_at = now()
    FROM workforce_upload_rows r JOIN people p ON p.nik = r.nik
    WHERE r.upload_id = ${uploadId} AND m.person_id = p.id AND m.employer_id = ${employer.id} AND m.end_date IS NULL
      AND (m.contract_type IS DISTINCT FROM r.contract_type OR m.employee_ref IS DISTINCT FROM r.employee_ref)`.execute(tx);
  await analyze(tx, ['employments']);
  // 5. wages that differ from the wage in force that month
  await sql`
    INSERT INTO wages (employment_id, employer_id, effective_month, wage)
    SELECT m.id, ${employer.id}, r.wage_month, r.wage
    FROM workforce_upload_rows r JOIN people p ON p.nik = r.nik
    JOIN employments m ON m.person_id = p.id AND m.employer_id = ${employer.id} AND m.end_date IS NULL
    WHERE r.upload_id = ${uploadId}
      AND (SELECT w.wage FROM wages w WHERE w.employment_id = m.id AND w.effective_month <= r.wage_month ORDER BY w.effective_month DESC LIMIT 1) IS DISTINCT FROM r.wage
    ON CONFLICT (employment_id, effective_month) DO UPDATE SET wage = EXCLUDED.wage`.execute(tx);
  // 6. leavers: end the employment, and the PU participation of whoever has no other work
  await sql`
    UPDATE employments m SET end_date = r.end_date, end_reason = r.end_reason, updated_at = now()
    FROM workforce_upload_rows r JOIN people p ON p.nik = r.nik
    WHERE r.upload_id = ${uploadId} AND r.end_date IS NOT NULL AND m.person_id = p.id AND m.employer_id = ${employer.id} AND m.end_date IS NULL
      AND r.end_date >= m.start_date`.execute(tx);
  await sql`
    WITH ended AS (
      UPDATE participants pa SET status = 'ended', ended_at = now()
      FROM workforce_upload_rows r JOIN people p ON p.nik = r.nik
      WHERE r.upload_id = ${uploadId} AND r.end_date IS NOT NULL AND pa.person_id = p.id AND pa.segment = 'PU' AND pa.status <> 'ended'
        AND NOT EXISTS (SELECT 1 FROM employments m WHERE m.person_id = p.id AND m.end_date IS NULL)
      RETURNING pa.id, pa.person_id)
    INSERT INTO participant_status_history (participant_id, person_id, status, reason)
    SELECT id, person_id, 'ended', 'no open employment (workforce file ' || ${uploadId} || ')' FROM ended`.execute(tx);
}

export const WORKFORCE_COLUMNS = Object.values(COLUMNS).map((aliases) => aliases[0]);
