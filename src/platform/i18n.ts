/**
 * Bahasa Indonesia first, English second. Every word the API returns to a person comes from here.
 * Modules add their own messages with `defineMessages`, next to the code that uses them.
 */
export type Lang = 'id' | 'en';
export type Text = Record<Lang, string>;

export interface ProblemText {
  title: Text;
  detail: Text;
}

const problems = new Map<string, ProblemText>();
const fieldRules = new Map<string, Text>();

/** Registers problem codes: a stable `code` with a localized title and detail ({param} placeholders). */
export function defineProblems(defs: Record<string, ProblemText>) {
  for (const [code, text] of Object.entries(defs)) {
    if (problems.has(code)) throw new Error(`problem code defined twice: ${code}`);
    problems.set(code, text);
  }
}

/** Registers field rules: the message shown beside a field that breaks the rule. */
export function defineFieldRules(defs: Record<string, Text>) {
  for (const [rule, text] of Object.entries(defs)) fieldRules.set(rule, text);
}

export function fill(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? `{${k}}` : String(params[k])));
}

/** Parameters may themselves be localized ({ id, en }); pick the caller's language. */
function localize(params: Record<string, unknown> | undefined, lang: Lang) {
  if (!params) return params;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    out[k] = v && typeof v === 'object' && 'id' in v && 'en' in v ? (v as Text)[lang] : v;
  }
  return out;
}

export function problemText(code: string, lang: Lang, rawParams?: Record<string, unknown>) {
  const params = localize(rawParams, lang);
  const text = problems.get(code) ?? problems.get('internal_error')!;
  return { title: fill(text.title[lang], params), detail: fill(text.detail[lang], params) };
}

export function fieldRuleText(rule: string, lang: Lang, params?: Record<string, unknown>): string {
  const text = fieldRules.get(rule) ?? fieldRules.get('invalid')!;
  return fill(text[lang], localize(params, lang));
}

/** Picks the first supported language of an Accept-Language header; Indonesian when none fits. */
export function pickLanguage(header: string | undefined): Lang {
  if (!header) return 'id';
  const wanted = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1, i };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const w of wanted) {
    if (w.tag.startsWith('id') || w.tag.startsWith('in')) return 'id';
    if (w.tag.startsWith('en')) return 'en';
  }
  return 'id';
}

defineProblems({
  internal_error: {
    title: { id: 'Terjadi kesalahan pada sistem', en: 'Something went wrong' },
    detail: { id: 'Permintaan Anda tidak dapat diproses. Silakan coba lagi; jika berulang, hubungi kami dengan nomor permintaan ini.', en: 'Your request could not be processed. Please try again; if it keeps happening, contact us quoting this request id.' },
  },
  validation_failed: {
    title: { id: 'Data yang dikirim belum benar', en: 'The data sent is not valid' },
    detail: { id: 'Periksa kolom yang ditandai lalu kirim lagi. Tidak ada yang disimpan.', en: 'Check the fields marked and send again. Nothing was saved.' },
  },
  malformed_json: {
    title: { id: 'Format JSON tidak sah', en: 'Malformed JSON' },
    detail: { id: 'Isi permintaan bukan JSON yang sah. Tidak ada yang disimpan.', en: 'The request body is not valid JSON. Nothing was saved.' },
  },
  body_too_large: {
    title: { id: 'Isi permintaan terlalu besar', en: 'Request body too large' },
    detail: { id: 'Isi permintaan melebihi batas {limit} bita. Tidak ada yang disimpan.', en: 'The request body exceeds the limit of {limit} bytes. Nothing was saved.' },
  },
  unsupported_media_type: {
    title: { id: 'Jenis isi tidak didukung', en: 'Unsupported media type' },
    detail: { id: 'Kirim isi permintaan sebagai application/json.', en: 'Send the request body as application/json.' },
  },
  not_found: {
    title: { id: 'Tidak ditemukan', en: 'Not found' },
    detail: { id: 'Alamat atau data yang diminta tidak ada.', en: 'The address or record requested does not exist.' },
  },
  method_not_allowed: {
    title: { id: 'Metode tidak diizinkan', en: 'Method not allowed' },
    detail: { id: 'Alamat ini tidak menerima metode {method}.', en: 'This address does not accept {method}.' },
  },
  unauthenticated: {
    title: { id: 'Silakan masuk terlebih dahulu', en: 'Please sign in first' },
    detail: { id: 'Permintaan ini memerlukan sesi masuk yang sah.', en: 'This request needs a valid signed-in session.' },
  },
  forbidden: {
    title: { id: 'Akses ditolak', en: 'Access denied' },
    detail: { id: 'Peran Anda tidak diizinkan melakukan ini.', en: 'Your role is not allowed to do this.' },
  },
  out_of_scope: {
    title: { id: 'Di luar wilayah kerja Anda', en: 'Outside your area' },
    detail: { id: 'Data ini berada di luar cabang atau wilayah yang menjadi tanggung jawab Anda.', en: 'This record is outside the branch or region you are responsible for.' },
  },
  rate_limited: {
    title: { id: 'Terlalu banyak permintaan', en: 'Too many requests' },
    detail: { id: 'Tunggu {seconds} detik lalu coba lagi.', en: 'Wait {seconds} seconds and try again.' },
  },
  database_unavailable: {
    title: { id: 'Basis data tidak tersedia', en: 'Database unavailable' },
    detail: { id: 'Layanan sedang tidak dapat menjangkau basis data.', en: 'The service cannot reach its database right now.' },
  },
});

defineFieldRules({
  invalid: { id: 'Nilai tidak sah.', en: 'Invalid value.' },
  required: { id: 'Wajib diisi.', en: 'This field is required.' },
  type: { id: 'Harus berupa {type}.', en: 'Must be a {type}.' },
  unknown_field: { id: 'Kolom ini tidak dikenal.', en: 'This field is not recognised.' },
  min_length: { id: 'Minimal {limit} karakter.', en: 'At least {limit} characters.' },
  max_length: { id: 'Maksimal {limit} karakter.', en: 'At most {limit} characters.' },
  pattern: { id: 'Formatnya tidak sesuai.', en: 'The format is not right.' },
  format: { id: 'Harus berformat {format}.', en: 'Must be in {format} format.' },
  minimum: { id: 'Minimal {limit}.', en: 'At least {limit}.' },
  maximum: { id: 'Maksimal {limit}.', en: 'At most {limit}.' },
  enum: { id: 'Harus salah satu dari: {values}.', en: 'Must be one of: {values}.' },
  min_items: { id: 'Minimal {limit} item.', en: 'At least {limit} items.' },
  max_items: { id: 'Maksimal {limit} item.', en: 'At most {limit} items.' },
});

/** Type names as people read them in each language. */
export const typeNames: Record<string, Text> = {
  string: { id: 'teks', en: 'text' },
  integer: { id: 'bilangan bulat', en: 'whole number' },
  number: { id: 'angka', en: 'number' },
  boolean: { id: 'ya/tidak (boolean)', en: 'true/false' },
  object: { id: 'objek', en: 'object' },
  array: { id: 'daftar', en: 'list' },
  null: { id: 'kosong (null)', en: 'null' },
};
