/**
 * The annual JHT statement (PP 46/2015 Pasal 22(7): the balance and returns reported once a year): the
 * opening balance, every movement of the year, the year's return with its rate, and the closing balance.
 */
import PDFDocument from 'pdfkit';
import type { Lang } from '../../platform/i18n.ts';
import { formatRupiah } from '../../platform/money.ts';
import { winAnsi } from '../../platform/pdf-text.ts';
import type { JhtStatement } from './jht.ts';

const WORDS = {
  title: { id: 'Laporan Tahunan Saldo JHT', en: 'Annual JHT statement' },
  year: { id: 'Tahun', en: 'Year' },
  holder: { id: 'Peserta', en: 'Participant' },
  opening: { id: 'Saldo awal tahun', en: 'Opening balance' },
  closing: { id: 'Saldo akhir tahun', en: 'Closing balance' },
  contributions: { id: 'Iuran masuk', en: 'Contributions in' },
  returns: { id: 'Hasil pengembangan', en: 'Return credited' },
  rate: { id: 'tingkat {rate}% setahun', en: 'rate {rate}% a year' },
  movements: { id: 'Rincian', en: 'Movements' },
  none: { id: 'Tidak ada mutasi tahun ini.', en: 'No movements this year.' },
  footer: { id: 'Dibuat oleh Lindung dari buku besar; setiap angka dapat ditelusuri ke jurnalnya.', en: 'Produced by Lindung from the ledger; every figure traces to its journal entry.' },
} as const;

/** The figures of one year from a participant's statement: opening, in, returns, closing, and the year's movements. */
export function jhtYear(statement: JhtStatement, year: number) {
  const before = statement.movements.filter((m) => m.date < `${year}-01-01`);
  const during = statement.movements.filter((m) => m.date.startsWith(`${year}-`));
  const opening = before.length ? before[before.length - 1]!.balance : 0;
  const returns = during.filter((m) => m.kind === 'jht_return').reduce((s, m) => s + m.amount, 0);
  const contributions = during.filter((m) => m.kind !== 'jht_return').reduce((s, m) => s + m.amount, 0);
  return { opening, contributions, returns, closing: opening + contributions + returns, movements: during, rate: statement.returns.find((r) => r.year === year)?.rate ?? null };
}

export async function jhtStatementPdf(statement: JhtStatement, holder: { name: string; kpj: string }, year: number, lang: Lang): Promise<Buffer> {
  const y = jhtYear(statement, year);
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${WORDS.title[lang]} ${year}`, Author: 'Lindung' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const row = (label: string, value: string, bold = false) => {
    const top = doc.y;
    doc.font('Helvetica').fontSize(10).text(winAnsi(label), 50, top, { width: 300 });
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').text(winAnsi(value), 360, top, { width: 185, align: 'right' });
    doc.moveDown(0.2);
  };
  doc.font('Helvetica-Bold').fontSize(18).text(`Lindung · ${WORDS.title[lang]} ${year}`);
  doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#555555').text(winAnsi(`${WORDS.holder[lang]}: ${holder.name} · KPJ ${holder.kpj}`)).fillColor('#000000');
  doc.moveDown();
  row(WORDS.opening[lang], formatRupiah(y.opening, lang));
  row(WORDS.contributions[lang], formatRupiah(y.contributions, lang));
  row(`${WORDS.returns[lang]}${y.rate ? ` (${WORDS.rate[lang].replace('{rate}', y.rate)})` : ''}`, formatRupiah(y.returns, lang));
  row(WORDS.closing[lang], formatRupiah(y.closing, lang), true);
  doc.moveDown().font('Helvetica-Bold').fontSize(12).text(WORDS.movements[lang], 50);
  doc.moveDown(0.3);
  if (!y.movements.length) doc.font('Helvetica').fontSize(10).text(WORDS.none[lang]);
  for (const m of y.movements) row(`${m.date} · ${m.reason}`, `${formatRupiah(m.amount, lang)} → ${formatRupiah(m.balance, lang)}`);
  doc.moveDown().font('Helvetica').fontSize(8).fillColor('#555555').text(WORDS.footer[lang], 50);
  doc.end();
  return done;
}
