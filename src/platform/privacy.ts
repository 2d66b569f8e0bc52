/**
 * Personal data (NIK, phone numbers, e-mail, bank accounts, health data) never reaches a log and is
 * masked in lists and audit records. These are the masks every module uses.
 */

/** Field names that hold personal data, wherever they appear. */
export const PERSONAL_FIELDS = new Set([
  'nik', 'phone', 'email', 'password', 'password_hash', 'passwordHash', 'newPassword', 'code', 'token',
  'bank_account', 'bankAccount', 'account_number', 'accountNumber', 'diagnosis', 'health', 'medical_notes',
]);

/** 3515140508680001 → 3515********0001 */
export function maskNik(nik: string): string {
  return nik.length === 16 ? `${nik.slice(0, 4)}********${nik.slice(12)}` : '****';
}

/** +6281234567890 → +62812*****890 */
export function maskPhone(phone: string): string {
  if (phone.length < 8) return '****';
  return `${phone.slice(0, 6)}${'*'.repeat(phone.length - 9)}${phone.slice(-3)}`;
}

export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at < 1) return '****';
  return `${email[0]}***${email.slice(at)}`;
}

export function maskValue(field: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const s = String(value);
  if (field === 'nik') return maskNik(s);
  if (field === 'phone') return maskPhone(s);
  if (field === 'email') return maskEmail(s);
  return '[disamarkan]';
}

const NIK_IN_TEXT = /(?<!\d)(\d{4})\d{8}(\d{4})(?!\d)/g;
const PHONE_IN_TEXT = /(?<![\d])(?:\+62|62|0)8\d{7,11}(?!\d)/g;
const EMAIL_IN_TEXT = /[\w.+-]+@[\w-]+\.[\w.-]+/g;

/** Masks NIKs, phone numbers and e-mail addresses found anywhere in free text (URLs, messages). */
export function maskPersonalText(text: string): string {
  return text
    .replace(NIK_IN_TEXT, '$1********$2')
    .replace(PHONE_IN_TEXT, (m) => maskPhone(m))
    .replace(EMAIL_IN_TEXT, (m) => maskEmail(m));
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(v));

/**
 * A deep copy of plain data with every personal field masked, for logs and audit records. Other
 * objects (requests, errors) are left to the logger's serializers, which mask them their own way.
 */
export function maskRecord(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[…]';
  if (Array.isArray(value)) return value.map((v) => maskRecord(v, depth + 1));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = PERSONAL_FIELDS.has(k) ? maskValue(k, v) : maskRecord(v, depth + 1);
    return out;
  }
  return typeof value === 'string' ? maskPersonalText(value) : value;
}
