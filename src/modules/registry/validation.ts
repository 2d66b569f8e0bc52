/** Field checks shared by registration, workforce changes and file uploads. Each returns field errors. */
import type { FieldError } from '../../platform/errors.ts';
import { isRealDate } from './nik.ts';

export const NAME = /^[\p{L}][\p{L}\p{M} .'’-]{1,119}$/u;

export function checkName(field: string, value: string): FieldError[] {
  return NAME.test(value.trim()) ? [] : [{ field, rule: 'name_invalid' }];
}

export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export const today = () => new Date().toISOString().slice(0, 10);

export function checkPastDate(field: string, value: string): FieldError[] {
  if (!isIsoDate(value)) return [{ field, rule: 'date_invalid' }];
  return value > today() ? [{ field, rule: 'date_in_future' }] : [];
}

/** '2026-11' → '2026-11-01' (null if not a month). */
export function monthStart(value: string): string | null {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  return m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${m[1]}-${m[2]}-01` : null;
}
