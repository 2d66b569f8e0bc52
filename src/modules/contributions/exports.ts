/**
 * A bill as files for the payer's bookkeeping: every line as CSV and XLSX, and a one-page PDF summary
 * (per program and payer, fines, where and when to pay). Column names follow the reader's language.
 */
import { csvCell } from '../../platform/csv.ts';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type { Lang } from '../../platform/i18n.ts';
import { formatRupiah } from '../../platform/money.ts';
import { winAnsi } from '../../platform/pdf-text.ts';
import type { BillDetail, BillLineView } from './bills.ts';

const COLUMNS: { key: keyof BillLineView | 'periodLabel'; id: string; en: string }[] = [
  { key: 'kpjMasked', id: 'kpj', en: 'kpj' },
  { key: 'name', id: 'nama', en: 'name' },
  { key: 'month', id: 'bulan', en: 'month' },
  { key: 'kind', id: 'jenis', en: 'kind' },
  { key: 'program', id: 'program', en: 'program' },
  { key: 'payer', id: 'pembayar', en: 'payer' },
  { key: 'base', id: 'dasar', en: 'base' },
  { key: 'rate', id: 'tarif_persen', en: 'rate_percent' },
  { key: 'amount', id: 'jumlah', en: 'amount' },
  { key: 'sourcePeriod', id: 'denda_atas_bulan', en: 'fine_on_month' },
  { key: 'fineMonths', id: 'bulan_terlambat', en: 'months_late' },
  { key: 'ruleId', id: 'id_aturan', en: 'rule_id' },
];

export function billCsv(lines: BillLineView[], lang: Lang): string {
  const header = COLUMNS.map((c) => c[lang]).join(',');
  return `${header}\n${lines.map((l) => COLUMNS.map((c) => csvCell(l[c.key as keyof BillLineView])).join(',')).join('\n')}\n`;
}

export async function billXlsx(bill: BillDetail, lines: BillLineView[], lang: Lang): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Lindung';
  const summary = book.addWorksheet(lang === 'id' ? 'Ringkasan' : 'Summary');
  for (const [label, value] of summaryRows(bill, lang)) summary.addRow([label, value]);
  summary.getColumn(1).width = 32;
  summary.getColumn(2).width = 28;
  const sheet = book.addWorksheet(lang === 'id' ? 'Rincian' : 'Lines');
  sheet.columns = COLUMNS.map((c) => ({ header: c[lang], key: c.key, width: c.key === 'name' ? 28 : 14 }));
  // amounts and bases stay numbers; rates stay exact text
  for (const l of lines) sheet.addRow(Object.fromEntries(COLUMNS.map((c) => [c.key, l[c.key as keyof BillLineView] ?? null])));
  sheet.getRow(1).font = { bold: true };
  for (const key of ['base', 'amount']) sheet.getColumn(key).numFmt = '#,##0';
  return Buffer.from(await book.xlsx.writeBuffer());
}

const WORDS = {
  title: { id: 'Tagihan iuran', en: 'Contribution bill' },
  paymentCode: { id: 'Kode pembayaran', en: 'Payment code' },
  payer: { id: 'Pembayar', en: 'Payer' },
  segment: { id: 'Segmen', en: 'Segment' },
  period: { id: 'Bulan iuran', en: 'Contribution month' },
  months: { id: 'Jumlah bulan', en: 'Months' },
  issued: { id: 'Tanggal terbit', en: 'Issued' },
  due: { id: 'Jatuh tempo', en: 'Due date' },
  contribution: { id: 'Iuran', en: 'Contributions' },
  fines: { id: 'Denda keterlambatan', en: 'Late fines' },
  total: { id: 'Total tagihan', en: 'Total due' },
  employer: { id: 'Bagian pemberi kerja', en: 'Employer share' },
  worker: { id: 'Bagian pekerja (dipotong dari upah)', en: 'Worker share (deducted from wages)' },
  participant: { id: 'Bagian peserta', en: 'Participant share' },
  paid: { id: 'Sudah dibayar', en: 'Paid' },
  status: { id: 'Status', en: 'Status' },
  lines: { id: 'Jumlah baris', en: 'Lines' },
  byProgram: { id: 'Per program', en: 'By program' },
  footer: { id: 'Rincian per pekerja ada di berkas CSV/XLSX tagihan ini. Setiap baris dibulatkan ke rupiah terdekat (D1).', en: 'Lines per worker are in this bill\'s CSV/XLSX file. Each line is rounded to the nearest rupiah (D1).' },
  open: { id: 'Belum lunas', en: 'Open' },
  paidStatus: { id: 'Lunas', en: 'Paid' },
  expired: { id: 'Kedaluwarsa', en: 'Expired' },
} as const;

function summaryRows(bill: BillDetail, lang: Lang): [string, string | number][] {
  const w = (k: keyof typeof WORDS) => WORDS[k][lang];
  const status = bill.status === 'paid' ? w('paidStatus') : bill.status === 'expired' ? w('expired') : w('open');
  return [
    [w('paymentCode'), bill.paymentCode], [w('payer'), bill.payerName], [w('segment'), bill.segment], [w('period'), bill.period], [w('months'), bill.months],
    [w('issued'), bill.issuedOn], [w('due'), bill.dueDate], [w('contribution'), bill.contributionAmount], [w('fines'), bill.fineAmount], [w('total'), bill.totalAmount],
    [w('employer'), bill.employerAmount], [w('worker'), bill.workerAmount], [w('participant'), bill.participantAmount], [w('paid'), bill.paidAmount], [w('status'), status], [w('lines'), bill.lineTotal],
  ];
}


export async function billPdf(bill: BillDetail, byProgram: { program: string; payer: string; kind: string; amount: number }[], lang: Lang): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${WORDS.title[lang]} ${bill.paymentCode}`, Author: 'Lindung' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica-Bold').fontSize(18).text(`Lindung · ${WORDS.title[lang]}`);
  doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#555555').text(winAnsi(bill.payerName)).fillColor('#000000');
  doc.moveDown();
  const money = (v: string | number) => (typeof v === 'number' ? formatRupiah(v, lang) : v);
  const amountKeys = new Set<string>([WORDS.contribution[lang], WORDS.fines[lang], WORDS.total[lang], WORDS.employer[lang], WORDS.worker[lang], WORDS.participant[lang], WORDS.paid[lang]]);
  for (const [label, value] of summaryRows(bill, lang)) {
    const y = doc.y;
    doc.font('Helvetica').fontSize(10).text(label, 50, y, { width: 230 });
    doc.font('Helvetica-Bold').text(winAnsi(String(amountKeys.has(label) ? money(value) : value)), 290, y, { width: 250 });
    doc.moveDown(0.2);
  }
  doc.moveDown().font('Helvetica-Bold').fontSize(12).text(WORDS.byProgram[lang], 50);
  doc.moveDown(0.3);
  for (const p of byProgram) {
    const y = doc.y;
    const payer = WORDS[p.payer as 'employer' | 'worker' | 'participant']?.[lang] ?? p.payer;
    doc.font('Helvetica').fontSize(10).text(`${p.program} · ${p.kind === 'fine' ? WORDS.fines[lang] : payer}`, 50, y, { width: 330 });
    doc.text(formatRupiah(p.amount, lang), 390, y, { width: 150, align: 'right' });
    doc.moveDown(0.2);
  }
  doc.moveDown().font('Helvetica').fontSize(8).fillColor('#555555').text(WORDS.footer[lang], 50);
  doc.end();
  return done;
}
