/**
 * The codes of GN Lingkaran (pure). A donation's payment code is read by the same channels as a bill's
 * (bank virtual accounts, QRIS, the counter): '8', then '9' (a bill's second digit is its segment, 1 to
 * 4), the donation id in 12 digits and a Luhn check digit. A receipt code is random and short enough to
 * read aloud: 'LK-' and 8 characters without I and O.
 */
import { randomInt } from 'node:crypto';
import { luhnCheckDigit } from '../registry/check-digits.ts';

export function donationPaymentCode(donationId: number): string {
  const body = `89${String(donationId).padStart(12, '0')}`;
  return body + luhnCheckDigit(body);
}

/** The donation id inside a payment code, or null when it is not a donation's code or its check digit is wrong. */
export function donationIdFromPaymentCode(code: string): number | null {
  const digits = code.replace(/[\s.-]/g, '');
  if (!/^89\d{13}$/.test(digits) || luhnCheckDigit(digits.slice(0, 14)) !== Number(digits[14])) return null;
  const id = Number(digits.slice(2, 14));
  return id > 0 ? id : null;
}

const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const RECEIPT_CODE = /^LK-[0-9A-HJ-NP-Z]{8}$/;

export function newReceiptCode(): string {
  let code = 'LK-';
  for (let i = 0; i < 8; i++) code += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return code;
}

/** A campaign's address from its title: lower case, words joined by hyphens, at most 50 characters. */
export function campaignCode(title: string): string {
  const slug = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug.slice(0, 50).replace(/-+$/, '') || 'kampanye';
}
