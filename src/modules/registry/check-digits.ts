/**
 * Lindung's own numbers carry a final Luhn check digit (DECISIONS.md D18), so a mistyped KPJ or NPP is
 * caught at once: KPJ = 10 digits + check digit, NPP = 7 digits + check digit. Numbers Lindung issues
 * start with 9; imported legacy numbers are kept as they are and are not checked.
 */
import { sql, type RawBuilder } from 'kysely';

export function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function luhnValid(number: string): boolean {
  return /^\d{2,}$/.test(number) && luhnCheckDigit(number.slice(0, -1)) === Number(number.slice(-1));
}

/** KPJ from a sequence number: '9' + 9 digits + check digit = 11 digits. */
export function kpjFromSequence(seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > 999_999_999) throw new Error('KPJ sequence out of range');
  const body = `9${String(seq).padStart(9, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
}

/** NPP from a sequence number: '9' + 6 digits + check digit = 8 digits. */
export function nppFromSequence(seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > 999_999) throw new Error('NPP sequence out of range');
  const body = `9${String(seq).padStart(6, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
}

/**
 * The Luhn check digit of a fixed-length digit string held in column `col`, as one SQL expression
 * (check-digits.ts luhnCheckDigit): counted from the right, every first, third … digit is doubled, and
 * a doubled digit's digit sum is looked up by translate().
 */
export function luhnSql(col: string, length: number): RawBuilder<number> {
  if (!/^[a-z_][a-z0-9_.]*$/.test(col)) throw new Error('luhnSql: plain column names only');
  const terms: string[] = [];
  for (let pos = 1; pos <= length; pos++) {
    const digit = `substr(${col}, ${pos}, 1)`;
    terms.push((length - pos) % 2 === 0 ? `translate(${digit}, '0123456789', '0246813579')::int` : `${digit}::int`);
  }
  return sql.raw(`((10 - (${terms.join(' + ')}) % 10) % 10)`);
}

export const isLindungKpj = (kpj: string) => /^9\d{10}$/.test(kpj);

/** 90000000017 → 9000****017 */
export function maskKpj(kpj: string): string {
  return kpj.length > 7 ? `${kpj.slice(0, 4)}${'*'.repeat(kpj.length - 7)}${kpj.slice(-3)}` : '****';
}
