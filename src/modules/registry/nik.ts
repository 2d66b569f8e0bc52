/**
 * The NIK (Nomor Induk Kependudukan), 16 digits: province (2) + regency (2) + district (2) where the
 * person was first registered, birth date DDMMYY with 40 added to the day for women, and a serial from
 * 0001 (RULES.md §9.3, DECISIONS.md D17). Pure functions; the province and district lists come in.
 */

export type NikRule = 'nik_length' | 'nik_digits' | 'nik_province' | 'nik_birth_date' | 'nik_serial';

export interface DecodedNik {
  valid: boolean;
  /** YYYY-MM-DD, the century chosen as the most recent one not in the future. */
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  provinceCode: string | null;
  /** '35.15' — Kemendagri form, as in the region list. */
  regencyCode: string | null;
  /** '35.15.14' */
  districtCode: string | null;
  districtKnown: boolean;
  errors: NikRule[];
}

export interface NikReference {
  /** Current and historical province codes ('11' … '96', '54' Timor Timur). */
  isProvince(code: string): boolean;
  /** Whether the district is in today's region list: a warning only (D17). */
  isDistrict(code: string): boolean;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function decodeNik(nik: string, ref: NikReference, today = new Date()): DecodedNik {
  const out: DecodedNik = { valid: false, birthDate: null, sex: null, provinceCode: null, regencyCode: null, districtCode: null, districtKnown: false, errors: [] };
  if (!/^\d*$/.test(nik)) {
    out.errors.push('nik_digits');
    return out;
  }
  if (nik.length !== 16) {
    out.errors.push('nik_length');
    return out;
  }
  const province = nik.slice(0, 2);
  out.provinceCode = province;
  out.regencyCode = `${province}.${nik.slice(2, 4)}`;
  out.districtCode = `${out.regencyCode}.${nik.slice(4, 6)}`;
  if (!ref.isProvince(province)) out.errors.push('nik_province');
  out.districtKnown = ref.isDistrict(out.districtCode);

  let day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const sex = day > 40 ? 'F' : 'M';
  if (day > 40) day -= 40;
  const thisYear = today.getUTCFullYear();
  let year = 2000 + yy;
  if (year > thisYear) year -= 100;
  if (!isRealDate(year, month, day) || (year === thisYear && new Date(Date.UTC(year, month - 1, day)) > today)) {
    out.errors.push('nik_birth_date');
  } else {
    out.birthDate = `${year}-${pad(month)}-${pad(day)}`;
    out.sex = sex;
  }
  if (nik.slice(12) === '0000') out.errors.push('nik_serial');
  out.valid = out.errors.length === 0;
  return out;
}

export interface NikMismatch {
  field: 'birthDate' | 'sex';
  rule: 'nik_birth_date_mismatch' | 'nik_sex_mismatch';
  params: Record<string, unknown>;
}

/**
 * Whether the birth date and sex a person gives agree with their NIK. The NIK holds only two digits of
 * the year, so the century is taken from the date given (someone born in 1925 has YY = 25).
 */
export function nikAgreesWith(nik: string, birthDate: string, sex: 'M' | 'F'): NikMismatch[] {
  const problems: NikMismatch[] = [];
  const [y, m, d] = birthDate.split('-');
  const dayInNik = Number(nik.slice(6, 8));
  const nikDay = dayInNik > 40 ? dayInNik - 40 : dayInNik;
  const nikSex = dayInNik > 40 ? 'F' : 'M';
  if (pad(nikDay) !== d || nik.slice(8, 10) !== m || nik.slice(10, 12) !== y!.slice(2)) {
    problems.push({ field: 'birthDate', rule: 'nik_birth_date_mismatch', params: { nikDate: `${pad(nikDay)}-${nik.slice(8, 10)}-${nik.slice(10, 12)}` } });
  }
  if (nikSex !== sex) {
    problems.push({ field: 'sex', rule: 'nik_sex_mismatch', params: { nikSex: nikSex === 'F' ? { id: 'perempuan', en: 'female' } : { id: 'laki-laki', en: 'male' } } });
  }
  return problems;
}
