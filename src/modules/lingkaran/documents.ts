/**
 * GN Lingkaran as documents. A donor's receipt (PDF): the receipt code that finds the gift in the public
 * list and the public CSV, the amount, when and how it was paid, its ledger entry, and where the money
 * goes. A campaign's impact report for the companies that fund it (PDF and XLSX): the campaign's money
 * as its public page shows it, and what it did in a period of protected months: workers and
 * worker-months by district, occupation and month, the funded workers as pseudonyms (never a NIK, a
 * name or a phone number) and the donations (an anonymous donor stays anonymous).
 */
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { SessionUser } from '../../platform/http/access.ts';
import { defineFieldRules, defineProblems, type Lang, type Text } from '../../platform/i18n.ts';
import { formatRupiah } from '../../platform/money.ts';
import { winAnsi } from '../../platform/pdf-text.ts';
import { campaignByCode, campaignMoney, type CampaignMoney } from './campaigns.ts';
import { donationView, type DonationView } from './donations.ts';
import { ANONYMOUS, donorOfUser } from './donors.ts';
import type { DonationChannel, DonorKind } from './tables.ts';
import { ledgerTotals, publicDonations, type LedgerTotals } from './transparency.ts';

defineProblems({
  donation_not_paid: {
    title: { id: 'Donasi belum dibayar', en: 'Donation not paid yet' },
    detail: { id: 'Tanda terima terbit setelah donasi dibayar. Bayar dengan kode pembayaran donasi ini, lalu unduh lagi.', en: 'A receipt is issued once the donation is paid. Pay with this donation\'s payment code, then download it again.' },
  },
});
defineFieldRules({
  period_order: { id: 'Bulan akhir tidak boleh sebelum bulan awal ({from}).', en: 'The last month cannot be before the first month ({from}).' },
});

const BRAND = '#0b5d3b';
const GREY = '#555555';
const STAFF_ROLES = new Set(['officer', 'supervisor', 'admin', 'auditor']);

const CHANNEL: Record<DonationChannel, Text> = {
  virtual_account: { id: 'Virtual account bank', en: 'Bank virtual account' },
  qris: { id: 'QRIS', en: 'QRIS' },
  counter: { id: 'Tunai di loket', en: 'Cash at a branch counter' },
};
const DONOR_KIND: Record<DonorKind, Text> = {
  company: { id: 'Perusahaan', en: 'Company' },
  individual: { id: 'Perorangan', en: 'Individual' },
  guest: { id: 'Tamu', en: 'Guest' },
};

const locale = (lang: Lang) => (lang === 'id' ? 'id-ID' : 'en-GB');

/** A moment in western Indonesia, as people read it: '12 Mei 2026 pukul 10.15 WIB'. */
function momentWib(at: Date, lang: Lang): string {
  return `${new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Jakarta' }).format(at)} WIB`;
}

/** A moment in western Indonesia for a spreadsheet: '2026-05-12 10:15'. */
function stampWib(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Jakarta' }).format(at);
}

/** '2026-05' → 'Mei 2026' / 'May 2026'. */
function monthName(month: string, lang: Lang): string {
  const d = new Date(`${month.slice(0, 7)}-01T00:00:00Z`);
  return Number.isNaN(+d) ? month : new Intl.DateTimeFormat(locale(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** Collects a pdfkit document into one buffer. */
function pdfBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

// ---- the receipt ------------------------------------------------------------------------------

export interface DonationReceipt {
  donation: DonationView & { status: 'paid'; channel: DonationChannel; paidAt: Date; entryId: number };
  /** the donor's name, or null when the donation is anonymous and the reader has not shown it is theirs */
  donorName: string | null;
  /** where the public list is: the site's address, or '' for a relative one */
  baseUrl: string;
}

/**
 * A paid donation's receipt. The receipt code is printed in the public list and the public CSV, so
 * knowing it proves nothing: an anonymous donor's name is on the receipt only for that donor signed
 * in, or for staff (at the counter, for a guest); anyone else sees "Donatur anonim".
 */
export async function donationReceipt(db: Executor, receiptCode: string, reader: SessionUser | null, baseUrl: string): Promise<DonationReceipt> {
  const donation = await donationView(db, { receiptCode });
  if (donation.status !== 'paid' || !donation.channel || !donation.paidAt || donation.entryId === null) throw new AppError(409, 'donation_not_paid');
  let donorName: string | null = donation.donorName;
  if (donation.anonymous && !(reader && STAFF_ROLES.has(reader.role))) {
    const owner = await db.selectFrom('lingkaran_donations as d').innerJoin('lingkaran_donors as o', 'o.id', 'd.donor_id').select('o.user_id').where('d.id', '=', donation.id).executeTakeFirstOrThrow();
    if (!reader || owner.user_id === null || owner.user_id !== reader.id) donorName = null;
  }
  return { donation: donation as DonationReceipt['donation'], donorName, baseUrl };
}

const RECEIPT = {
  title: { id: 'Tanda terima donasi GN Lingkaran', en: 'GN Lingkaran donation receipt' },
  code: { id: 'Kode tanda terima', en: 'Receipt code' },
  find: {
    id: 'Kode ini menemukan donasi Anda di daftar donasi publik {list} dan di berkas CSV publik {csv}.',
    en: 'This code finds your donation in the public list of donations {list} and in the public CSV {csv}.',
  },
  donor: { id: 'Donatur', en: 'Donor' },
  anonymousNote: { id: 'Di daftar publik donasi ini tampil sebagai "Donatur anonim".', en: 'In public this donation is listed as "Anonymous donor".' },
  hiddenNote: {
    id: 'Donasi anonim: nama donatur hanya dicetak bila donatur masuk ke akunnya, atau oleh petugas.',
    en: 'An anonymous donation: the donor\'s name is printed only for the donor signed in, or by staff.',
  },
  campaign: { id: 'Kampanye', en: 'Campaign' },
  amount: { id: 'Jumlah', en: 'Amount' },
  paidAt: { id: 'Dibayar', en: 'Paid' },
  channel: { id: 'Saluran pembayaran', en: 'Payment channel' },
  entry: { id: 'Nomor jurnal buku besar', en: 'Ledger entry number' },
  paymentCode: { id: 'Kode pembayaran', en: 'Payment code' },
  purpose: {
    id: 'Donasi ini masuk ke dana donasi GN Lingkaran dan membayar iuran Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM) pekerja rentan. Setiap rupiah dapat ditelusuri dari kode tanda terima ini sampai ke bulan perlindungan pekerja (dalam pseudonim) yang dibayarnya.',
    en: 'This donation goes to the GN Lingkaran donations fund and pays the Work Accident (JKK) and Death (JKM) contributions of vulnerable workers. Every rupiah can be traced from this receipt code to the workers\' protected months (pseudonymised) it paid.',
  },
  footer: { id: 'Dibuat oleh Lindung dari buku besar pada {at}.', en: 'Produced by Lindung from the ledger on {at}.' },
} as const;

export async function donationReceiptPdf(receipt: DonationReceipt, now = new Date()): Promise<Buffer> {
  const d = receipt.donation;
  const doc = new PDFDocument({ size: 'A5', margin: 40, info: { Title: `${RECEIPT.title.id} ${d.receiptCode}`, Author: 'Lindung' } });
  const done = pdfBuffer(doc);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const both = (t: Text) => `${t.id} / ${t.en}`;

  doc.font('Helvetica-Bold').fontSize(14).fillColor(BRAND).text(winAnsi(`Lindung · ${RECEIPT.title.id}`), left, doc.y, { width });
  doc.font('Helvetica').fontSize(10).fillColor(GREY).text(winAnsi(RECEIPT.title.en), { width });
  doc.moveDown(0.8);
  doc.font('Helvetica').fontSize(8).fillColor(GREY).text(winAnsi(both(RECEIPT.code)), { width });
  doc.font('Helvetica-Bold').fontSize(26).fillColor('#000000').text(d.receiptCode, { width, characterSpacing: 1 });
  const list = `${receipt.baseUrl}/lingkaran`;
  const csv = `${receipt.baseUrl}/api/v1/lingkaran/ledger.csv`;
  doc.font('Helvetica').fontSize(7.5).fillColor(GREY)
    .text(winAnsi(RECEIPT.find.id.replace('{list}', list).replace('{csv}', csv)), { width })
    .text(winAnsi(RECEIPT.find.en.replace('{list}', list).replace('{csv}', csv)), { width });
  doc.moveDown(0.8);

  const row = (label: Text, value: string, notes: string[] = []) => {
    const top = doc.y;
    doc.font('Helvetica').fontSize(8).fillColor(GREY).text(winAnsi(label.id), left, top, { width: 140 });
    doc.text(winAnsi(label.en), left, doc.y, { width: 140 });
    const labelBottom = doc.y;
    doc.font('Helvetica-Bold').fontSize(10).fillColor('#000000').text(winAnsi(value), left + 150, top, { width: width - 150 });
    for (const n of notes) doc.font('Helvetica').fontSize(7.5).fillColor(GREY).text(winAnsi(n), left + 150, doc.y, { width: width - 150 });
    doc.y = Math.max(doc.y, labelBottom) + 6;
  };
  if (receipt.donorName === null) row(RECEIPT.donor, ANONYMOUS.id, [ANONYMOUS.en, RECEIPT.hiddenNote.id, RECEIPT.hiddenNote.en]);
  else row(RECEIPT.donor, receipt.donorName, d.anonymous ? [RECEIPT.anonymousNote.id, RECEIPT.anonymousNote.en] : []);
  row(RECEIPT.campaign, d.campaign.title, [d.campaign.code]);
  row(RECEIPT.amount, formatRupiah(d.amount, 'id'));
  row(RECEIPT.paidAt, momentWib(d.paidAt, 'id'), [momentWib(d.paidAt, 'en')]);
  row(RECEIPT.channel, CHANNEL[d.channel].id, d.channel === 'qris' ? [] : [CHANNEL[d.channel].en]);
  row(RECEIPT.entry, `#${d.entryId}`);
  row(RECEIPT.paymentCode, d.paymentCode);

  doc.moveDown(0.4);
  const ruleY = doc.y;
  doc.moveTo(left, ruleY).lineTo(left + width, ruleY).lineWidth(0.5).strokeColor(BRAND).stroke();
  doc.moveDown(0.6);
  doc.font('Helvetica').fontSize(9).fillColor('#000000').text(winAnsi(RECEIPT.purpose.id), left, doc.y, { width });
  doc.moveDown(0.3);
  doc.font('Helvetica-Oblique').fontSize(8.5).fillColor(GREY).text(winAnsi(RECEIPT.purpose.en), { width });
  doc.moveDown(1);
  doc.font('Helvetica').fontSize(7).fillColor(GREY)
    .text(winAnsi(`${RECEIPT.footer.id.replace('{at}', momentWib(now, 'id'))} ${RECEIPT.footer.en.replace('{at}', momentWib(now, 'en'))}`), { width });
  doc.end();
  return done;
}

// ---- the impact report ------------------------------------------------------------------------

/** Months of funded protection, inclusive, as 'YYYY-MM'; an open end is the campaign's first or last funded month. */
export interface ReportPeriod { from?: string; to?: string }

export interface ImpactReport {
  campaign: {
    code: string; title: string; isPool: boolean; owner: string | null; csrProgram: string | null; targetWorkers: number | null; months: number;
    monthlyAmount: number; goalAmount: number | null; status: string; regions: string[]; occupations: { id: string; en: string }[];
  };
  /** the months the report covers, 'YYYY-MM'; null when nothing is funded and none was asked for */
  period: { from: string | null; to: string | null };
  /** the campaign's money over its whole life, exactly as its public page shows it */
  money: CampaignMoney;
  ledger: LedgerTotals;
  /** what was funded in the period */
  inPeriod: { workers: number; workerMonths: number; amount: number };
  byMonth: { month: string; workers: number; amount: number }[];
  byDistrict: { code: string; district: string | null; regency: string | null; workers: number; workerMonths: number; amount: number }[];
  byOccupation: { code: string | null; name: string | null; nameEn: string | null; workers: number; workerMonths: number; amount: number }[];
  /** each funded worker as a pseudonym, with the months in the period */
  workers: { pseudonym: string; district: string | null; regency: string | null; occupation: string | null; occupationEn: string | null; first: string; last: string; months: number; amount: number }[];
  donations: Awaited<ReturnType<typeof publicDonations>>;
  generatedAt: Date;
}

/**
 * Who may have a campaign's report: staff; a donor only for a campaign it owns or gave to (a paid
 * donation), and for the general pool once a closed campaign moved some of its money there.
 */
export async function assertReportReader(db: Executor, campaign: { id: number; owner_donor_id: number | null; is_pool: boolean }, reader: SessionUser): Promise<void> {
  if (reader.role !== 'donor') return;
  const donor = await donorOfUser(db, reader.id);
  if (campaign.owner_donor_id === donor.id) return;
  const gave = await db.selectFrom('lingkaran_donations as d').select('d.id')
    .where('d.donor_id', '=', donor.id).where('d.status', '=', 'paid')
    .where((eb) => eb.or([
      eb('d.campaign_id', '=', campaign.id),
      ...(campaign.is_pool ? [eb.exists(eb.selectFrom('lingkaran_releases as r').select('r.id').whereRef('r.donation_id', '=', 'd.id').where('r.kind', '=', 'to_pool'))] : []),
    ]))
    .limit(1).executeTakeFirst();
  if (!gave) throw new AppError(403, 'forbidden');
}

/** The period asked for, checked: the first month not after the last. */
export function checkPeriod(period: ReportPeriod): void {
  if (period.from && period.to && period.from > period.to) {
    throw new AppError(422, 'validation_failed', {}, [{ field: 'to', rule: 'period_order', params: { from: period.from } }]);
  }
}

export async function impactReport(db: Executor, code: string, period: ReportPeriod, reader?: SessionUser): Promise<ImpactReport> {
  checkPeriod(period);
  const c = await campaignByCode(db, code);
  if (reader) await assertReportReader(db, c, reader);
  const from = period.from ? `${period.from}-01` : null;
  const to = period.to ? `${period.to}-01` : null;
  const where = sql`fm.campaign_id = ${c.id} AND (${from}::date IS NULL OR fm.month >= ${from}::date) AND (${to}::date IS NULL OR fm.month <= ${to}::date)`;
  // the district of a village is its first three parts; a worker recorded only by regency has none
  const district = sql`array_to_string((string_to_array(fm.region_code, '.'))[1:3], '.')`;
  const regency = sql`array_to_string((string_to_array(fm.region_code, '.'))[1:2], '.')`;
  const [owner, regions, occupations, money, ledger, donations, totals, byMonth, byDistrict, byOccupation, workers] = await Promise.all([
    c.owner_donor_id ? db.selectFrom('lingkaran_donors').select(['name', 'anonymous', 'csr_program']).where('id', '=', c.owner_donor_id).executeTakeFirst() : undefined,
    c.region_codes.length ? db.selectFrom('regions').select(['code', 'name']).where('code', 'in', c.region_codes).orderBy('code').execute() : [],
    c.occupation_codes.length ? db.selectFrom('occupations').select(['code', 'name_id', 'name_en']).where('code', 'in', c.occupation_codes).orderBy('code').execute() : [],
    campaignMoney(db, [c.id]).then((m) => m.get(c.id)!),
    ledgerTotals(db, c.id),
    publicDonations(db, c.id),
    sql<{ workers: number; worker_months: number; amount: number; first: string | null; last: string | null }>`
      SELECT count(DISTINCT fm.participant_id)::int AS workers, count(*)::int AS worker_months, coalesce(sum(fm.amount), 0)::bigint AS amount,
             to_char(min(fm.month), 'YYYY-MM') AS first, to_char(max(fm.month), 'YYYY-MM') AS last
      FROM lingkaran_funded_months fm WHERE ${where}`.execute(db),
    sql<{ month: string; workers: number; amount: number }>`
      SELECT to_char(fm.month, 'YYYY-MM') AS month, count(*)::int AS workers, sum(fm.amount)::bigint AS amount
      FROM lingkaran_funded_months fm WHERE ${where} GROUP BY fm.month ORDER BY fm.month`.execute(db),
    sql<{ code: string; district: string | null; regency: string | null; workers: number; workerMonths: number; amount: number }>`
      SELECT ${district} AS code, d.name AS district, rg.name AS regency, count(DISTINCT fm.participant_id)::int AS workers, count(*)::int AS "workerMonths", sum(fm.amount)::bigint AS amount
      FROM lingkaran_funded_months fm
      LEFT JOIN regions d ON d.code = ${district} AND d.level = 3
      LEFT JOIN regions rg ON rg.code = ${regency}
      WHERE ${where} GROUP BY 1, d.name, rg.name ORDER BY workers DESC, 1`.execute(db),
    sql<{ code: string | null; name: string | null; nameEn: string | null; workers: number; workerMonths: number; amount: number }>`
      SELECT o.code, o.name_id AS name, o.name_en AS "nameEn", count(DISTINCT fm.participant_id)::int AS workers, count(*)::int AS "workerMonths", sum(fm.amount)::bigint AS amount
      FROM lingkaran_funded_months fm LEFT JOIN occupations o ON o.code = fm.occupation_code
      WHERE ${where} GROUP BY o.code, o.name_id, o.name_en ORDER BY workers DESC, o.code`.execute(db),
    // only the pseudonym, the district, the occupation and the months: never a NIK, a name or a phone number
    sql<{ pseudonym: string; district: string | null; regency: string | null; occupation: string | null; occupationEn: string | null; first: string; last: string; months: number; amount: number }>`
      SELECT fm.pseudonym, d.name AS district, rg.name AS regency, o.name_id AS occupation, o.name_en AS "occupationEn",
             to_char(min(fm.month), 'YYYY-MM') AS first, to_char(max(fm.month), 'YYYY-MM') AS last, count(*)::int AS months, sum(fm.amount)::bigint AS amount
      FROM lingkaran_funded_months fm
      LEFT JOIN regions d ON d.code = ${district} AND d.level = 3
      LEFT JOIN regions rg ON rg.code = ${regency}
      LEFT JOIN occupations o ON o.code = fm.occupation_code
      WHERE ${where}
      GROUP BY fm.pseudonym, d.name, rg.name, o.name_id, o.name_en ORDER BY min(fm.month), fm.pseudonym`.execute(db),
  ]);
  const t = totals.rows[0]!;
  const num = <T extends { amount: number }>(rows: T[]) => rows.map((r) => ({ ...r, amount: Number(r.amount) }));
  return {
    campaign: {
      code: c.code, title: c.title, isPool: c.is_pool, owner: owner && !owner.anonymous ? owner.name : null, csrProgram: owner && !owner.anonymous ? owner.csr_program : null,
      targetWorkers: c.target_workers, months: c.months, monthlyAmount: Number(c.monthly_amount), goalAmount: c.goal_amount === null ? null : Number(c.goal_amount), status: c.status,
      regions: regions.map((r) => `${r.name} (${r.code})`), occupations: occupations.map((o) => ({ id: o.name_id, en: o.name_en })),
    },
    period: { from: period.from ?? t.first, to: period.to ?? t.last },
    money, ledger, donations,
    inPeriod: { workers: Number(t.workers), workerMonths: Number(t.worker_months), amount: Number(t.amount) },
    byMonth: num(byMonth.rows), byDistrict: num(byDistrict.rows), byOccupation: num(byOccupation.rows), workers: num(workers.rows),
    generatedAt: new Date(),
  };
}

const REPORT = {
  title: { id: 'Laporan dampak GN Lingkaran', en: 'GN Lingkaran impact report' },
  campaign: { id: 'Kampanye', en: 'Campaign' },
  code: { id: 'Kode kampanye', en: 'Campaign code' },
  owner: { id: 'Pemilik kampanye', en: 'Campaign owner' },
  csr: { id: 'Program CSR', en: 'CSR programme' },
  pool: { id: 'Dana umum (semua wilayah dan pekerjaan informal)', en: 'General pool (every region and informal occupation)' },
  regions: { id: 'Wilayah', en: 'Regions' },
  occupations: { id: 'Pekerjaan', en: 'Occupations' },
  allOccupations: { id: 'Semua pekerjaan informal', en: 'Every informal occupation' },
  target: { id: 'Target', en: 'Target' },
  targetValue: { id: '{workers} pekerja × {months} bulan', en: '{workers} workers × {months} months' },
  monthly: { id: 'Iuran JKK + JKM sebulan per pekerja', en: 'JKK + JKM a month per worker' },
  goal: { id: 'Target dana', en: 'Goal' },
  status: { id: 'Status', en: 'Status' },
  open: { id: 'Terbuka', en: 'Open' },
  closed: { id: 'Ditutup', en: 'Closed' },
  period: { id: 'Periode (bulan perlindungan)', en: 'Period (months of protection)' },
  periodFrom: { id: 'Bulan pertama', en: 'First month' },
  periodTo: { id: 'Bulan terakhir', en: 'Last month' },
  noPeriod: { id: 'belum ada bulan yang didanai', en: 'no month funded yet' },
  moneySection: { id: 'Dana kampanye (sepanjang kampanye)', en: 'The campaign\'s money (over its whole life)' },
  raised: { id: 'Dana terkumpul', en: 'Money raised' },
  donations: { id: 'Jumlah donasi', en: 'Donations' },
  fromOthers: { id: 'Dari kampanye lain', en: 'From other campaigns' },
  allocated: { id: 'Dialokasikan ke iuran pekerja', en: 'Allocated to workers\' contributions' },
  refunded: { id: 'Dikembalikan ke donatur', en: 'Refunded to donors' },
  movedToPool: { id: 'Dipindahkan ke dana umum', en: 'Moved to the general pool' },
  unused: { id: 'Belum terpakai', en: 'Unused' },
  ledgerIn: { id: 'Buku besar: masuk ke dana donasi', en: 'Ledger: into the donations fund' },
  ledgerOut: { id: 'Buku besar: keluar dari dana donasi', en: 'Ledger: out of the donations fund' },
  periodSection: { id: 'Dampak dalam periode', en: 'Impact in the period' },
  workers: { id: 'Pekerja terlindungi', en: 'Workers protected' },
  workerMonths: { id: 'Bulan-pekerja', en: 'Worker-months' },
  amount: { id: 'Jumlah', en: 'Amount' },
  amountInPeriod: { id: 'Iuran yang dibayar untuk bulan dalam periode', en: 'Contributions paid for months in the period' },
  chart: { id: 'Pekerja terlindungi per bulan', en: 'Workers protected per month' },
  byMonth: { id: 'Per bulan', en: 'By month' },
  byDistrict: { id: 'Per wilayah (kecamatan)', en: 'By region (district)' },
  byOccupation: { id: 'Per pekerjaan', en: 'By occupation' },
  workerList: { id: 'Pekerja yang didanai (pseudonim)', en: 'Funded workers (pseudonymised)' },
  donationList: { id: 'Donasi', en: 'Donations' },
  month: { id: 'Bulan', en: 'Month' },
  district: { id: 'Kecamatan', en: 'District' },
  regency: { id: 'Kabupaten/kota', en: 'Regency/city' },
  regionCode: { id: 'Kode wilayah', en: 'Region code' },
  occupation: { id: 'Pekerjaan', en: 'Occupation' },
  occupationCode: { id: 'Kode pekerjaan', en: 'Occupation code' },
  pseudonym: { id: 'Pseudonim', en: 'Pseudonym' },
  first: { id: 'Bulan pertama', en: 'First month' },
  last: { id: 'Bulan terakhir', en: 'Last month' },
  months: { id: 'Bulan', en: 'Months' },
  receipt: { id: 'Kode tanda terima', en: 'Receipt code' },
  paidAt: { id: 'Dibayar (WIB)', en: 'Paid (WIB)' },
  donor: { id: 'Donatur', en: 'Donor' },
  donorKind: { id: 'Jenis donatur', en: 'Donor kind' },
  channel: { id: 'Saluran', en: 'Channel' },
  entry: { id: 'Jurnal buku besar', en: 'Ledger entry' },
  total: { id: 'Jumlah', en: 'Total' },
  unknown: { id: 'tidak tercatat', en: 'not recorded' },
  none: { id: 'Tidak ada.', en: 'None.' },
  more: { id: '… dan {n} baris lagi; daftar lengkap ada di berkas XLSX laporan ini.', en: '… and {n} more rows; the full list is in this report\'s XLSX file.' },
  privacy: {
    id: 'Pekerja hanya tampil sebagai pseudonim dengan kecamatan dan pekerjaannya: tanpa NIK, nama, nomor HP atau desa. Donatur anonim tidak disebut namanya.',
    en: 'Workers appear only as pseudonyms with their district and occupation: no NIK, name, phone number or village. Anonymous donors are not named.',
  },
  footer: { id: 'Dibuat oleh Lindung dari buku besar pada {at}. Angka dana sama dengan halaman publik kampanye.', en: 'Produced by Lindung from the ledger on {at}. The money figures are those of the campaign\'s public page.' },
  generated: { id: 'Dibuat', en: 'Produced' },
} as const;

type Word = keyof typeof REPORT;
const fill = (s: string, params: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));

/** The summary as label and value pairs, numbers kept as numbers (money in rupiah). */
function summaryRows(r: ImpactReport, lang: Lang): { label: string; value: string | number; money?: boolean }[] {
  const w = (k: Word) => REPORT[k][lang];
  const c = r.campaign;
  const rows: { label: string; value: string | number; money?: boolean }[] = [
    { label: w('campaign'), value: c.title }, { label: w('code'), value: c.code },
  ];
  if (c.owner) rows.push({ label: w('owner'), value: c.owner });
  if (c.csrProgram) rows.push({ label: w('csr'), value: c.csrProgram });
  rows.push({ label: w('regions'), value: c.isPool ? w('pool') : c.regions.join(', ') });
  rows.push({ label: w('occupations'), value: c.occupations.length ? c.occupations.map((o) => o[lang]).join(', ') : w('allOccupations') });
  if (c.targetWorkers !== null) rows.push({ label: w('target'), value: fill(w('targetValue'), { workers: c.targetWorkers.toLocaleString(locale(lang)), months: c.months }) });
  rows.push({ label: w('monthly'), value: c.monthlyAmount, money: true });
  if (c.goalAmount !== null) rows.push({ label: w('goal'), value: c.goalAmount, money: true });
  rows.push({ label: w('status'), value: c.status === 'open' ? w('open') : w('closed') });
  rows.push({ label: w('periodFrom'), value: r.period.from ?? w('noPeriod') }, { label: w('periodTo'), value: r.period.to ?? w('noPeriod') });
  return rows;
}

function moneyRows(r: ImpactReport, lang: Lang): { label: string; value: number; money: boolean }[] {
  const w = (k: Word) => REPORT[k][lang];
  const m = r.money;
  return [
    { label: w('raised'), value: m.raised, money: true }, { label: w('donations'), value: m.donations, money: false },
    ...(r.campaign.isPool ? [{ label: w('fromOthers'), value: m.fromOthers, money: true }] : []),
    { label: w('allocated'), value: m.allocated, money: true }, { label: w('refunded'), value: m.refunded, money: true },
    { label: w('movedToPool'), value: m.movedToPool, money: true }, { label: w('unused'), value: m.unused, money: true },
    { label: w('ledgerIn'), value: r.ledger.in, money: true }, { label: w('ledgerOut'), value: r.ledger.out, money: true },
  ];
}

function periodRows(r: ImpactReport, lang: Lang): { label: string; value: number; money: boolean }[] {
  const w = (k: Word) => REPORT[k][lang];
  return [
    { label: w('workers'), value: r.inPeriod.workers, money: false }, { label: w('workerMonths'), value: r.inPeriod.workerMonths, money: false },
    { label: w('amountInPeriod'), value: r.inPeriod.amount, money: true },
  ];
}

const donorLabel = (d: ImpactReport['donations'][number], lang: Lang) => d.donor ?? ANONYMOUS[lang];
const place = (x: { district: string | null; regency: string | null }, lang: Lang) => x.district ?? x.regency ?? REPORT.unknown[lang];

export async function impactReportXlsx(r: ImpactReport, lang: Lang): Promise<Buffer> {
  const w = (k: Word) => REPORT[k][lang];
  const book = new ExcelJS.Workbook();
  book.creator = 'Lindung';
  book.created = r.generatedAt;
  const money = '#,##0';

  const summary = book.addWorksheet(lang === 'id' ? 'Ringkasan' : 'Summary');
  summary.getColumn(1).width = 44;
  summary.getColumn(2).width = 48;
  summary.addRow([w('title')]).font = { bold: true, size: 14 };
  const add = (label: string, value: string | number, isMoney = false) => {
    const row = summary.addRow([label, value]);
    if (isMoney) row.getCell(2).numFmt = money;
  };
  for (const s of summaryRows(r, lang)) add(s.label, s.value, s.money);
  summary.addRow([]);
  summary.addRow([w('moneySection')]).font = { bold: true };
  for (const s of moneyRows(r, lang)) add(s.label, s.value, s.money);
  summary.addRow([]);
  summary.addRow([w('periodSection')]).font = { bold: true };
  for (const s of periodRows(r, lang)) add(s.label, s.value, s.money);
  summary.addRow([]);
  add(w('generated'), `${stampWib(r.generatedAt)} WIB`);
  summary.addRow([w('privacy')]).font = { italic: true };

  const table = (name: string, columns: { header: string; key: string; width: number; money?: boolean }[], rows: Record<string, unknown>[]) => {
    const sheet = book.addWorksheet(name);
    sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    for (const row of rows) sheet.addRow(row);
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const c of columns) if (c.money) sheet.getColumn(c.key).numFmt = money;
    return sheet;
  };

  const perMonth = table(lang === 'id' ? 'Per bulan' : 'By month', [
    { header: w('month'), key: 'month', width: 12 }, { header: w('workers'), key: 'workers', width: 20 }, { header: w('amount'), key: 'amount', width: 16, money: true },
  ], r.byMonth);
  perMonth.addRow({ month: w('total'), workers: r.inPeriod.workerMonths, amount: r.inPeriod.amount }).font = { bold: true };

  table(lang === 'id' ? 'Per wilayah' : 'By region', [
    { header: w('regionCode'), key: 'code', width: 14 }, { header: w('district'), key: 'district', width: 26 }, { header: w('regency'), key: 'regency', width: 28 },
    { header: w('workers'), key: 'workers', width: 18 }, { header: w('workerMonths'), key: 'workerMonths', width: 16 }, { header: w('amount'), key: 'amount', width: 16, money: true },
  ], r.byDistrict);

  table(lang === 'id' ? 'Per pekerjaan' : 'By occupation', [
    { header: w('occupationCode'), key: 'code', width: 18 }, { header: w('occupation'), key: 'name', width: 28 },
    { header: w('workers'), key: 'workers', width: 18 }, { header: w('workerMonths'), key: 'workerMonths', width: 16 }, { header: w('amount'), key: 'amount', width: 16, money: true },
  ], r.byOccupation.map((o) => ({ ...o, name: (lang === 'id' ? o.name : o.nameEn) ?? w('unknown') })));

  table(lang === 'id' ? 'Pekerja (pseudonim)' : 'Workers (pseudonymised)', [
    { header: w('pseudonym'), key: 'pseudonym', width: 14 }, { header: w('district'), key: 'district', width: 24 }, { header: w('regency'), key: 'regency', width: 28 },
    { header: w('occupation'), key: 'occupation', width: 22 }, { header: w('first'), key: 'first', width: 13 }, { header: w('last'), key: 'last', width: 13 },
    { header: w('months'), key: 'months', width: 8 }, { header: w('amount'), key: 'amount', width: 14, money: true },
  ], r.workers.map((x) => ({ ...x, occupation: lang === 'id' ? x.occupation : x.occupationEn })));

  table(lang === 'id' ? 'Donasi' : 'Donations', [
    { header: w('receipt'), key: 'receiptCode', width: 14 }, { header: w('paidAt'), key: 'paidAt', width: 18 }, { header: w('donor'), key: 'donor', width: 32 },
    { header: w('donorKind'), key: 'kind', width: 14 }, { header: w('channel'), key: 'channel', width: 24 }, { header: w('amount'), key: 'amount', width: 16, money: true },
    { header: w('entry'), key: 'entryId', width: 14 },
  ], r.donations.map((d) => ({
    receiptCode: d.receiptCode, paidAt: stampWib(d.paidAt), donor: donorLabel(d, lang), kind: DONOR_KIND[d.donorKind as DonorKind]?.[lang] ?? d.donorKind,
    channel: d.channel ? CHANNEL[d.channel][lang] : '', amount: d.amount, entryId: d.entryId,
  })));

  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The most rows of one list a PDF prints; the XLSX has them all. */
const PDF_ROWS = 500;

export async function impactReportPdf(r: ImpactReport, lang: Lang): Promise<Buffer> {
  const w = (k: Word) => REPORT[k][lang];
  const doc = new PDFDocument({ size: 'A4', margin: 50, bufferPages: true, info: { Title: `${REPORT.title[lang]}: ${r.campaign.title}`, Author: 'Lindung' } });
  const done = pdfBuffer(doc);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const room = (h: number) => { if (doc.y + h > bottom()) doc.addPage(); };
  const rp = (n: number) => formatRupiah(n, lang);
  const n = (v: number) => v.toLocaleString(locale(lang));
  const month = (m: string | null) => (m ? monthName(m, lang) : w('noPeriod'));

  const heading = (text: string) => {
    // a heading never ends a page: it comes with room for a table's header and first row
    room(70);
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor(BRAND).text(winAnsi(text), left, doc.y, { width }).fillColor('#000000');
    doc.moveDown(0.3);
  };
  const pair = (label: string, value: string, bold = false) => {
    room(16);
    const top = doc.y;
    doc.font('Helvetica').fontSize(9.5).fillColor('#000000').text(winAnsi(label), left, top, { width: 250 });
    const after = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').text(winAnsi(value), left + 260, top, { width: width - 260, align: 'right' });
    doc.y = Math.max(doc.y, after) + 2;
  };
  const table = (columns: { label: string; width: number; right?: boolean }[], rows: string[][], totalRow?: string[]) => {
    const scale = width / columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => c.width * scale);
    const line = (cells: string[], bold: boolean) => {
      const top = doc.y;
      let x = left;
      let h = 0;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
      cells.forEach((cell, i) => {
        const opts = { width: widths[i]! - 4, align: columns[i]!.right ? 'right' as const : 'left' as const };
        h = Math.max(h, doc.heightOfString(winAnsi(cell), opts));
        doc.text(winAnsi(cell), x, top, opts);
        x += widths[i]!;
      });
      doc.y = top + h + 3;
    };
    const header = () => {
      line(columns.map((c) => c.label), true);
      doc.moveTo(left, doc.y - 1.5).lineTo(left + width, doc.y - 1.5).lineWidth(0.5).strokeColor('#999999').stroke();
    };
    room(30);
    header();
    if (!rows.length) doc.font('Helvetica').fontSize(8).text(w('none'), left, doc.y, { width });
    for (const row of rows) {
      if (doc.y + 14 > bottom()) { doc.addPage(); header(); }
      line(row, false);
    }
    if (totalRow) {
      room(14);
      line(totalRow, true);
    }
  };
  const capped = <T>(rows: T[]) => rows.slice(0, PDF_ROWS);
  const more = (rows: unknown[]) => {
    if (rows.length <= PDF_ROWS) return;
    doc.font('Helvetica-Oblique').fontSize(8).fillColor(GREY).text(winAnsi(fill(w('more'), { n: n(rows.length - PDF_ROWS) })), left, doc.y, { width }).fillColor('#000000');
  };

  doc.font('Helvetica-Bold').fontSize(18).fillColor(BRAND).text(winAnsi(`Lindung · ${w('title')}`), left, doc.y, { width });
  doc.moveDown(0.2).font('Helvetica-Bold').fontSize(13).fillColor('#000000').text(winAnsi(r.campaign.title), { width });
  doc.font('Helvetica').fontSize(10).fillColor(GREY)
    .text(winAnsi(`${w('period')}: ${r.period.from ? `${month(r.period.from)} – ${month(r.period.to)}` : w('noPeriod')}`), { width }).fillColor('#000000');
  doc.moveDown(0.6);
  for (const s of summaryRows(r, lang)) {
    if (s.label === w('campaign') || s.label === w('periodFrom') || s.label === w('periodTo')) continue;
    pair(s.label, typeof s.value === 'number' ? (s.money ? rp(s.value) : n(s.value)) : s.value);
  }

  heading(w('moneySection'));
  for (const s of moneyRows(r, lang)) pair(s.label, s.money ? rp(s.value) : n(s.value), s.label === w('raised') || s.label === w('unused'));

  heading(w('periodSection'));
  for (const s of periodRows(r, lang)) pair(s.label, s.money ? rp(s.value) : n(s.value), true);

  if (r.byMonth.length) {
    heading(w('chart'));
    const chartHeight = 130;
    room(chartHeight + 30);
    const top = doc.y;
    const max = Math.max(...r.byMonth.map((m) => m.workers));
    const slot = width / r.byMonth.length;
    const bar = Math.max(1, Math.min(36, slot * 0.7));
    const labelEvery = Math.ceil(r.byMonth.length / 18);
    doc.moveTo(left, top + chartHeight).lineTo(left + width, top + chartHeight).lineWidth(0.5).strokeColor('#999999').stroke();
    r.byMonth.forEach((m, i) => {
      const h = max ? (m.workers / max) * (chartHeight - 14) : 0;
      const x = left + i * slot + (slot - bar) / 2;
      doc.rect(x, top + chartHeight - h, bar, h).fill(BRAND);
      if (i % labelEvery === 0) {
        doc.font('Helvetica').fontSize(6.5).fillColor('#000000');
        if (r.byMonth.length <= 18) doc.text(n(m.workers), x - 6, top + chartHeight - h - 9, { width: bar + 12, align: 'center', lineBreak: false });
        doc.text(`${m.month.slice(5, 7)}/${m.month.slice(2, 4)}`, x - 8, top + chartHeight + 3, { width: bar + 16, align: 'center', lineBreak: false });
      }
    });
    doc.fillColor('#000000');
    doc.x = left;
    doc.y = top + chartHeight + 16;
  }

  heading(w('byMonth'));
  table([{ label: w('month'), width: 3 }, { label: w('workers'), width: 2, right: true }, { label: w('amount'), width: 2, right: true }],
    r.byMonth.map((m) => [month(m.month), n(m.workers), rp(m.amount)]), r.byMonth.length ? [w('total'), n(r.inPeriod.workerMonths), rp(r.inPeriod.amount)] : undefined);

  heading(w('byDistrict'));
  table([{ label: w('district'), width: 3 }, { label: w('regency'), width: 3 }, { label: w('workers'), width: 2, right: true }, { label: w('workerMonths'), width: 2, right: true }, { label: w('amount'), width: 2, right: true }],
    capped(r.byDistrict).map((d) => [d.district ?? w('unknown'), d.regency ?? w('unknown'), n(d.workers), n(d.workerMonths), rp(d.amount)]));
  more(r.byDistrict);

  heading(w('byOccupation'));
  table([{ label: w('occupation'), width: 6 }, { label: w('workers'), width: 2, right: true }, { label: w('workerMonths'), width: 2, right: true }, { label: w('amount'), width: 2, right: true }],
    capped(r.byOccupation).map((o) => [(lang === 'id' ? o.name : o.nameEn) ?? w('unknown'), n(o.workers), n(o.workerMonths), rp(o.amount)]));

  heading(w('workerList'));
  table([{ label: w('pseudonym'), width: 2.2 }, { label: w('district'), width: 3 }, { label: w('occupation'), width: 2.6 }, { label: w('first'), width: 1.6 }, { label: w('last'), width: 1.6 }, { label: w('months'), width: 1, right: true }, { label: w('amount'), width: 2, right: true }],
    capped(r.workers).map((x) => [x.pseudonym, place(x, lang), (lang === 'id' ? x.occupation : x.occupationEn) ?? w('unknown'), x.first, x.last, n(x.months), rp(x.amount)]));
  more(r.workers);

  heading(w('donationList'));
  table([{ label: w('receipt'), width: 2.2 }, { label: w('paidAt'), width: 2.4 }, { label: w('donor'), width: 3.6 }, { label: w('channel'), width: 2.2 }, { label: w('amount'), width: 2, right: true }, { label: w('entry'), width: 1.3, right: true }],
    capped(r.donations).map((d) => [d.receiptCode, stampWib(d.paidAt), donorLabel(d, lang), d.channel ? CHANNEL[d.channel][lang] : '', rp(d.amount), d.entryId === null ? '' : `#${d.entryId}`]));
  more(r.donations);

  room(40);
  doc.moveDown(1).font('Helvetica').fontSize(7.5).fillColor(GREY).text(winAnsi(w('privacy')), left, doc.y, { width });
  doc.moveDown(0.3).text(winAnsi(fill(w('footer'), { at: momentWib(r.generatedAt, lang) })), { width });

  // page numbers, once every page exists
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    // below the bottom margin: lift it, or pdfkit would start a new page
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7).fillColor(GREY).text(`${i + 1} / ${pages.count}`, left, doc.page.height - margin + 20, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
