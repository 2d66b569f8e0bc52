/**
 * A participant's contributions: the state of each participation in plain words, month by month what
 * was billed for them and whether it was paid, the bills they pay themselves with their payment codes,
 * and (for informal workers) how many months to pay at once. A company worker stays protected when
 * the employer pays late (D15): the arrears are the employer's, and the page says so.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api.ts';
import { LoadState } from '../components/Status.tsx';
import { SEGMENTS, useLookup } from '../domain-words.ts';
import { fmt, rupiah, useI18n, useWords } from '../i18n.tsx';
import { useApi } from '../useApi.ts';
import { BillStatusBadge, groupCode, type BillStatus } from './Bill.tsx';
import { formatDate, formatMonth, problemOf } from './MyFamily.tsx';

type PartStatus = 'pending' | 'active' | 'arrears' | 'lapsed' | 'ended';
interface Participation { participantId?: number; segment: string; status: PartStatus; paidThrough: string | null; planMonths: number | null }
interface Month {
  month: string; segment: string; employerName: string | null; wage: number | null; declaredIncome: number | null;
  amount: number; ownShare: number; billId: number; paymentCode: string; dueDate: string; billStatus: BillStatus; paid: boolean; protected: boolean;
}
interface Contributions { participations: Participation[]; months: Month[] }

const WORDS = {
  title: { id: 'Iuran saya', en: 'My contributions' },
  intro: { id: 'Iuran yang ditagihkan untuk Anda setiap bulan, dan apakah sudah dibayar.', en: 'The contributions billed for you each month, and whether they have been paid.' },
  participations: { id: 'Kepesertaan', en: 'Memberships' },
  noParticipations: { id: 'Anda belum memiliki kepesertaan.', en: 'You have no membership yet.' },
  st_active: { id: 'Aktif', en: 'Active' },
  st_arrears: { id: 'Menunggak', en: 'In arrears' },
  st_lapsed: { id: 'Berhenti', en: 'Lapsed' },
  st_pending: { id: 'Menunggu pembayaran pertama', en: 'Awaiting the first payment' },
  st_ended: { id: 'Berakhir', en: 'Ended' },
  ex_active: { id: 'Iuran Anda sudah dibayar. Anda terlindungi.', en: 'Your contributions are paid. You are protected.' },
  ex_active_PU: { id: 'Pemberi kerja Anda membayar iuran Anda. Anda terlindungi.', en: 'Your employer pays your contributions. You are protected.' },
  ex_arrears: { id: 'Ada iuran yang lewat jatuh tempo. Bayar segera agar kepesertaan tidak berhenti.', en: 'A contribution is past its due date. Pay soon so that your membership does not lapse.' },
  ex_lapsed: { id: 'Kepesertaan berhenti karena iuran tidak dibayar beberapa bulan. Bayar tagihan berikutnya untuk aktif kembali.', en: 'Your membership lapsed because contributions went unpaid for several months. Pay the next bill to be active again.' },
  ex_pending: { id: 'Perlindungan mulai setelah iuran pertama dibayar.', en: 'Protection starts once the first contribution is paid.' },
  ex_ended: { id: 'Kepesertaan ini sudah berakhir.', en: 'This membership has ended.' },
  paidThrough: { id: 'Iuran lunas sampai {month}.', en: 'Contributions paid up to {month}.' },
  planTitle: { id: 'Bayar untuk berapa bulan sekaligus?', en: 'How many months do you pay at once?' },
  planIntro: { id: 'Tagihan berikutnya mencakup jumlah bulan yang Anda pilih, jadi Anda lebih jarang membayar dan tidak mudah lupa. Pilihan berlaku mulai tagihan berikutnya.', en: 'Your next bill covers the number of months you choose, so you pay less often and are less likely to forget. The choice applies from the next bill.' },
  plan1: { id: '1 bulan (setiap bulan)', en: '1 month (every month)' },
  plan3: { id: '3 bulan', en: '3 months' },
  plan6: { id: '6 bulan', en: '6 months' },
  plan12: { id: '12 bulan (setahun)', en: '12 months (a year)' },
  savePlan: { id: 'Simpan pilihan', en: 'Save the choice' },
  saving: { id: 'Menyimpan…', en: 'Saving…' },
  planSaved: { id: 'Tersimpan: tagihan berikutnya untuk {n} bulan.', en: 'Saved: your next bill covers {n} months.' },
  billsTitle: { id: 'Tagihan yang perlu Anda bayar', en: 'Bills for you to pay' },
  billsIntro: { id: 'Bayar lewat virtual account bank, QRIS, atau loket kantor cabang dengan kode bayar.', en: 'Pay by bank virtual account, QRIS or at a branch counter with the payment code.' },
  noBills: { id: 'Tidak ada tagihan yang perlu Anda bayar.', en: 'There are no bills for you to pay.' },
  paymentCode: { id: 'Kode bayar', en: 'Payment code' },
  payBefore: { id: 'Bayar sebelum {date}', en: 'Pay by {date}' },
  covers: { id: 'Untuk {months}', en: 'For {months}' },
  openBill: { id: 'Lihat rincian tagihan {code}', en: 'See the details of bill {code}' },
  monthsTitle: { id: 'Iuran per bulan', en: 'Contributions by month' },
  noMonths: { id: 'Belum ada iuran yang ditagihkan untuk Anda. Iuran tampil di sini setelah penagihan bulanan.', en: 'No contributions have been billed for you yet. They appear here after the monthly billing.' },
  month: { id: 'Bulan', en: 'Month' },
  employer: { id: 'Pemberi kerja', en: 'Employer' },
  self: { id: 'Mandiri', en: 'Self-employed' },
  income: { id: 'Upah atau penghasilan', en: 'Wage or income' },
  contribution: { id: 'Iuran', en: 'Contribution' },
  ownShare: { id: 'bagian Anda {amount}', en: 'your share {amount}' },
  paidCol: { id: 'Dibayar', en: 'Paid' },
  protectedCol: { id: 'Terlindungi', en: 'Protected' },
  yes: { id: 'Ya', en: 'Yes' },
  notYet: { id: 'Belum', en: 'Not yet' },
  no: { id: 'Tidak', en: 'No' },
  expired: { id: 'Kedaluwarsa', en: 'Expired' },
  stillProtected: { id: 'Anda tetap terlindungi; tunggakan ditagih ke pemberi kerja.', en: 'You are still protected; the arrears are billed to the employer.' },
  employerLate: { id: 'Ada bulan yang iurannya belum dibayar pemberi kerja. Anda tetap terlindungi; tunggakan ditagih ke pemberi kerja, bukan ke Anda.', en: 'Your employer has not yet paid some months. You are still protected; the arrears are billed to the employer, not to you.' },
};

/** Bills a participant pays themselves: informal workers and migrant workers. */
const OWN_BILLS = new Set(['BPU', 'PMI']);

export function MyContributions() {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const segment = useLookup(SEGMENTS);
  const { data, loading, error, reload } = useApi<Contributions>('/api/v1/me/contributions');
  const words = w as Record<string, string>;
  const bpu = data?.participations.find((p) => p.segment === 'BPU' && p.status !== 'ended');

  // the open bills the participant pays: one entry per bill, its months together
  const openBills = new Map<number, { code: string; due: string; amount: number; months: string[]; overdue: boolean }>();
  const today = new Date().toISOString().slice(0, 10);
  for (const m of data?.months ?? []) {
    if (m.billStatus !== 'open' || !OWN_BILLS.has(m.segment)) continue;
    const b = openBills.get(m.billId) ?? { code: m.paymentCode, due: m.dueDate, amount: 0, months: [], overdue: m.dueDate < today };
    b.amount += m.amount;
    b.months.push(m.month);
    openBills.set(m.billId, b);
  }
  const employerLate = data?.months.some((m) => m.segment === 'PU' && !m.paid);

  return (
    <>
      <h1>{w.title}</h1>
      <p className="lead">{w.intro}</p>
      <LoadState loading={loading && !data} error={error} />
      {data && (
        <>
          <section aria-labelledby="parts-title">
            <h2 id="parts-title">{w.participations}</h2>
            {data.participations.length === 0 ? <p>{w.noParticipations}</p> : (
              <ul className="records">
                {data.participations.map((p, i) => (
                  <li key={p.participantId ?? i}>
                    <h3 style={{ margin: '0 0 0.25rem', fontSize: '1.1rem' }}>
                      {segment(p.segment)}{' '}
                      <span className={p.status === 'active' ? 'badge' : p.status === 'arrears' || p.status === 'lapsed' ? 'badge' : 'badge badge-muted'}
                        style={p.status === 'arrears' || p.status === 'lapsed' ? { background: 'var(--error)' } : undefined}>{words[`st_${p.status}`] ?? p.status}</span>
                    </h3>
                    <p style={{ margin: 0 }}>{words[`ex_${p.status}_${p.segment}`] ?? words[`ex_${p.status}`]}</p>
                    {p.paidThrough && <p className="muted" style={{ margin: 0 }}>{fmt(w.paidThrough, { month: formatMonth(p.paidThrough, lang) })}</p>}
                  </li>
                ))}
              </ul>
            )}
          </section>

          {(openBills.size > 0 || bpu) && (
            <section aria-labelledby="own-bills-title">
              <h2 id="own-bills-title">{w.billsTitle}</h2>
              {openBills.size === 0 ? <p>{w.noBills}</p> : (
                <>
                  <p>{w.billsIntro}</p>
                  <ul className="records">
                    {[...openBills.entries()].map(([id, b]) => {
                      const months = [...b.months].sort();
                      const span = months.length > 1 ? `${formatMonth(months[0]!, lang)} – ${formatMonth(months[months.length - 1]!, lang)}` : formatMonth(months[0]!, lang);
                      return (
                        <li key={id}>
                          <p style={{ margin: 0 }}>{w.paymentCode}: <strong className="kpj" style={{ fontSize: '1.25rem' }}>{groupCode(b.code)}</strong></p>
                          <p style={{ margin: 0 }}><strong>{rupiah(b.amount, lang)}</strong> · {fmt(w.covers, { months: span })}</p>
                          <p style={{ margin: 0 }}>{fmt(w.payBefore, { date: formatDate(b.due, lang) })} <BillStatusBadge status="open" overdue={b.overdue} /></p>
                          <p style={{ margin: '0.25rem 0 0' }}><Link to={`/tagihan/${id}`}>{fmt(w.openBill, { code: groupCode(b.code) })}</Link></p>
                        </li>
                      );
                    })}
                  </ul>
                </>
              )}
            </section>
          )}

          {bpu && <PaymentPlan current={bpu.planMonths ?? 1} onSaved={reload} />}

          <section aria-labelledby="months-title">
            <h2 id="months-title">{w.monthsTitle}</h2>
            {employerLate && <p className="notice">{w.employerLate}</p>}
            {data.months.length === 0 ? <p>{w.noMonths}</p> : (
              <div className="table-wrap" role="region" aria-labelledby="months-caption" tabIndex={0}>
                <table>
                  <caption id="months-caption" className="visually-hidden">{w.monthsTitle}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{w.month}</th><th scope="col">{w.employer}</th><th scope="col" className="num">{w.income}</th>
                      <th scope="col" className="num">{w.contribution}</th><th scope="col">{w.paidCol}</th><th scope="col">{w.protectedCol}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.months.map((m) => {
                      const base = m.wage ?? m.declaredIncome;
                      return (
                        <tr key={`${m.month}-${m.segment}-${m.billId}`}>
                          <th scope="row">{formatMonth(m.month, lang)}</th>
                          <td>{m.employerName ?? w.self}{' '}<span className="muted detail"><abbr title={segment(m.segment)}>{m.segment}</abbr></span></td>
                          <td className="num amount">{base === null ? '—' : rupiah(base, lang)}</td>
                          <td className="num amount">
                            {rupiah(m.amount, lang)}{' '}
                            {m.ownShare !== m.amount && <span className="muted detail">{fmt(w.ownShare, { amount: rupiah(m.ownShare, lang) })}</span>}
                          </td>
                          <td>{m.paid ? w.yes : m.billStatus === 'expired' ? w.expired : w.notYet}</td>
                          <td>
                            {m.protected ? w.yes : w.no}{' '}
                            {m.protected && !m.paid && m.segment === 'PU' && <span className="detail">{w.stillProtected}</span>}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
      <MyJht />
    </>
  );
}

interface JhtAccount { participantId: number; segment: string; balance: number; movements: { date: string; kind: string; reason: string; amount: number; balance: number; entryId: number }[]; returns: { year: number; amount: number; rate: string | null }[] }

const JHT_WORDS = {
  title: { id: 'Saldo JHT saya', en: 'My JHT balance' },
  intro: { id: 'Tabungan hari tua Anda: setiap iuran JHT masuk ke rekening Anda sendiri, ditambah hasil pengembangan setiap tahun.', en: 'Your old-age savings: every JHT contribution goes into your own account, plus a yearly return.' },
  none: { id: 'Belum ada iuran JHT yang masuk.', en: 'No JHT contribution has come in yet.' },
  balance: { id: 'Saldo', en: 'Balance' },
  history: { id: 'Riwayat JHT', en: 'JHT history' },
  statement: { id: 'Unduh laporan tahunan JHT {year} (PDF)', en: 'Download the {year} annual JHT statement (PDF)' },
  date: { id: 'Tanggal', en: 'Date' },
  what: { id: 'Keterangan', en: 'Description' },
  amount: { id: 'Jumlah', en: 'Amount' },
  payment: { id: 'Iuran dibayar', en: 'Contribution paid' },
  jht_return: { id: 'Hasil pengembangan', en: 'Yearly return' },
  reversal: { id: 'Koreksi', en: 'Correction' },
};

/** The participant's JHT account: the balance, and every movement with the balance after it. */
function MyJht() {
  const w = useWords(JHT_WORDS);
  const { lang } = useI18n();
  const { data } = useApi<{ accounts: JhtAccount[] }>('/api/v1/me/jht');
  const segment = useLookup(SEGMENTS);
  if (!data) return null;
  return (
    <section aria-labelledby="jht-title">
      <h2 id="jht-title">{w.title}</h2>
      <p>{w.intro}</p>
      {data.accounts.length > 0 && (
        <p>{[new Date().getFullYear() - 1, new Date().getFullYear()].map((year) => (
          <a key={year} className="download" href={`/api/v1/me/jht/statement.pdf?year=${year}&lang=${lang}`} style={{ marginRight: '1rem' }}>{fmt(w.statement, { year })}</a>
        ))}</p>
      )}
      {data.accounts.length === 0 ? <p>{w.none}</p> : data.accounts.map((a) => (
        <div key={a.participantId}>
          <h3>{segment(a.segment)}</h3>
          <p className="big-number">{w.balance}: <strong>{rupiah(a.balance, lang)}</strong></p>
          <div className="table-wrap" role="region" aria-label={`${w.history} ${segment(a.segment)}`} tabIndex={0}>
            <table>
              <thead><tr><th scope="col">{w.date}</th><th scope="col">{w.what}</th><th scope="col" className="num">{w.amount}</th><th scope="col" className="num">{w.balance}</th></tr></thead>
              <tbody>
                {[...a.movements].reverse().slice(0, 24).map((m) => (
                  <tr key={m.entryId}>
                    <th scope="row">{formatDate(m.date, lang)}</th>
                    <td>{(w as Record<string, string>)[m.kind] ?? m.reason}</td>
                    <td className="num">{rupiah(m.amount, lang)}</td>
                    <td className="num">{rupiah(m.balance, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </section>
  );
}

function PaymentPlan({ current, onSaved }: { current: number; onSaved(): void }) {
  const w = useWords(WORDS);
  const { t } = useI18n();
  const [months, setMonths] = useState(current);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => { setMonths(current); }, [current]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(undefined);
    setProblem(undefined);
    try {
      const r = await api<{ months: number }>('/api/v1/me/payment-plan', { method: 'PUT', body: { months } });
      setMessage(fmt(w.planSaved, { n: r.months }));
      onSaved();
    } catch (err) {
      const p = problemOf(err, t('networkError'));
      setProblem([p.general, ...p.errors.map((x) => x.message)].filter(Boolean).join(' '));
    } finally {
      setBusy(false);
    }
  }
  const label = { 1: w.plan1, 3: w.plan3, 6: w.plan6, 12: w.plan12 } as Record<number, string>;
  return (
    <section aria-labelledby="plan-title">
      <h2 id="plan-title">{w.planTitle}</h2>
      <p>{w.planIntro}</p>
      {problem && <div className="error-summary" role="alert"><p>{problem}</p></div>}
      <form onSubmit={save} noValidate>
        <fieldset>
          <legend className="visually-hidden">{w.planTitle}</legend>
          {[1, 3, 6, 12].map((n) => (
            <label key={n} className="choice">
              <input type="radio" name="plan-months" value={n} checked={months === n} onChange={() => setMonths(n)} /> {label[n]}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={busy}>{busy ? w.saving : w.savePlan}</button>
      </form>
      <div role="status">{message && <p className="notice">{message}</p>}</div>
    </section>
  );
}
