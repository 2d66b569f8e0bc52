/**
 * One contribution bill: who pays, for which month, by when and how much (the employer's, the
 * worker's and the participant's shares, and late fines), every line behind the total, the payments
 * received, and downloads of the same bill as CSV, XLSX and PDF. Branch officers and supervisors record
 * a payment made at the counter here; the channel reference makes a repeated entry harmless.
 */
import { PaymentOptions, type PaymentOptionsData } from '../components/PaymentOptions.tsx';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { ErrorSummary, Field, type FormError } from '../components/Form.tsx';
import { ReasonConfirm } from '../components/ReasonConfirm.tsx';
import { LoadState } from '../components/Status.tsx';
import { PROGRAMS, SEGMENTS, useLookup } from '../domain-words.ts';
import { fmt, rupiah, useI18n, useWords } from '../i18n.tsx';
import { useApi } from '../useApi.ts';
import { formatDate, formatMonth, problemOf } from './MyFamily.tsx';

export type Segment = 'PU' | 'BPU' | 'JAKON' | 'PMI';
export type BillStatus = 'open' | 'paid' | 'expired';

export interface BillSummary {
  id: number; segment: Segment; period: string; months: number; paymentCode: string; payerName: string;
  employerId: number | null; participantId: number | null; issuedOn: string; dueDate: string;
  contributionAmount: number; fineAmount: number; totalAmount: number; paidAmount: number;
  status: BillStatus; overdue: boolean; lines: number;
}

interface BillLine {
  participantId: number | null; kpjMasked: string | null; name: string | null; month: string; kind: 'contribution' | 'fine';
  program: string; payer: 'employer' | 'worker' | 'participant'; phase: string | null; base: number | null; rate: string | null;
  amount: number; ruleId: number; sourcePeriod: string | null; fineMonths: number | null;
}

interface Payment {
  id: number; amount: number; paidAt: string; channel: string; channelRef: string; paymentAmount: number; paidWithBillId: number;
  /** a reversal: the payment it takes back */
  reversesPaymentId: number | null;
  reversedBy: number | null;
}

interface BillDetail extends BillSummary {
  employerAmount: number; workerAmount: number; participantAmount: number; lineTotal: number; lineItems: BillLine[]; payments: Payment[];
}

interface PaymentResult { paymentId: number; billId: number; billStatus: BillStatus; paidAmount: number; outstanding: number; replayed: boolean; allocations: { billId: number; amount: number }[]; credit: number }

/** Payment codes are read out and typed in groups of four: 8100 0000 0012 345. */
export const groupCode = (code: string) => code.replace(/(\d{4})(?=\d)/g, '$1 ');

const SHARED = {
  open: { id: 'Belum dibayar', en: 'Unpaid' },
  paid: { id: 'Lunas', en: 'Paid' },
  expired: { id: 'Kedaluwarsa', en: 'Expired' },
  overdue: { id: 'Lewat jatuh tempo', en: 'Overdue' },
  monthsRange: { id: '{from} – {to} ({n} bulan)', en: '{from} – {to} ({n} months)' },
  previous: { id: 'Sebelumnya', en: 'Previous' },
  next: { id: 'Berikutnya', en: 'Next' },
  range: { id: '{from}–{to} dari {total}', en: '{from}–{to} of {total}' },
  downloads: { id: 'Unduh tagihan', en: 'Download the bill' },
  csv: { id: 'CSV', en: 'CSV' },
  xlsx: { id: 'XLSX (Excel)', en: 'XLSX (Excel)' },
  pdf: { id: 'PDF', en: 'PDF' },
  ofBill: { id: 'tagihan {what}', en: 'bill {what}' },
};

/** The bill's status as a badge: overdue in red, unpaid in purple, paid in green, expired in grey. */
export function BillStatusBadge({ status, overdue }: { status: BillStatus; overdue: boolean }) {
  const w = useWords(SHARED);
  if (status === 'open' && overdue) return <span className="badge" style={{ background: 'var(--error)' }}>{w.overdue}</span>;
  return <span className={status === 'paid' ? 'badge' : status === 'expired' ? 'badge badge-muted' : 'badge badge-alt'}>{w[status]}</span>;
}

/** "Oktober 2026", or "Oktober 2026 – Desember 2026 (3 bulan)" for a bill of several months. */
export function usePeriodText() {
  const w = useWords(SHARED);
  const { lang } = useI18n();
  return (period: string, months = 1) => {
    if (months <= 1) return formatMonth(period, lang);
    const [y, m] = period.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m - 1 + months - 1, 1)).toISOString().slice(0, 7);
    return fmt(w.monthsRange, { from: formatMonth(period, lang), to: formatMonth(last, lang), n: months });
  };
}

/** Previous / next with "1–50 of 123"; the label names what is paged. */
export function Pager({ label, offset, limit, total, onChange }: { label: string; offset: number; limit: number; total: number; onChange(offset: number): void }) {
  const w = useWords(SHARED);
  const { lang } = useI18n();
  if (total <= limit && offset === 0) return null;
  const n = (x: number) => x.toLocaleString(lang === 'id' ? 'id-ID' : 'en-US');
  return (
    <nav aria-label={label} className="actions">
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>{w.previous}</button>
      <p role="status" style={{ margin: 0, alignSelf: 'center' }}>{fmt(w.range, { from: n(Math.min(total, offset + 1)), to: n(Math.min(total, offset + limit)), total: n(total) })}</p>
      <button type="button" disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>{w.next}</button>
    </nav>
  );
}

/** Download links for one bill; `what` (its month) makes each link's name unique on a list. */
export function BillDownloads({ billId, what }: { billId: number; what?: string }) {
  const w = useWords(SHARED);
  const { lang } = useI18n();
  // an aria-label, not visually hidden text: hidden text inside a scrolled table widens the page
  const name = (format: string) => (what ? `${format} ${fmt(w.ofBill, { what })}` : undefined);
  const href = (ext: string) => `/api/v1/bills/${billId}/export.${ext}?lang=${lang}`;
  return (
    <>
      <a href={href('csv')} download aria-label={name(w.csv)}>{w.csv}</a>{' · '}
      <a href={href('xlsx')} download aria-label={name(w.xlsx)}>{w.xlsx}</a>{' · '}
      <a href={href('pdf')} download aria-label={name(w.pdf)}>{w.pdf}</a>
    </>
  );
}

const WORDS = {
  title: { id: 'Tagihan iuran {period}', en: 'Contribution bill, {period}' },
  back: { id: 'Kembali ke daftar tagihan', en: 'Back to the bills' },
  backEmployer: { id: 'Kembali ke halaman perusahaan', en: 'Back to the employer page' },
  backMine: { id: 'Kembali ke iuran saya', en: 'Back to my contributions' },
  paymentCode: { id: 'Kode bayar', en: 'Payment code' },
  paymentCodeHint: { id: 'Bayar lewat virtual account bank, QRIS, atau loket kantor cabang dengan kode ini.', en: 'Pay by bank virtual account, QRIS or at a branch counter with this code.' },
  payer: { id: 'Pembayar', en: 'Payer' },
  segment: { id: 'Jenis peserta', en: 'Kind of participant' },
  period: { id: 'Bulan iuran', en: 'Contribution month' },
  issuedOn: { id: 'Diterbitkan', en: 'Issued' },
  dueDate: { id: 'Jatuh tempo', en: 'Due date' },
  status: { id: 'Status', en: 'Status' },
  contribution: { id: 'Iuran', en: 'Contributions' },
  fines: { id: 'Denda keterlambatan', en: 'Late fines' },
  total: { id: 'Total tagihan', en: 'Total due' },
  employerShare: { id: 'Bagian pemberi kerja', en: "Employer's share" },
  workerShare: { id: 'Bagian pekerja (dipotong dari upah)', en: "Workers' share (deducted from wages)" },
  participantShare: { id: 'Bagian peserta', en: "Participant's share" },
  paidAmount: { id: 'Sudah dibayar', en: 'Paid' },
  outstanding: { id: 'Sisa tagihan', en: 'Outstanding' },
  finesIncluded: { id: 'Tagihan ini memuat denda keterlambatan atas tagihan sebelumnya yang terlambat dibayar.', en: 'This bill includes late fines on earlier bills that were paid late.' },
  linesTitle: { id: 'Rincian tagihan ({n} baris)', en: 'Bill lines ({n} lines)' },
  linesPager: { id: 'Halaman rincian tagihan', en: 'Bill line pages' },
  who: { id: 'Peserta / keterangan', en: 'Participant / description' },
  month: { id: 'Bulan', en: 'Month' },
  program: { id: 'Program', en: 'Programme' },
  paidBy: { id: 'Dibayar oleh', en: 'Paid by' },
  base: { id: 'Dasar', en: 'Base' },
  rate: { id: 'Tarif', en: 'Rate' },
  amount: { id: 'Jumlah', en: 'Amount' },
  employer: { id: 'pemberi kerja', en: 'employer' },
  worker: { id: 'pekerja', en: 'worker' },
  participant: { id: 'peserta', en: 'participant' },
  flat: { id: 'tetap', en: 'flat' },
  fineLine: { id: 'denda keterlambatan {n} bulan atas iuran {period}', en: 'late fine, {n} months on {period}' },
  phase_pre_placement: { id: 'sebelum penempatan', en: 'before placement' },
  phase_during_after: { id: 'selama dan sesudah penempatan', en: 'during and after placement' },
  phase_extra_months: { id: 'bulan tambahan', en: 'extra months' },
  payments: { id: 'Pembayaran diterima', en: 'Payments received' },
  noPayments: { id: 'Belum ada pembayaran.', en: 'No payments yet.' },
  appliedHere: { id: 'Masuk ke tagihan ini', en: 'Applied to this bill' },
  paymentAmount: { id: 'Jumlah pembayaran', en: 'Payment amount' },
  paidWithOther: { id: 'dibayar dengan kode tagihan lain; bulan tertua dilunasi lebih dulu', en: "paid with another bill's code; the oldest month is paid first" },
  paidAt: { id: 'Waktu bayar', en: 'Paid at' },
  channel: { id: 'Saluran', en: 'Channel' },
  channelRef: { id: 'Nomor transaksi', en: 'Transaction reference' },
  virtual_account: { id: 'Virtual account bank', en: 'Bank virtual account' },
  qris: { id: 'QRIS', en: 'QRIS' },
  counter: { id: 'Loket kantor cabang', en: 'Branch counter' },
  import: { id: 'Impor data', en: 'Data import' },
  payTitle: { id: 'Catat pembayaran di loket', en: 'Record a counter payment' },
  payIntro: { id: 'Untuk uang yang diterima di loket kantor cabang. Pembayaran melunasi bulan tertua pemberi kerja lebih dulu, dan tercatat dalam jejak audit.', en: "For money received at the branch counter. A payment pays the employer's oldest months first, and is recorded in the audit trail." },
  payAmount: { id: 'Jumlah dibayar (Rp)', en: 'Amount paid (Rp)' },
  payAmountHint: { id: 'Terisi sisa tagihan. Ubah bila peserta membayar sebagian.', en: 'Filled with the outstanding amount. Change it for a part payment.' },
  payRef: { id: 'Nomor bukti setor', en: 'Receipt number' },
  payRefHint: { id: 'Nomor pada bukti setor loket. Nomor yang sama tidak dicatat dua kali.', en: 'The number on the counter receipt. The same number is never recorded twice.' },
  pay: { id: 'Catat pembayaran', en: 'Record payment' },
  paying: { id: 'Mencatat…', en: 'Recording…' },
  recorded: { id: 'Pembayaran {amount} dicatat.', en: 'Payment of {amount} recorded.' },
  nowPaid: { id: 'Tagihan lunas.', en: 'The bill is paid in full.' },
  olderFirst: { id: 'Bulan tertua dilunasi lebih dulu: {amount} masuk ke {n} tagihan sebelumnya.', en: 'The oldest months are paid first: {amount} went to {n} earlier bills.' },
  stillOpen: { id: 'Sisa tagihan {amount}.', en: '{amount} still outstanding.' },
  replayed: { id: 'Pembayaran dengan nomor ini sudah tercatat sebelumnya; tidak ada yang berubah.', en: 'A payment with this number was already recorded; nothing changed.' },
  reversalOf: { id: 'Pembatalan pembayaran {ref}', en: 'Reversal of payment {ref}' },
  reversedBadge: { id: 'dibatalkan', en: 'reversed' },
  reverse: { id: 'Batalkan', en: 'Reverse' },
  reverseLabel: { id: 'Batalkan pembayaran {ref}', en: 'Reverse payment {ref}' },
  reverseIntro: { id: 'Untuk uang yang ditarik kembali oleh bank, atau pembayaran yang dicatat pada tagihan yang salah. Jurnalnya dibalik, tagihan yang dibayarnya kembali terutang sebesar yang dibayarkan, dan masa kepesertaan BPU mundur. Nomor transaksinya tetap terpakai: notifikasi yang sama tidak dicatat lagi.', en: 'For money a bank has recalled, or a payment recorded on the wrong bill. Its journal entry is reversed, the bills it paid owe again what it paid, and a BPU participant\'s coverage goes back. Its transaction reference stays taken: the same notification is never recorded again.' },
  reverseReason: { id: 'Alasan pembatalan', en: 'Reason for the reversal' },
  reverseHint: { id: '5 sampai 500 karakter. Tercatat di jurnal pembalik dan jejak audit.', en: '5 to 500 characters. Recorded on the reversing entry and in the audit trail.' },
  reverseConfirm: { id: 'Batalkan pembayaran {ref} sebesar {amount} dengan alasan “{reason}”? Ini tidak dapat diurungkan.', en: 'Reverse payment {ref} of {amount} because “{reason}”? This cannot be undone.' },
  reverseYes: { id: 'Ya, batalkan pembayaran', en: 'Yes, reverse the payment' },
  reverseSending: { id: 'Membatalkan…', en: 'Reversing…' },
  reverseDone: { id: 'Pembayaran {ref} dibatalkan: {amount} kembali terutang.', en: 'Payment {ref} reversed: {amount} is owed again.' },
  openReversal: { id: 'Buka jurnal pembalik', en: 'Open the reversing entry' },
  required: { id: 'Wajib diisi.', en: 'This field is required.' },
  network: { id: 'Tidak dapat terhubung ke server. Periksa sambungan Anda lalu coba lagi.', en: 'Cannot reach the server. Check your connection and try again.' },
};

const LINE_LIMIT = 100;

export function Bill() {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const { me } = useAuth();
  const { id } = useParams();
  const segment = useLookup(SEGMENTS);
  const program = useLookup(PROGRAMS);
  const shared = useWords(SHARED);
  const periodText = usePeriodText();
  const [offset, setOffset] = useState(0);
  const [paidMessage, setPaidMessage] = useState<string>();
  useEffect(() => { setOffset(0); setPaidMessage(undefined); }, [id]);
  const bill = useApi<BillDetail>(`/api/v1/bills/${id}?limit=${LINE_LIMIT}&offset=${offset}`);
  const b = bill.data;
  const canPay = me?.role === 'officer' || me?.role === 'supervisor';
  const canReverse = me?.role === 'supervisor' || me?.role === 'admin';
  const [reversing, setReversing] = useState<Payment>();
  useEffect(() => { setReversing(undefined); }, [id]);
  const locale = lang === 'id' ? 'id-ID' : 'en-US';
  const rateText = (rate: string) => `${Number(rate).toLocaleString(locale, { maximumFractionDigits: 4 })}%`;
  const payerWord = (p: BillLine['payer']) => w[p];

  return (
    <>
      {me?.role === 'employer_admin' ? (b?.employerId && <p><Link to={`/perusahaan/${b.employerId}`}>{w.backEmployer}</Link></p>)
        : me?.role === 'participant' ? <p><Link to="/iuran">{w.backMine}</Link></p>
        : <p><Link to="/tagihan">{w.back}</Link></p>}
      <LoadState loading={bill.loading && !b} error={bill.error} />
      {b && (
        <>
          <h1>{fmt(w.title, { period: periodText(b.period, b.months) })}</h1>
          <p className="lead">{b.payerName}</p>
          <dl style={{ margin: '0 0 1rem' }}>
            <dt style={{ fontWeight: 700 }}>{w.paymentCode}</dt>
            <dd className="big-number" style={{ margin: 0, fontSize: '1.6rem', fontVariantNumeric: 'tabular-nums' }}>{groupCode(b.paymentCode)}</dd>
          </dl>
          <dl className="facts">
            <dt>{w.payer}</dt><dd>{b.payerName}</dd>
            <dt>{w.segment}</dt><dd>{b.segment} — {segment(b.segment)}</dd>
            <dt>{w.period}</dt><dd>{periodText(b.period, b.months)}</dd>
            <dt>{w.issuedOn}</dt><dd>{formatDate(b.issuedOn, lang)}</dd>
            <dt>{w.dueDate}</dt><dd>{formatDate(b.dueDate, lang)}</dd>
            <dt>{w.status}</dt><dd><BillStatusBadge status={b.status} overdue={b.overdue} /></dd>
          </dl>
          {b.status === 'open' && <p className="muted">{w.paymentCodeHint}</p>}
          {b.status === 'open' && <PaymentOptionsView billId={b.id} version={b.paidAmount} />}

          <div className="table-wrap" role="region" aria-labelledby="bill-amounts" tabIndex={0}>
            <table style={{ maxWidth: '28rem' }}>
              <caption id="bill-amounts" className="visually-hidden">{w.total}</caption>
              <tbody>
                {b.employerAmount > 0 && <tr><th scope="row">{w.employerShare}</th><td className="num amount">{rupiah(b.employerAmount, lang)}</td></tr>}
                {b.workerAmount > 0 && <tr><th scope="row">{w.workerShare}</th><td className="num amount">{rupiah(b.workerAmount, lang)}</td></tr>}
                {b.participantAmount > 0 && <tr><th scope="row">{w.participantShare}</th><td className="num amount">{rupiah(b.participantAmount, lang)}</td></tr>}
                <tr><th scope="row">{w.contribution}</th><td className="num amount">{rupiah(b.contributionAmount, lang)}</td></tr>
                <tr><th scope="row">{w.fines}</th><td className="num amount">{rupiah(b.fineAmount, lang)}</td></tr>
                <tr><th scope="row">{w.total}</th><td className="num amount"><strong>{rupiah(b.totalAmount, lang)}</strong></td></tr>
                <tr><th scope="row">{w.paidAmount}</th><td className="num amount">{rupiah(b.paidAmount, lang)}</td></tr>
                <tr><th scope="row">{w.outstanding}</th><td className="num amount"><strong>{rupiah(b.totalAmount - b.paidAmount, lang)}</strong></td></tr>
              </tbody>
            </table>
          </div>
          {b.fineAmount > 0 && <p className="notice">{w.finesIncluded}</p>}

          <section aria-labelledby="downloads-title">
            <h2 id="downloads-title">{shared.downloads}</h2>
            <p><BillDownloads billId={b.id} /></p>
          </section>

          {canPay && b.status === 'open' && <CounterPayment bill={b} onPaid={(text) => { setPaidMessage(text); bill.reload(); }} />}
          <div role="status">{paidMessage && <p className="notice">{paidMessage}</p>}</div>

          <section aria-labelledby="lines-title">
            <h2 id="lines-title">{fmt(w.linesTitle, { n: b.lineTotal.toLocaleString(locale) })}</h2>
            <div className="table-wrap" role="region" aria-labelledby="lines-title" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{w.who}</th><th scope="col">{w.month}</th><th scope="col">{w.program}</th><th scope="col">{w.paidBy}</th>
                    <th scope="col" className="num">{w.base}</th><th scope="col" className="num">{w.rate}</th><th scope="col" className="num">{w.amount}</th>
                  </tr>
                </thead>
                <tbody>
                  {b.lineItems.map((l, i) => (
                    <tr key={`${offset}-${i}`}>
                      <th scope="row">
                        {l.kind === 'fine'
                          ? fmt(w.fineLine, { n: l.fineMonths ?? 0, period: formatMonth(l.sourcePeriod ?? l.month, lang) })
                          : <>{l.name ?? '—'}{l.kpjMasked && <>{' '}<span className="muted detail kpj">KPJ {l.kpjMasked}</span></>}</>}
                      </th>
                      <td>{formatMonth(l.month, lang)}</td>
                      <td><abbr title={program(l.program)}>{l.program}</abbr>{l.phase && <>{' '}<span className="muted detail">{(w as Record<string, string>)[`phase_${l.phase}`] ?? l.phase}</span></>}</td>
                      <td>{payerWord(l.payer)}</td>
                      <td className="num amount">{l.base === null ? '—' : rupiah(l.base, lang)}</td>
                      <td className="num amount">{l.rate === null ? w.flat : rateText(l.rate)}</td>
                      <td className="num amount">{rupiah(l.amount, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager label={w.linesPager} offset={offset} limit={LINE_LIMIT} total={b.lineTotal} onChange={setOffset} />
          </section>

          <section aria-labelledby="payments-title">
            <h2 id="payments-title">{w.payments}</h2>
            {b.payments.length === 0 ? <p>{w.noPayments}</p> : (
              <div className="table-wrap" role="region" aria-labelledby="payments-title" tabIndex={0}>
                <table>
                  <thead><tr><th scope="col">{w.paidAt}</th><th scope="col">{w.channel}</th><th scope="col">{w.channelRef}</th><th scope="col" className="num">{w.appliedHere}</th><th scope="col" className="num">{w.paymentAmount}</th>{canReverse && <td />}</tr></thead>
                  <tbody>
                    {b.payments.map((p) => {
                      const original = p.reversesPaymentId === null ? p : b.payments.find((o) => o.id === p.reversesPaymentId);
                      return (
                        <tr key={p.id}>
                          <th scope="row">{formatDate(p.paidAt, lang)}</th>
                          <td>{(w as Record<string, string>)[p.channel] ?? p.channel}</td>
                          <td>
                            {p.reversesPaymentId === null ? p.channelRef : fmt(w.reversalOf, { ref: original?.channelRef ?? `#${p.reversesPaymentId}` })}
                            {p.reversedBy !== null && <> <span className="badge badge-alt">{w.reversedBadge}</span></>}
                            {p.paidWithBillId !== b.id && <> · <Link to={`/tagihan/${p.paidWithBillId}`}>{w.paidWithOther}</Link></>}
                          </td>
                          <td className="num amount">{rupiah(p.amount, lang)}</td>
                          <td className="num">{rupiah(p.paymentAmount, lang)}</td>
                          {canReverse && (
                            <td>
                              {p.reversesPaymentId === null && p.reversedBy === null && p.channel !== 'donation' && (
                                <button type="button" aria-label={fmt(w.reverseLabel, { ref: p.channelRef })} onClick={() => setReversing(p)}>{w.reverse}</button>
                              )}
                            </td>
                          )}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            {reversing && (
              <ReasonConfirm key={reversing.id} id={`reverse-payment-${reversing.id}`} words={{
                title: fmt(w.reverseLabel, { ref: reversing.channelRef }), intro: w.reverseIntro, reason: w.reverseReason, hint: w.reverseHint,
                yes: w.reverseYes, sending: w.reverseSending,
                confirm: (reason) => fmt(w.reverseConfirm, { ref: reversing.channelRef, amount: rupiah(reversing.paymentAmount, lang), reason }),
              }} send={async (reason) => {
                const r = await api<{ entryId: number; bills: { amount: number }[] }>(`/api/v1/payments/${reversing.id}/reversal`, { method: 'POST', body: { reason } });
                bill.reload();
                return <>{fmt(w.reverseDone, { ref: reversing.channelRef, amount: rupiah(r.bills.reduce((s, x) => s + x.amount, 0), lang) })} <Link to={`/buku-besar?jurnal=${r.entryId}`}>{w.openReversal}</Link></>;
              }} />
            )}
          </section>
        </>
      )}
    </>
  );
}

function CounterPayment({ bill, onPaid }: { bill: BillDetail; onPaid(message: string): void }) {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const outstanding = bill.totalAmount - bill.paidAmount;
  const [amount, setAmount] = useState(String(outstanding));
  const [channelRef, setChannelRef] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [general, setGeneral] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => { setAmount(String(outstanding)); }, [bill.id, outstanding]);

  async function pay(e: FormEvent) {
    e.preventDefault();
    setGeneral(undefined);
    const digits = amount.replace(/\D/g, '');
    const missing: FormError[] = [];
    if (!digits) missing.push({ field: 'pay-amount', message: w.required });
    if (!channelRef.trim()) missing.push({ field: 'pay-ref', message: w.required });
    setErrors(missing);
    if (missing.length) return;
    setBusy(true);
    try {
      const r = await api<PaymentResult>(`/api/v1/bills/${bill.id}/payments`, { method: 'POST', body: { amount: Number(digits), channelRef: channelRef.trim() } });
      setChannelRef('');
      onPaid(r.replayed ? w.replayed
        : [fmt(w.recorded, { amount: rupiah(Number(digits), lang) }),
          ...(r.allocations.some((a) => a.billId !== bill.id) ? [fmt(w.olderFirst, { amount: rupiah(r.allocations.filter((a) => a.billId !== bill.id).reduce((s, a) => s + a.amount, 0), lang), n: r.allocations.filter((a) => a.billId !== bill.id).length })] : []),
          r.billStatus === 'paid' ? w.nowPaid : fmt(w.stillOpen, { amount: rupiah(r.outstanding, lang) })].join(' '));
    } catch (err) {
      const p = problemOf(err, w.network, { amount: 'pay-amount', channelRef: 'pay-ref' });
      setErrors(p.errors);
      setGeneral(p.errors.length ? undefined : p.general);
    } finally {
      setBusy(false);
    }
  }
  const errorFor = (f: string) => errors.find((x) => x.field === f)?.message;
  return (
    <section aria-labelledby="pay-title" className="officer-actions">
      <h2 id="pay-title">{w.payTitle}</h2>
      <p>{w.payIntro}</p>
      <ErrorSummary errors={errors} general={general} labels={{ 'pay-amount': w.payAmount, 'pay-ref': w.payRef }} />
      <form onSubmit={pay} noValidate>
        <Field id="pay-amount" label={w.payAmount} hint={w.payAmountHint} inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value)} error={errorFor('pay-amount')} />
        <Field id="pay-ref" label={w.payRef} hint={w.payRefHint} autoComplete="off" value={channelRef} onChange={(e) => setChannelRef(e.target.value)} error={errorFor('pay-ref')} />
        <button type="submit" className="primary" disabled={busy}>{busy ? w.paying : w.pay}</button>
      </form>
    </section>
  );
}

/** The bill's virtual account at each partner bank and its dynamic QRIS for what is still owed. */
function PaymentOptionsView({ billId, version }: { billId: number; version: number }) {
  return <PaymentOptions options={useApi<PaymentOptionsData>(`/api/v1/bills/${billId}/payment-options?v=${version}`).data} />;
}
