/**
 * The yearly JHT return (DECISIONS.md D13, D14): an admin declares a year's rate with its legal basis,
 * and after 31 December credits it to every participant's JHT account, watching the run's progress
 * (polled every second). Auditors read the years, their rates and what each run credited.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { ErrorSummary, Field, type FormError } from '../components/Form.tsx';
import { LoadState } from '../components/Status.tsx';
import { fmt, rupiah, useI18n, useWords } from '../i18n.tsx';
import { useApi } from '../useApi.ts';
import { formatDate, problemOf } from './MyFamily.tsx';

interface CreditRun {
  year: number; status: 'running' | 'completed' | 'failed'; done: number; total: number; credited: number; amount: number;
  error: string | null; stalled: boolean; startedAt: string; finishedAt: string | null;
}
interface JhtYear { year: number; rate: string; legalBasis: string; declaredAt: string; run: CreditRun | null }

const WORDS = {
  title: { id: 'Hasil pengembangan JHT', en: 'JHT returns' },
  intro: {
    id: 'Saldo JHT setiap peserta bertambah dengan hasil pengembangan: setiap akhir bulan saldonya mendapat tingkat hasil setahun dibagi 12, dan jumlahnya dikreditkan sekali setelah 31 Desember. Admin menetapkan tingkat setiap tahun, lalu mengkreditkannya ke semua akun JHT sekaligus.',
    en: "Every participant's JHT balance grows by a yearly return: each month-end balance earns the year's rate divided by 12, and the sum is credited once after 31 December. An admin declares each year's rate, then credits it to every JHT account at once.",
  },
  readOnly: { id: 'Hanya admin yang menetapkan tingkat dan mengkreditkan hasil. Anda dapat membaca hasilnya.', en: 'Only admins declare rates and credit returns. You can read the results.' },
  declareTitle: { id: 'Tetapkan tingkat hasil', en: 'Declare a rate' },
  declareIntro: { id: 'Tingkat masih dapat dikoreksi sampai pengkreditan tahun itu dimulai.', en: "A rate can be corrected until that year's crediting starts." },
  year: { id: 'Tahun', en: 'Year' },
  rate: { id: 'Tingkat hasil (% setahun)', en: 'Rate (% a year)' },
  rateHint: { id: 'Misalnya 5,63. Paling banyak empat angka di belakang koma.', en: 'For example 5.63. At most four decimals.' },
  legalBasis: { id: 'Dasar hukum', en: 'Legal basis' },
  legalBasisHint: { id: 'Misalnya keputusan direksi yang menetapkan tingkat hasil.', en: 'For example the board decision that sets the rate.' },
  save: { id: 'Simpan tingkat', en: 'Save the rate' },
  saving: { id: 'Menyimpan…', en: 'Saving…' },
  saved: { id: 'Tingkat hasil {year} disimpan: {rate}% setahun.', en: 'The {year} rate is saved: {rate}% a year.' },
  required: { id: 'Wajib diisi.', en: 'This field is required.' },
  yearInvalid: { id: 'Isi tahun empat angka antara 2000 dan 2100.', en: 'Enter a four-digit year from 2000 to 2100.' },
  rateInvalid: { id: 'Isi angka persen, misalnya 5,63, paling banyak empat angka di belakang koma.', en: 'Enter a percentage such as 5.63, with at most four decimals.' },
  yearsTitle: { id: 'Tingkat dan pengkreditan per tahun', en: 'Rates and crediting by year' },
  noYears: { id: 'Belum ada tingkat hasil yang ditetapkan.', en: 'No rate has been declared yet.' },
  perYear: { id: '{rate}% setahun', en: '{rate}% a year' },
  declaredOn: { id: 'Ditetapkan {date}', en: 'Declared {date}' },
  notOver: { id: 'Dapat dikreditkan setelah 31 Desember {year}.', en: 'Can be credited after 31 December {year}.' },
  notStarted: { id: 'Belum dikreditkan.', en: 'Not credited yet.' },
  credit: { id: 'Kreditkan hasil {year}', en: 'Credit the {year} return' },
  confirm: { id: 'Kreditkan hasil JHT {year} sebesar {rate}% setahun ke setiap akun JHT? Setelah dimulai, tingkatnya tidak dapat diubah lagi.', en: 'Credit the {year} JHT return of {rate}% a year to every JHT account? Once started, the rate can no longer change.' },
  confirmYes: { id: 'Ya, kreditkan', en: 'Yes, credit it' },
  cancel: { id: 'Batal', en: 'Cancel' },
  starting: { id: 'Memulai…', en: 'Starting…' },
  progress: { id: 'Mengkreditkan: {done} dari {total} akun', en: 'Crediting: {done} of {total} accounts' },
  completed: { id: '{credited} dari {total} akun menerima hasil, seluruhnya {amount}. Selesai {date}.', en: '{credited} of {total} accounts received a return, {amount} in all. Finished {date}.' },
  failed: { id: 'Pengkreditan terhenti: {error}', en: 'Crediting stopped: {error}' },
  stalled: { id: 'Pengkreditan terhenti setelah {done} dari {total} akun: prosesnya tidak lagi berjalan.', en: 'Crediting stopped after {done} of {total} accounts: its process is no longer running.' },
  resume: { id: 'Lanjutkan pengkreditan {year}', en: 'Resume crediting {year}' },
  startedMsg: { id: 'Pengkreditan hasil {year} dimulai.', en: 'Crediting the {year} return has started.' },
  finishedMsg: { id: 'Pengkreditan hasil {year} selesai.', en: 'Crediting the {year} return is complete.' },
};

const thisYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format(new Date()));

export function JhtReturns() {
  const w = useWords(WORDS);
  const { me } = useAuth();
  const isAdmin = me?.role === 'admin';
  const years = useApi<{ items: JhtYear[] }>('/api/v1/jht/years');
  const [message, setMessage] = useState<string>();
  const [watching, setWatching] = useState<number[]>([]);
  const items = years.data?.items ?? [];
  const running = items.filter((y) => y.run?.status === 'running' && !y.run.stalled).map((y) => `${y.year}:${y.run!.done}`).join(',');

  // while a year is being credited, the list is read again every second
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(years.reload, 1000);
    return () => clearTimeout(timer);
  }, [running, years.data]);

  // a run this screen started and that has ended is announced once
  useEffect(() => {
    const ended = items.filter((y) => watching.includes(y.year) && y.run && y.run.status !== 'running');
    if (!ended.length) return;
    setWatching((ws) => ws.filter((x) => !ended.some((y) => y.year === x)));
    setMessage(ended.map((y) => (y.run!.status === 'completed' ? fmt(w.finishedMsg, { year: y.year }) : fmt(w.failed, { error: y.run!.error ?? '' }))).join(' '));
  }, [years.data]);

  function started(year: number) {
    setWatching((ws) => [...ws, year]);
    setMessage(fmt(w.startedMsg, { year }));
    years.reload();
  }

  return (
    <>
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      {!isAdmin && <p className="notice">{w.readOnly}</p>}
      <div role="status">{message && <p className="notice">{message}</p>}</div>
      <section aria-labelledby="years-title">
        <h2 id="years-title">{w.yearsTitle}</h2>
        <LoadState loading={years.loading && !years.data} error={years.error} />
        {years.data && (items.length === 0 ? <p>{w.noYears}</p> : (
          <ul className="records">
            {items.map((y) => <YearItem key={y.year} item={y} canCredit={isAdmin} onStarted={started} />)}
          </ul>
        ))}
      </section>
      {isAdmin && <DeclareRate onSaved={(year, rate) => { setMessage(fmt(w.saved, { year, rate })); years.reload(); }} />}
    </>
  );
}

function YearItem({ item, canCredit, onStarted }: { item: JhtYear; canCredit: boolean; onStarted(year: number): void }) {
  const w = useWords(WORDS);
  const { lang, t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const { year, run } = item;
  const rate = lang === 'id' ? item.rate.replace('.', ',') : item.rate;
  const over = year < thisYear();

  async function credit() {
    setBusy(true);
    setProblem(undefined);
    try {
      await api('/api/v1/jht/credit-runs', { method: 'POST', body: { year } });
      setConfirming(false);
      onStarted(year);
    } catch (err) {
      setProblem(problemOf(err, t('networkError')).general);
    } finally {
      setBusy(false);
    }
  }

  const creditButton = (label: string) => (confirming ? (
    <div className="notice" role="group" aria-label={label}>
      <p>{fmt(w.confirm, { year, rate })}</p>
      <button type="button" className="primary" disabled={busy} onClick={credit}>{busy ? w.starting : w.confirmYes}</button>{' '}
      <button type="button" onClick={() => setConfirming(false)}>{w.cancel}</button>
    </div>
  ) : <button type="button" className="primary" onClick={() => setConfirming(true)}>{label}</button>);

  return (
    <li>
      <h3>{year} · {fmt(w.perYear, { rate })}</h3>
      <p>{w.legalBasis}: {item.legalBasis} · {fmt(w.declaredOn, { date: formatDate(item.declaredAt, lang) })}</p>
      {!run && (!over ? <p className="muted">{fmt(w.notOver, { year })}</p> : (
        <>
          <p>{w.notStarted}</p>
          {canCredit && creditButton(fmt(w.credit, { year }))}
        </>
      ))}
      {run?.status === 'running' && !run.stalled && (
        <>
          <label htmlFor={`jht-${year}-progress`} style={{ fontWeight: 400 }}>{fmt(w.progress, { done: run.done.toLocaleString(lang), total: run.total.toLocaleString(lang) })}</label>
          <progress id={`jht-${year}-progress`} value={run.done} max={Math.max(run.total, 1)} style={{ width: '100%', height: '1.25rem' }} />
        </>
      )}
      {run?.status === 'completed' && (
        <p>{fmt(w.completed, { credited: run.credited.toLocaleString(lang), total: run.total.toLocaleString(lang), amount: rupiah(run.amount, lang), date: formatDate(run.finishedAt ?? run.startedAt, lang) })}</p>
      )}
      {(run?.status === 'failed' || run?.stalled) && (
        <>
          <p className="error-message">{run.stalled ? fmt(w.stalled, { done: run.done.toLocaleString(lang), total: run.total.toLocaleString(lang) }) : fmt(w.failed, { error: run.error ?? '' })}</p>
          {canCredit && creditButton(fmt(w.resume, { year }))}
        </>
      )}
      {problem && <div className="error-summary" role="alert"><p>{problem}</p></div>}
    </li>
  );
}

function DeclareRate({ onSaved }: { onSaved(year: number, rate: string): void }) {
  const w = useWords(WORDS);
  const { t, lang } = useI18n();
  const [form, setForm] = useState({ year: String(thisYear()), rate: '', legalBasis: '' });
  const [errors, setErrors] = useState<FormError[]>([]);
  const [general, setGeneral] = useState<string>();
  const [busy, setBusy] = useState(false);
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;

  async function save(e: FormEvent) {
    e.preventDefault();
    setGeneral(undefined);
    const rate = form.rate.trim().replace(',', '.');
    const found: FormError[] = [];
    if (!/^\d{4}$/.test(form.year) || Number(form.year) < 2000 || Number(form.year) > 2100) found.push({ field: 'jht-year', message: w.yearInvalid });
    if (!rate) found.push({ field: 'jht-rate', message: w.required });
    else if (!/^\d{1,2}(\.\d{1,4})?$/.test(rate)) found.push({ field: 'jht-rate', message: w.rateInvalid });
    if (!form.legalBasis.trim()) found.push({ field: 'jht-basis', message: w.required });
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      await api(`/api/v1/jht/rates/${form.year}`, { method: 'PUT', body: { rate, legalBasis: form.legalBasis.trim() } });
      onSaved(Number(form.year), lang === 'id' ? rate.replace('.', ',') : rate);
      setForm((f) => ({ ...f, rate: '', legalBasis: '' }));
    } catch (err) {
      const p = problemOf(err, t('networkError'), { year: 'jht-year', rate: 'jht-rate', legalBasis: 'jht-basis' });
      setErrors(p.errors);
      setGeneral(p.errors.length ? undefined : p.general);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="declare-title" className="narrow">
      <h2 id="declare-title">{w.declareTitle}</h2>
      <p>{w.declareIntro}</p>
      <ErrorSummary errors={errors} general={general} labels={{ 'jht-year': w.year, 'jht-rate': w.rate, 'jht-basis': w.legalBasis }} />
      <form onSubmit={save} noValidate>
        <Field id="jht-year" inputMode="numeric" label={w.year} value={form.year} onChange={(e) => setForm((f) => ({ ...f, year: e.target.value }))} error={errorOf('jht-year')} maxLength={4} />
        <Field id="jht-rate" inputMode="decimal" label={w.rate} hint={w.rateHint} value={form.rate} onChange={(e) => setForm((f) => ({ ...f, rate: e.target.value }))} error={errorOf('jht-rate')} maxLength={8} />
        <Field id="jht-basis" label={w.legalBasis} hint={w.legalBasisHint} value={form.legalBasis} onChange={(e) => setForm((f) => ({ ...f, legalBasis: e.target.value }))} error={errorOf('jht-basis')} maxLength={300} />
        <button type="submit" className="primary" disabled={busy}>{busy ? w.saving : w.save}</button>
      </form>
    </section>
  );
}
