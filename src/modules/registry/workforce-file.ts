/**
 * Reading a workforce file (CSV or XLSX) as a stream of rows, and checking one row at a time without
 * the database. Column names are Indonesian (English accepted); dates YYYY-MM-DD or DD/MM/YYYY.
 */
import crypto from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { FieldError } from '../../platform/errors.ts';
import { decodeNik, isRealDate, nikAgreesWith, type NikReference } from './nik.ts';
import { personSearchName } from './people.ts';
import type { ContractType, EndReason, Sex } from './tables.ts';
import { NAME } from './validation.ts';

/** The columns of the file: the Indonesian name first (used in reports), then accepted aliases. */
export const COLUMNS = {
  nik: ['nik'],
  fullName: ['nama', 'nama_lengkap', 'name', 'full_name'],
  birthDate: ['tanggal_lahir', 'tgl_lahir', 'birth_date'],
  sex: ['jenis_kelamin', 'jk', 'sex'],
  employeeRef: ['no_pegawai', 'nomor_pegawai', 'employee_ref'],
  contractType: ['jenis_kontrak', 'kontrak', 'contract_type'],
  startDate: ['tanggal_mulai', 'tgl_mulai', 'start_date'],
  wage: ['upah', 'gaji', 'wage'],
  wageMonth: ['bulan_upah', 'wage_month'],
  endDate: ['tanggal_berhenti', 'tgl_berhenti', 'end_date'],
  endReason: ['alasan_berhenti', 'end_reason'],
} as const;
export type Column = keyof typeof COLUMNS;
export const REQUIRED: Column[] = ['nik', 'fullName', 'birthDate', 'sex', 'contractType', 'startDate', 'wage'];
export const columnLabel = (c: Column) => COLUMNS[c][0];

const normalizeHeader = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** Maps a header row to columns; unknown headers are ignored, missing required ones reported. */
export function mapHeader(header: string[]): { index: Partial<Record<Column, number>>; missing: Column[] } {
  const index: Partial<Record<Column, number>> = {};
  header.forEach((h, i) => {
    const name = normalizeHeader(h);
    for (const [col, aliases] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
      if (aliases.includes(name) && index[col] === undefined) index[col] = i;
    }
  });
  return { index, missing: REQUIRED.filter((c) => index[c] === undefined) };
}

export interface StagedRow {
  rowNo: number;
  nik: string;
  fullName: string;
  searchName: string;
  birthDate: string;
  sex: Sex;
  employeeRef: string | null;
  contractType: ContractType;
  startDate: string;
  wage: number;
  wageMonth: string;
  endDate: string | null;
  endReason: EndReason | null;
}

export interface RowError extends FieldError {
  rowNo: number;
  value: string | null;
}

const SEX: Record<string, Sex> = { l: 'M', m: 'M', 'laki-laki': 'M', 'laki_laki': 'M', male: 'M', p: 'F', f: 'F', perempuan: 'F', female: 'F', w: 'F', wanita: 'F' };
const REASONS: Record<string, EndReason> = {
  mengundurkan_diri: 'resignation', resign: 'resignation', resignation: 'resignation',
  phk: 'dismissal', dismissal: 'dismissal',
  kontrak_berakhir: 'contract_end', habis_kontrak: 'contract_end', contract_end: 'contract_end',
  pensiun: 'retirement', retirement: 'retirement',
  meninggal: 'death', meninggal_dunia: 'death', death: 'death',
};

/** '2024-03-01', '01/03/2024' or '1-3-2024' → '2024-03-01'; null if none of them or not a real date. */
export function parseDate(value: string): string | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value))) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return null;
  return isRealDate(y, mo, d) ? `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` : null;
}

/** '5000000', '5.000.000' or '5,000,000' → 5000000; null for decimals, negatives or text. */
export function parseRupiah(value: string): number | null {
  const v = value.replace(/^rp\s*/i, '').trim();
  if (!/^\d+$/.test(v) && !/^\d{1,3}([.,]\d{3})+$/.test(v)) return null;
  const n = Number(v.replace(/[.,]/g, ''));
  return Number.isSafeInteger(n) && n > 0 && n <= 1_000_000_000_000 ? n : null;
}

export interface RowContext {
  nikRef: NikReference;
  today: string;
  /** Wage month when the file gives none: the first day of the current month. */
  defaultWageMonth: string;
}

/** Checks one row; returns the row ready for staging, or every error in it. */
export function checkRow(rowNo: number, cells: Partial<Record<Column, string>>, ctx: RowContext): { row?: StagedRow; errors: RowError[] } {
  const errors: RowError[] = [];
  const err = (col: Column, rule: string, params?: Record<string, unknown>) => errors.push({ rowNo, field: columnLabel(col), rule, params, value: cells[col] ?? null });
  const v = (c: Column) => (cells[c] ?? '').trim();
  for (const c of REQUIRED) if (!v(c)) err(c, 'required');

  const nik = v('nik');
  if (nik) for (const rule of decodeNik(nik, ctx.nikRef, new Date(`${ctx.today}T00:00:00Z`)).errors) err('nik', rule);
  const fullName = v('fullName').replace(/\s+/g, ' ');
  if (fullName && !NAME.test(fullName)) err('fullName', 'name_invalid');
  const birthDate = v('birthDate') ? parseDate(v('birthDate')) : null;
  if (v('birthDate') && !birthDate) err('birthDate', 'date_invalid');
  else if (birthDate && birthDate > ctx.today) err('birthDate', 'date_in_future');
  const sex = v('sex') ? SEX[v('sex').toLowerCase()] : undefined;
  if (v('sex') && !sex) err('sex', 'sex_invalid');
  if (nik && birthDate && sex && !errors.some((e) => e.field === 'nik')) {
    for (const m of nikAgreesWith(nik, birthDate, sex)) err(m.field === 'birthDate' ? 'birthDate' : 'sex', m.rule, m.params);
  }
  const contractType = v('contractType').toUpperCase();
  if (contractType && contractType !== 'PKWT' && contractType !== 'PKWTT') err('contractType', 'contract_invalid');
  const startDate = v('startDate') ? parseDate(v('startDate')) : null;
  if (v('startDate') && !startDate) err('startDate', 'date_invalid');
  else if (startDate && startDate > ctx.today) err('startDate', 'date_in_future');
  const wage = v('wage') ? parseRupiah(v('wage')) : null;
  if (v('wage') && wage === null) err('wage', 'wage_invalid');
  let wageMonth = ctx.defaultWageMonth;
  if (v('wageMonth')) {
    const m = /^(\d{4})-(\d{2})$/.exec(v('wageMonth'));
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) err('wageMonth', 'month_invalid');
    else wageMonth = `${m[1]}-${m[2]}-01`;
  }
  const endDate = v('endDate') ? parseDate(v('endDate')) : null;
  if (v('endDate') && !endDate) err('endDate', 'date_invalid');
  else if (endDate && endDate > ctx.today) err('endDate', 'date_in_future');
  else if (endDate && startDate && endDate < startDate) err('endDate', 'date_before_start');
  const reasonKey = v('endReason').toLowerCase().replace(/[\s-]+/g, '_');
  const endReason = reasonKey ? REASONS[reasonKey] : undefined;
  if (reasonKey && !endReason) err('endReason', 'end_reason_invalid');
  if (endDate && !reasonKey) err('endReason', 'end_reason_required');
  if (reasonKey && !v('endDate')) err('endDate', 'required');

  if (errors.length) return { errors };
  return {
    errors,
    row: {
      rowNo, nik, fullName, searchName: personSearchName(fullName), birthDate: birthDate!, sex: sex!, employeeRef: v('employeeRef') || null,
      contractType: contractType as ContractType, startDate: startDate!, wage: wage!, wageMonth, endDate, endReason: endReason ?? null,
    },
  };
}

/** Passes a stream through while computing its SHA-256: the identity of an uploaded file. */
export function hashingStream(): Transform & { digest(): string } {
  const hash = crypto.createHash('sha256');
  const t = new Transform({
    transform(chunk, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  }) as Transform & { digest(): string };
  let hex: string | undefined;
  t.digest = () => (hex ??= hash.digest('hex'));
  return t;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { result?: unknown; richText?: { text: string }[]; text?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return String(v.text);
  }
  return String(value);
}

/** The rows of a CSV (comma or semicolon) or of the first sheet of an XLSX, header first. */
export async function* readSheet(stream: Readable, format: 'csv' | 'xlsx'): AsyncGenerator<string[]> {
  if (format === 'csv') {
    const parser = stream.pipe(parse({ bom: true, delimiter: [',', ';'], relax_column_count: true, skip_empty_lines: true, trim: true }));
    for await (const record of parser) yield record as string[];
    return;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(stream, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' });
  for await (const sheet of workbook) {
    for await (const row of sheet) {
      const values = row.values as unknown[];
      const cells = values.slice(1).map(cellText);
      if (cells.some((c) => c.trim() !== '')) yield cells;
    }
    break; // the first sheet only
  }
}
