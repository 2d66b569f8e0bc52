/**
 * The participant's digital card: what it shows, the PDF to print, and the signed code in its QR
 * code that anyone can check on the verification page (/v/<code>) without signing in. The code is the
 * KPJ and a truncated HMAC of it under a server secret, so a card cannot be made up for another KPJ;
 * the page shows only a masked name and KPJ and the current status, never a NIK or birth date.
 */
import crypto from 'node:crypto';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { winAnsi } from '../../platform/pdf-text.ts';
import { defineProblems, type Lang, type Text } from '../../platform/i18n.ts';
import type { ParticipantStatus, Program, Segment, Sex } from './tables.ts';

defineProblems({
  card_not_found: {
    title: { id: 'Kartu peserta belum ada', en: 'No participant card yet' },
    detail: { id: 'Akun ini belum terhubung dengan kepesertaan Lindung. Daftar sebagai peserta, atau hubungi kantor cabang.', en: 'This account is not linked to a Lindung participation yet. Register as a participant, or contact a branch office.' },
  },
});

/** The name of the secret (app_secrets / LINDUNG_SECRET_CARD) that signs card codes. */
export const CARD_SECRET = 'card';

export const PROGRAMS: readonly Program[] = ['JKK', 'JKM', 'JHT', 'JP', 'JKP'];

export const programText: Record<Program, Text> = {
  JKK: { id: 'Jaminan Kecelakaan Kerja', en: 'Work accident benefit' },
  JKM: { id: 'Jaminan Kematian', en: 'Death benefit' },
  JHT: { id: 'Jaminan Hari Tua', en: 'Old-age savings' },
  JP: { id: 'Jaminan Pensiun', en: 'Pension' },
  JKP: { id: 'Jaminan Kehilangan Pekerjaan', en: 'Job-loss benefit' },
};

export const segmentText: Record<Segment, Text> = {
  PU: { id: 'Penerima Upah', en: 'Wage earner' },
  BPU: { id: 'Bukan Penerima Upah', en: 'Informal worker' },
  JAKON: { id: 'Jasa Konstruksi', en: 'Construction worker' },
  PMI: { id: 'Pekerja Migran Indonesia', en: 'Indonesian migrant worker' },
};

export const statusText: Record<ParticipantStatus, Text> = {
  pending: { id: 'Menunggu iuran pertama', en: 'Awaiting the first contribution' },
  active: { id: 'Aktif', en: 'Active' },
  arrears: { id: 'Aktif, iuran tertunggak', en: 'Active, contributions overdue' },
  lapsed: { id: 'Tidak aktif (iuran terhenti)', en: 'Not active (contributions stopped)' },
  ended: { id: 'Kepesertaan berakhir', en: 'Participation ended' },
};

/** Which status a card shows when a person has several open participations: the most protective. */
const STATUS_RANK: Record<ParticipantStatus, number> = { active: 0, arrears: 1, pending: 2, lapsed: 3, ended: 4 };

export interface CardParticipation {
  segment: Segment;
  programs: Program[];
  status: ParticipantStatus;
  registeredAt: string;
}

export interface Card {
  personId: number;
  /** The person's primary KPJ (not merged into another). */
  kpj: string;
  fullName: string;
  birthDate: string;
  sex: Sex;
  segments: Segment[];
  /** Every programme of the participations shown, in the usual order. */
  programs: Program[];
  status: ParticipantStatus;
  /** When the earliest participation shown began (ISO 8601). */
  registeredAt: string;
  /** The open participations, or the latest ended one when none is open. */
  participations: CardParticipation[];
  villageName: string | null;
  regencyName: string | null;
  provinceName: string | null;
  occupation: { code: string; name: Text } | null;
}

/** The card of a person, or null when the person has no participation (or does not exist). */
export async function cardOf(db: Executor, personId: number): Promise<Card | null> {
  const person = await db.selectFrom('people as p')
    .leftJoin('occupations as o', 'o.code', 'p.occupation_code')
    .leftJoin('regions as v', 'v.code', 'p.village_code')
    .leftJoin('regions as r', 'r.code', 'p.regency_code')
    .leftJoin('regions as pr', (join) => join.on('pr.code', '=', sql<string>`split_part(p.regency_code, '.', 1)`))
    .select([
      'p.id', 'p.full_name', 'p.birth_date', 'p.sex', 'p.occupation_code', 'o.name_id as occupation_id', 'o.name_en as occupation_en',
      'v.name as village_name', 'r.name as regency_name', 'pr.name as province_name',
    ])
    .where('p.id', '=', personId)
    .executeTakeFirst();
  if (!person) return null;
  const [kpj, rows] = await Promise.all([
    db.selectFrom('kpj_numbers').select('kpj').where('person_id', '=', personId).where('merged_into', 'is', null)
      .orderBy('issued_at').orderBy('kpj').limit(1).executeTakeFirst(),
    db.selectFrom('participants').select(['segment', 'programs', 'status', 'registered_at', 'ended_at'])
      .where('person_id', '=', personId).orderBy('registered_at').orderBy('id').execute(),
  ]);
  if (!kpj || rows.length === 0) return null;
  const open = rows.filter((r) => r.status !== 'ended');
  const latestEnded = [...rows].sort((a, b) => +(b.ended_at ?? b.registered_at) - +(a.ended_at ?? a.registered_at))[0]!;
  const shown = open.length ? open : [latestEnded];
  const participations = shown.map((r) => ({
    segment: r.segment, programs: PROGRAMS.filter((p) => r.programs.includes(p)), status: r.status, registeredAt: r.registered_at.toISOString(),
  }));
  const programs = PROGRAMS.filter((p) => participations.some((x) => x.programs.includes(p)));
  const status = participations.map((x) => x.status).sort((a, b) => STATUS_RANK[a] - STATUS_RANK[b])[0]!;
  return {
    personId,
    kpj: kpj.kpj,
    fullName: person.full_name,
    birthDate: person.birth_date,
    sex: person.sex,
    segments: [...new Set(participations.map((x) => x.segment))],
    programs,
    status,
    registeredAt: participations.map((x) => x.registeredAt).sort()[0]!,
    participations,
    villageName: person.village_name,
    regencyName: person.regency_name,
    provinceName: person.province_name,
    occupation: person.occupation_code && person.occupation_id && person.occupation_en
      ? { code: person.occupation_code, name: { id: person.occupation_id, en: person.occupation_en } } : null,
  };
}

/** The person signed in with this user account (a participant's account), if any. */
export async function personOfUser(db: Executor, userId: number): Promise<number | null> {
  const row = await db.selectFrom('person_accounts').select('person_id').where('user_id', '=', userId).executeTakeFirst();
  return row?.person_id ?? null;
}

// ---- the signed code -------------------------------------------------------------------------

const SIGNATURE_HEX = 16;
const CODE = /^(\d{8,16})-([0-9a-f]{16})$/;

const signatureOf = (secret: string, kpj: string) =>
  crypto.createHmac('sha256', secret).update(`card:${kpj}`).digest('hex').slice(0, SIGNATURE_HEX);

/** The code in a card's QR code: the KPJ, a hyphen and 16 hex digits of HMAC-SHA256(secret, 'card:' + KPJ). */
export function verificationCode(secret: string, kpj: string): string {
  return `${kpj}-${signatureOf(secret, kpj)}`;
}

/** The KPJ of a genuine code, or null; the signature is compared in constant time. */
export function checkVerificationCode(secret: string, code: string): string | null {
  const m = CODE.exec(code);
  if (!m) return null;
  const kpj = m[1]!;
  const given = Buffer.from(m[2]!, 'utf8');
  const expected = Buffer.from(signatureOf(secret, kpj), 'utf8');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? kpj : null;
}

export const verifyUrlOf = (base: string, secret: string, kpj: string) => `${base.replace(/\/+$/, '')}/v/${verificationCode(secret, kpj)}`;

export type Verification =
  | { valid: false }
  | { valid: true; maskedName: string; maskedKpj: string; status: ParticipantStatus };

/** What the public verification page may tell about a code: validity, masked name and KPJ, status. */
export async function verifyCard(db: Executor, secret: string, code: string): Promise<Verification> {
  const kpj = checkVerificationCode(secret, code);
  if (!kpj) return { valid: false };
  // a KPJ merged into another one still belongs to the same person: an older card stays checkable
  const owner = await db.selectFrom('kpj_numbers').select('person_id').where('kpj', '=', kpj).executeTakeFirst();
  const card = owner ? await cardOf(db, owner.person_id) : null;
  if (!card) return { valid: false };
  return { valid: true, maskedName: maskName(card.fullName), maskedKpj: maskKpj(kpj), status: card.status };
}

// ---- what people read ------------------------------------------------------------------------

/** 'La Ode Hamid' → 'L* O** H****': the first letter of each word, the rest hidden. */
export function maskName(fullName: string): string {
  return fullName.trim().split(/\s+/).filter(Boolean)
    .map((word) => { const chars = Array.from(word); return chars[0]! + '*'.repeat(chars.length - 1); })
    .join(' ');
}

/** '90000000123' → '********123' */
export function maskKpj(kpj: string): string {
  return kpj.length > 3 ? '*'.repeat(kpj.length - 3) + kpj.slice(-3) : '***';
}

/** '90123456789' → '9012 3456 789': groups of four, easier to read out and type. */
export function formatKpj(kpj: string): string {
  return kpj.replace(/(\d{4})(?=\d)/g, '$1 ');
}

const locale = (lang: Lang) => (lang === 'id' ? 'id-ID' : 'en-GB');

/** '1990-03-12' → '12 Maret 1990' / '12 March 1990' (a date has no time zone). */
export function formatDate(date: string, lang: Lang): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(+d)) return date;
  return new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** A moment as read in western Indonesia: '21 November 2026 pukul 10.15 WIB'. */
export function formatMomentWib(at: Date, lang: Lang): string {
  return `${new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Jakarta' }).format(at)} WIB`;
}

// ---- the PDF ---------------------------------------------------------------------------------

const MM = 72 / 25.4;
/** ISO/IEC 7810 ID-1, the size of a bank card. */
export const CARD_SIZE: [number, number] = [85.6 * MM, 53.98 * MM];
const BRAND = '#0b5d3b';
const TEXT = '#1b1b1b';
const MUTED = '#505a5f';

const pdfWords = {
  name: { id: 'Nama', en: 'Name' },
  kpj: { id: 'Nomor KPJ', en: 'KPJ number' },
  birthDate: { id: 'Tanggal lahir', en: 'Date of birth' },
  segment: { id: 'Segmen', en: 'Segment' },
  programs: { id: 'Program', en: 'Programmes' },
  since: { id: 'Peserta sejak', en: 'Member since' },
  scan: { id: 'Pindai untuk memeriksa', en: 'Scan to check' },
  check: { id: 'Periksa keaslian', en: 'Check this card' },
  qrAlt: { id: 'Kode QR untuk memeriksa keaslian kartu', en: 'QR code to check that the card is genuine' },
} satisfies Record<string, Text>;


/** The printable card: one ID-1 page with the name, KPJ, birth date, segment, programmes and a QR code. */
export async function cardPdf(card: Card, verifyUrl: string, lang: Lang): Promise<Buffer> {
  const qr = await QRCode.toBuffer(verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 360, color: { dark: '#000000', light: '#ffffff' } });
  const [W, H] = CARD_SIZE;
  const doc = new PDFDocument({
    size: [W, H], margin: 0, autoFirstPage: true, tagged: true, displayTitle: true, lang: lang === 'id' ? 'id-ID' : 'en-GB', pdfVersion: '1.7',
    info: { Title: 'Kartu Peserta Lindung / Lindung participant card', Author: 'Lindung', Subject: `KPJ ${card.kpj}`, Creator: 'Lindung' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const w = <K extends keyof typeof pdfWords>(k: K) => pdfWords[k][lang];
  const artifact = (draw: () => void) => { doc.markContent('Artifact', { type: 'Layout' }); draw(); doc.endMarkedContent(); };
  const root = doc.struct('Document');
  doc.addStructure(root);

  const pad = 9;
  const band = 32;
  const qrSize = 70;
  const qrX = W - pad - qrSize;
  const colW = qrX - pad - 8;

  // the green band and the title, Indonesian first
  artifact(() => doc.rect(0, 0, W, band).fill(BRAND));
  root.add(doc.struct('H1', {}, () => {
    doc.fillColor('#ffffff').font('Helvetica-Bold').fontSize(10).text('Kartu Peserta Lindung', pad, 7, { lineBreak: false });
  }));
  root.add(doc.struct('P', { lang: 'en-GB' }, () => {
    doc.fillColor('#ffffff').font('Helvetica').fontSize(6.5).text('Lindung participant card', pad, 19.5, { lineBreak: false });
  }));
  root.add(doc.struct('P', {}, () => {
    doc.fillColor('#ffffff').font('Helvetica-Bold').fontSize(9).text(card.segments.join(' · '), qrX - 30, 11, { width: qrSize + 30, align: 'right', lineBreak: false });
  }));

  const field = (label: string, value: string, x: number, y: number, width: number, size: number, font = 'Helvetica-Bold') => {
    root.add(doc.struct('P', {}, () => {
      doc.fillColor(MUTED).font('Helvetica').fontSize(5.5).text(label, x, y, { lineBreak: false });
      const fitted = fit(doc, winAnsi(value), width, size, font);
      doc.fillColor(TEXT).font(font).fontSize(fitted.size).text(fitted.text, x, y + 7 + (size - fitted.size) / 2, { lineBreak: false });
    }));
  };

  field(w('name'), card.fullName, pad, band + 6, colW, 9);
  field(w('kpj'), formatKpj(card.kpj), pad, band + 26, colW, 11);
  field(w('birthDate'), formatDate(card.birthDate, lang), pad, band + 48, colW / 2 + 4, 6.5, 'Helvetica');
  field(w('since'), formatDate(card.registeredAt, lang), pad + colW / 2 + 8, band + 48, colW / 2 - 8, 6.5, 'Helvetica');
  field(w('programs'), card.programs.join(' · '), pad, band + 66, colW, 6.5, 'Helvetica');
  field(w('segment'), card.segments.map((s) => `${s} (${segmentText[s][lang]})`).join(', '), pad, band + 84, colW, 6.5, 'Helvetica');

  // the QR code, and what it is for
  root.add(doc.struct('Figure', { alt: `${w('qrAlt')}: ${verifyUrl}` }, () => {
    doc.image(qr, qrX, band + 6, { width: qrSize, height: qrSize });
  }));
  root.add(doc.struct('P', {}, () => {
    doc.fillColor(TEXT).font('Helvetica').fontSize(5).text(w('scan'), qrX - 6, band + qrSize + 8, { width: qrSize + 12, align: 'center', lineBreak: false });
  }));

  // the address of the check, for who cannot scan
  artifact(() => doc.moveTo(0, H - 13).lineTo(W, H - 13).lineWidth(0.6).strokeColor(BRAND).stroke());
  root.add(doc.struct('P', {}, () => {
    const line = fit(doc, `${w('check')}: ${verifyUrl}`, W - 2 * pad, 4.6, 'Helvetica');
    doc.fillColor(MUTED).font('Helvetica').fontSize(line.size).text(line.text, pad, H - 9, { lineBreak: false });
  }));

  root.end();
  doc.end();
  return done;
}

/** The text in at most `size` points, made smaller (down to 70 %) and then cut with an ellipsis to fit one line. */
function fit(doc: PDFKit.PDFDocument, text: string, width: number, size: number, font: string): { text: string; size: number } {
  doc.font(font);
  const min = Math.max(4.5, size * 0.7);
  for (let s = size; s >= min; s -= 0.25) {
    if (doc.fontSize(s).widthOfString(text) <= width) return { text, size: s };
  }
  doc.fontSize(min);
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return { text: `${cut.trimEnd()}…`, size: min };
}

// ---- the verification page -------------------------------------------------------------------

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Indonesian first, then English in its own element marked lang="en". */
const both = (t: Text) => `${escapeHtml(t.id)} <span lang="en" class="en">${escapeHtml(t.en)}</span>`;

const pageWords = {
  title: { id: 'Pemeriksaan kartu peserta Lindung', en: 'Lindung participant card check' },
  valid: { id: 'Kartu sah', en: 'Card valid' },
  validLead: { id: 'Kartu ini diterbitkan oleh Lindung. Cocokkan nama dengan kartu identitas pemegangnya.', en: 'This card was issued by Lindung. Compare the name with the holder\'s identity card.' },
  invalid: { id: 'Kartu tidak sah', en: 'Card not valid' },
  invalidLead: { id: 'Kode pada kartu ini tidak dikenal atau telah diubah. Jangan terima kartu ini sebagai bukti kepesertaan.', en: 'The code on this card is unknown or has been altered. Do not accept this card as proof of participation.' },
  help: { id: 'Ragu? Hubungi kantor cabang Lindung terdekat.', en: 'In doubt? Contact the nearest Lindung branch office.' },
  name: { id: 'Nama', en: 'Name' },
  kpj: { id: 'Nomor KPJ', en: 'KPJ number' },
  status: { id: 'Status kepesertaan', en: 'Participation status' },
  checkedAt: { id: 'Diperiksa pada', en: 'Checked on' },
  masked: { id: 'Sebagian nama dan nomor disamarkan untuk melindungi data pribadi.', en: 'Part of the name and number is hidden to protect personal data.' },
} satisfies Record<string, Text>;

/** The public page a card's QR code opens: a small, self-contained, bilingual HTML document. */
export function verificationPage(result: Verification, checkedAt: Date): string {
  const heading = result.valid ? pageWords.valid : pageWords.invalid;
  const body = result.valid
    ? `<p>${both(pageWords.validLead)}</p>
<dl>
  <dt>${both(pageWords.name)}</dt><dd class="masked">${escapeHtml(result.maskedName)}</dd>
  <dt>${both(pageWords.kpj)}</dt><dd class="masked">${escapeHtml(result.maskedKpj)}</dd>
  <dt>${both(pageWords.status)}</dt><dd class="status status-${escapeHtml(result.status)}">${both(statusText[result.status])}</dd>
  <dt>${both(pageWords.checkedAt)}</dt><dd><time datetime="${escapeHtml(checkedAt.toISOString())}">${escapeHtml(formatMomentWib(checkedAt, 'id'))} <span lang="en" class="en">${escapeHtml(formatMomentWib(checkedAt, 'en'))}</span></time></dd>
</dl>
<p class="note">${both(pageWords.masked)}</p>`
    : `<p>${both(pageWords.invalidLead)}</p>`;
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(`${heading.id} / ${heading.en} – ${pageWords.title.id}`)}</title>
<style>
  :root { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif; line-height: 1.5; color: #1b1b1b; }
  body { margin: 0; background: #fff; }
  header { background: ${BRAND}; color: #fff; padding: 0.75rem 1rem; font-weight: 700; font-size: 1.2rem; }
  main { max-width: 36rem; margin: 0 auto; padding: 1rem; }
  h1 { font-size: 1.75rem; line-height: 1.2; margin: 0.5rem 0 1rem; padding-left: 0.75rem; border-left: 8px solid; }
  h1.valid { color: ${BRAND}; }
  h1.invalid { color: #b3261e; }
  .en { display: block; font-size: 0.9em; color: #505a5f; }
  h1 .en { color: inherit; font-size: 0.7em; }
  dl { display: grid; grid-template-columns: 1fr; gap: 0.25rem; margin: 1rem 0; }
  dt { font-weight: 700; margin-top: 0.5rem; }
  dt .en { display: inline; font-weight: 400; }
  dt .en::before { content: '/ '; }
  dd { margin: 0; font-size: 1.15rem; }
  .masked { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; letter-spacing: 0.05em; }
  .note, footer { color: #505a5f; }
  footer { border-top: 1px solid #b1b4b6; max-width: 36rem; margin: 2rem auto 0; padding: 1rem; }
</style>
</head>
<body>
<header>Lindung</header>
<main>
<h1 class="${result.valid ? 'valid' : 'invalid'}">${both(heading)}</h1>
${body}
</main>
<footer><p>${both(pageWords.help)}</p><p>${both(pageWords.title)}</p></footer>
</body>
</html>
`;
}
