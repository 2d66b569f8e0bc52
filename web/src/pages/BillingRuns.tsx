/**
 * The monthly billing: admins and supervisors start the run for a contribution month and watch it
 * work (a progress bar, polled every second); everyone on staff reads what each run issued — bills
 * per segment, lines, amounts, late fines, BPU status changes — and the bills of a run, filtered and
 * paged, each opening its own page.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { ErrorSummary, Field, type FormError } from '../components/Form.tsx';
import { LoadState } from '../components/Status.tsx';
import { SEGMENTS, useLookup } from '../domain-words.ts';
import { fmt, rupiah, useI18n, useWords } from '../i18n.tsx';
import { useApi } from '../useApi.ts';
import { BillStatusBadge, groupCode, Pager, type BillSummary } from './Bill.tsx';
import { formatDate, formatMonth, problemOf } from './MyFamily.tsx';

type Step = 'start' | 'PU' | 'BPU' | 'JAKON' | 'PMI' | 'status' | 'done';

export interface Run {
  id: number; period: string; asOf: string; status: 'running' | 'completed' | 'failed'; step: Step; done: number; total: number;
  counts: { bills?: Record<string, number>; lines?: number; amount?: number; fines?: number; statusChanges?: Record<string, number> };
  error: string | null; startedAt: string; finishedAt: string | null;
}

const WORDS = {
  title: { id: 'Tagihan iuran', en: 'Contribution bills' },
  intro: { id: 'Setiap bulan iuran ditagih sekali: satu tagihan per pemberi kerja (PU), tagihan peserta mandiri (BPU) sesuai pilihan lama bayarnya, proyek jasa konstruksi dan pekerja migran yang mulai bulan itu, serta denda keterlambatan atas tagihan sebelumnya. Menjalankan bulan yang sama dua kali tidak menambah apa pun.', en: 'Contributions are billed once a month: one bill per employer (PU), informal participants (BPU) by their chosen plan, construction projects and migrant workers starting that month, and late fines on earlier bills. Running the same month twice adds nothing.' },
  startTitle: { id: 'Jalankan penagihan', en: 'Run the billing' },
  period: { id: 'Bulan iuran', en: 'Contribution month' },
  periodHint: { id: 'Biasanya bulan yang baru saja berakhir.', en: 'Usually the month that has just ended.' },
  asOf: { id: 'Tanggal terbit (boleh dikosongkan)', en: 'Issue date (optional)' },
  asOfHint: { id: 'Kosongkan untuk hari ini. Denda keterlambatan dihitung sampai tanggal ini.', en: 'Leave empty for today. Late fines are counted up to this date.' },
  start: { id: 'Mulai penagihan', en: 'Start billing' },
  starting: { id: 'Memulai…', en: 'Starting…' },
  started: { id: 'Penagihan {period} dimulai.', en: 'Billing for {period} has started.' },
  alreadyDone: { id: 'Penagihan {period} sudah selesai sebelumnya; hasilnya ditampilkan di bawah.', en: 'Billing for {period} was already completed; its results are shown below.' },
  finished: { id: 'Penagihan {period} selesai.', en: 'Billing for {period} is complete.' },
  failedNow: { id: 'Penagihan {period} gagal.', en: 'Billing for {period} failed.' },
  readOnly: { id: 'Hanya admin dan supervisor yang dapat menjalankan penagihan. Anda dapat membaca hasilnya.', en: 'Only admins and supervisors can run the billing. You can read its results.' },
  required: { id: 'Wajib diisi.', en: 'This field is required.' },
  network: { id: 'Tidak dapat terhubung ke server. Periksa sambungan Anda lalu coba lagi.', en: 'Cannot reach the server. Check your connection and try again.' },
  runsTitle: { id: 'Penagihan bulanan', en: 'Monthly billing runs' },
  noRuns: { id: 'Belum ada penagihan.', en: 'No billing runs yet.' },
  running: { id: 'Berjalan', en: 'Running' },
  completed: { id: 'Selesai', en: 'Completed' },
  failed: { id: 'Gagal', en: 'Failed' },
  step_start: { id: 'menyiapkan', en: 'preparing' },
  step_PU: { id: 'tagihan pemberi kerja (PU)', en: 'employer bills (PU)' },
  step_BPU: { id: 'tagihan peserta mandiri (BPU)', en: 'informal participant bills (BPU)' },
  step_JAKON: { id: 'proyek jasa konstruksi', en: 'construction projects' },
  step_PMI: { id: 'pekerja migran', en: 'migrant workers' },
  step_status: { id: 'memperbarui status peserta', en: 'updating participant statuses' },
  step_done: { id: 'selesai', en: 'done' },
  progress: { id: 'Langkah: {step} — {done} dari {total} bagian', en: 'Step: {step} — {done} of {total} parts' },
  progressStarting: { id: 'Menyiapkan penagihan…', en: 'Preparing the billing…' },
  issued: { id: 'Tanggal terbit', en: 'Issue date' },
  bills: { id: 'Tagihan', en: 'Bills' },
  lines: { id: 'Baris tagihan', en: 'Bill lines' },
  amount: { id: 'Jumlah ditagih', en: 'Amount billed' },
  fines: { id: 'Denda keterlambatan', en: 'Late fines' },
  statusChanges: { id: 'Perubahan status peserta BPU', en: 'BPU participant status changes' },
  none: { id: 'tidak ada', en: 'none' },
  st_active: { id: 'aktif', en: 'active' },
  st_arrears: { id: 'menunggak', en: 'in arrears' },
  st_lapsed: { id: 'berhenti', en: 'lapsed' },
  st_pending: { id: 'menunggu pembayaran pertama', en: 'awaiting the first payment' },
  finishedAt: { id: 'Selesai {date}', en: 'Finished {date}' },
  resumeHint: { id: 'Jalankan lagi bulan yang sama untuk melanjutkan dari bagian terakhir yang tersimpan.', en: 'Run the same month again to resume from the last saved part.' },
  resume: { id: 'Lanjutkan penagihan {period}', en: 'Resume billing for {period}' },
  show: { id: 'Lihat tagihan {period}', en: 'Show the bills for {period}' },
  billsTitle: { id: 'Tagihan {period}', en: 'Bills for {period}' },
  notYet: { id: 'Tagihan tampil setelah penagihan selesai.', en: 'The bills appear once the billing is complete.' },
  segment: { id: 'Jenis peserta', en: 'Kind of participant' },
  status: { id: 'Status', en: 'Status' },
  all: { id: 'Semua', en: 'All' },
  open: { id: 'Belum dibayar', en: 'Unpaid' },
  overdue: { id: 'Lewat jatuh tempo', en: 'Overdue' },
  paid: { id: 'Lunas', en: 'Paid' },
  expired: { id: 'Kedaluwarsa', en: 'Expired' },
  payer: { id: 'Pembayar', en: 'Payer' },
  paymentCode: { id: 'Kode bayar', en: 'Payment code' },
  dueDate: { id: 'Jatuh tempo', en: 'Due date' },
  total: { id: 'Total', en: 'Total' },
  noBills: { id: 'Tidak ada tagihan yang cocok.', en: 'No bills match.' },
  billsPager: { id: 'Halaman daftar tagihan', en: 'Bill list pages' },
  billCount: { id: '{n} tagihan', en: '{n} bills' },
};

const BILL_LIMIT = 50;

/** The month before this one, as YYYY-MM: the month a run usually bills. */
function lastMonth(): string {
  const d = new Date();
  return new Date(Date.UTC(d.getFullYear(), d.getMonth() - 1, 1)).toISOString().slice(0, 7);
}

export function BillingRuns() {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const { me } = useAuth();
  const canRun = me?.role === 'admin' || me?.role === 'supervisor';
  const list = useApi<{ items: Run[] }>('/api/v1/billing/runs');
  const [fresh, setFresh] = useState<Record<number, Run>>({});
  const [tick, setTick] = useState(0);
  const [selected, setSelected] = useState<number>();
  const [message, setMessage] = useState<string>();
  const month = (p: string) => formatMonth(p, lang);

  const listed = list.data?.items ?? [];
  const extra = Object.values(fresh).filter((r) => !listed.some((x) => x.id === r.id));
  const runs = [...extra, ...listed.map((r) => fresh[r.id] ?? r)].sort((a, b) => b.period.localeCompare(a.period));
  const running = runs.filter((r) => r.status === 'running');
  const runningKey = running.map((r) => `${r.id}:${r.step}:${r.done}`).join(',');

  // while a run works, its progress is read every second
  useEffect(() => {
    if (!running.length) return;
    let live = true;
    const timer = setTimeout(async () => {
      const read = await Promise.all(running.map((r) => api<Run>(`/api/v1/billing/runs/${r.id}`).catch(() => undefined)));
      if (!live) return;
      setFresh((prev) => {
        const next = { ...prev };
        for (const r of read) if (r) next[r.id] = r;
        return next;
      });
      const ended = read.filter((r): r is Run => !!r && r.status !== 'running');
      if (ended.length) setMessage(ended.map((r) => fmt(r.status === 'completed' ? w.finished : w.failedNow, { period: month(r.period) })).join(' '));
      setTick((t) => t + 1);
    }, 1000);
    return () => { live = false; clearTimeout(timer); };
  }, [runningKey, tick]);

  const shown = runs.find((r) => r.id === selected) ?? runs.find((r) => r.status === 'completed');

  function onStarted(run: Run) {
    setFresh((prev) => ({ ...prev, [run.id]: run }));
    setSelected(run.id);
    setMessage(fmt(run.status === 'completed' ? w.alreadyDone : w.started, { period: month(run.period) }));
  }

  return (
    <>
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      {canRun ? <StartRun onStarted={onStarted} /> : <p className="notice">{w.readOnly}</p>}
      <div role="status">{message && <p className="notice">{message}</p>}</div>

      <section aria-labelledby="runs-title">
        <h2 id="runs-title">{w.runsTitle}</h2>
        <LoadState loading={list.loading && !list.data} error={list.error} />
        {list.data && (runs.length === 0 ? <p>{w.noRuns}</p> : (
          <ul className="records">
            {runs.map((r) => <RunItem key={r.id} run={r} canRun={canRun} selected={shown?.id === r.id} onSelect={() => setSelected(r.id)} onStarted={onStarted} />)}
          </ul>
        ))}
      </section>

      {shown && <RunBills key={shown.id} run={shown} />}
    </>
  );
}

function StartRun({ onStarted }: { onStarted(run: Run): void }) {
  const w = useWords(WORDS);
  const { t } = useI18n();
  const [period, setPeriod] = useState(lastMonth);
  const [asOf, setAsOf] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [general, setGeneral] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function start(e: FormEvent) {
    e.preventDefault();
    setGeneral(undefined);
    if (!period) { setErrors([{ field: 'run-period', message: w.required }]); return; }
    setErrors([]);
    setBusy(true);
    try {
      const { run } = await api<{ run: Run }>('/api/v1/billing/runs', { method: 'POST', body: { period, ...(asOf ? { asOf } : {}) } });
      onStarted(run);
    } catch (err) {
      const p = problemOf(err, t('networkError'), { period: 'run-period', asOf: 'run-as-of' });
      setErrors(p.errors);
      setGeneral(p.errors.length ? undefined : p.general);
    } finally {
      setBusy(false);
    }
  }
  const errorFor = (f: string) => errors.find((x) => x.field === f)?.message;
  return (
    <section aria-labelledby="start-title">
      <h2 id="start-title">{w.startTitle}</h2>
      <ErrorSummary errors={errors} general={general} labels={{ 'run-period': w.period, 'run-as-of': w.asOf }} />
      <form onSubmit={start} noValidate>
        <Field id="run-period" type="month" label={w.period} hint={w.periodHint} value={period} onChange={(e) => setPeriod(e.target.value)} error={errorFor('run-period')} />
        <Field id="run-as-of" type="date" label={w.asOf} hint={w.asOfHint} value={asOf} onChange={(e) => setAsOf(e.target.value)} error={errorFor('run-as-of')} />
        <button type="submit" className="primary" disabled={busy}>{busy ? w.starting : w.start}</button>
      </form>
    </section>
  );
}

function RunItem({ run, canRun, selected, onSelect, onStarted }: { run: Run; canRun: boolean; selected: boolean; onSelect(): void; onStarted(run: Run): void }) {
  const w = useWords(WORDS);
  const { lang, t } = useI18n();
  const [problem, setProblem] = useState<string>();
  const words = w as Record<string, string>;
  const period = formatMonth(run.period, lang);
  const n = (x: number) => x.toLocaleString(lang === 'id' ? 'id-ID' : 'en-US');
  const c = run.counts ?? {};
  const bills = Object.entries(c.bills ?? {}).filter(([, v]) => v > 0);
  const changes = Object.entries(c.statusChanges ?? {}).filter(([, v]) => v > 0);
  const billTotal = bills.reduce((s, [, v]) => s + v, 0);

  async function resume() {
    setProblem(undefined);
    try {
      onStarted((await api<{ run: Run }>('/api/v1/billing/runs', { method: 'POST', body: { period: run.period, asOf: run.asOf } })).run);
    } catch (err) {
      setProblem(problemOf(err, t('networkError')).general);
    }
  }

  return (
    <li>
      <h3 id={`run-${run.id}-title`} style={{ margin: '0 0 0.25rem' }}>
        {period}{' '}
        <span className={run.status === 'completed' ? 'badge' : run.status === 'failed' ? 'badge' : 'badge badge-alt'} style={run.status === 'failed' ? { background: 'var(--error)' } : undefined}>
          {words[run.status]}
        </span>
      </h3>
      {run.status === 'running' && (
        <div className="field">
          <label htmlFor={`run-${run.id}-progress`} style={{ fontWeight: 400 }}>
            {run.total > 0 ? fmt(w.progress, { step: words[`step_${run.step}`] ?? run.step, done: run.done, total: run.total }) : w.progressStarting}
          </label>
          {run.total > 0
            ? <progress id={`run-${run.id}-progress`} value={run.done} max={run.total} style={{ width: '100%', height: '1.25rem' }} />
            : <progress id={`run-${run.id}-progress`} style={{ width: '100%', height: '1.25rem' }} />}
        </div>
      )}
      {run.status === 'failed' && (
        <>
          <p className="error-message">{run.error}</p>
          {canRun && (
            <>
              <p>{w.resumeHint}</p>
              {problem && <div className="error-summary" role="alert"><p>{problem}</p></div>}
              <button type="button" onClick={() => void resume()}>{fmt(w.resume, { period })}</button>
            </>
          )}
        </>
      )}
      <dl className="facts">
        <dt>{w.issued}</dt><dd>{formatDate(run.asOf, lang)}</dd>
        {run.status === 'completed' && (
          <>
            <dt>{w.bills}</dt><dd>{bills.length ? `${fmt(w.billCount, { n: n(billTotal) })}: ${bills.map(([k, v]) => `${k} ${n(v)}`).join(', ')}` : w.none}</dd>
            <dt>{w.lines}</dt><dd>{n(c.lines ?? 0)}</dd>
            <dt>{w.amount}</dt><dd>{rupiah(c.amount ?? 0, lang)}</dd>
            <dt>{w.fines}</dt><dd>{rupiah(c.fines ?? 0, lang)}</dd>
            <dt>{w.statusChanges}</dt><dd>{changes.length ? changes.map(([k, v]) => `${words[`st_${k}`] ?? k} ${n(v)}`).join(', ') : w.none}</dd>
          </>
        )}
        {run.finishedAt && <><dt>{w.completed}</dt><dd>{formatDate(run.finishedAt, lang)}</dd></>}
      </dl>
      {run.status !== 'running' && (
        <div className="actions" style={{ marginTop: '0.5rem' }}>
          <button type="button" aria-pressed={selected} onClick={onSelect}>{fmt(w.show, { period })}</button>
        </div>
      )}
    </li>
  );
}

function RunBills({ run }: { run: Run }) {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const segment = useLookup(SEGMENTS);
  const [filter, setFilter] = useState({ segment: '', status: '' });
  const [offset, setOffset] = useState(0);
  const query = new URLSearchParams({ runId: String(run.id), limit: String(BILL_LIMIT), offset: String(offset) });
  if (filter.segment) query.set('segment', filter.segment);
  if (filter.status) query.set('status', filter.status);
  const bills = useApi<{ total: number; items: BillSummary[] }>(run.status === 'completed' ? `/api/v1/bills?${query}` : null);
  const period = formatMonth(run.period, lang);
  const set = (k: keyof typeof filter) => (e: { target: { value: string } }) => { setFilter((f) => ({ ...f, [k]: e.target.value })); setOffset(0); };

  return (
    <section aria-labelledby="run-bills-title">
      <h2 id="run-bills-title">{fmt(w.billsTitle, { period })}</h2>
      {run.status !== 'completed' ? <p>{w.notYet}</p> : (
        <>
          <div className="actions" style={{ marginTop: 0 }}>
            <div className="field" style={{ flex: '1 1 12rem', marginBottom: 0 }}>
              <label htmlFor="bills-segment">{w.segment}</label>
              <select id="bills-segment" value={filter.segment} onChange={set('segment')}>
                <option value="">{w.all}</option>
                {(['PU', 'BPU', 'JAKON', 'PMI'] as const).map((s) => <option key={s} value={s}>{s} — {segment(s)}</option>)}
              </select>
            </div>
            <div className="field" style={{ flex: '1 1 12rem', marginBottom: 0 }}>
              <label htmlFor="bills-status">{w.status}</label>
              <select id="bills-status" value={filter.status} onChange={set('status')}>
                <option value="">{w.all}</option>
                {(['open', 'overdue', 'paid', 'expired'] as const).map((s) => <option key={s} value={s}>{w[s]}</option>)}
              </select>
            </div>
          </div>
          <LoadState loading={bills.loading && !bills.data} error={bills.error} />
          {bills.data && (bills.data.items.length === 0 ? <p>{w.noBills}</p> : (
            <>
              <p>{fmt(w.billCount, { n: bills.data.total.toLocaleString(lang === 'id' ? 'id-ID' : 'en-US') })}</p>
              <div className="table-wrap" role="region" aria-labelledby="run-bills-caption" tabIndex={0}>
                <table>
                  <caption id="run-bills-caption" className="visually-hidden">{fmt(w.billsTitle, { period })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{w.payer}</th><th scope="col">{w.segment}</th><th scope="col">{w.paymentCode}</th>
                      <th scope="col">{w.dueDate}</th><th scope="col" className="num">{w.total}</th><th scope="col">{w.status}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {bills.data.items.map((b) => (
                      <tr key={b.id}>
                        <th scope="row"><Link to={`/tagihan/${b.id}`}>{b.payerName || groupCode(b.paymentCode)}</Link></th>
                        <td><abbr title={segment(b.segment)}>{b.segment}</abbr></td>
                        <td className="kpj">{groupCode(b.paymentCode)}</td>
                        <td>{formatDate(b.dueDate, lang)}</td>
                        <td className="num amount">{rupiah(b.totalAmount, lang)}</td>
                        <td><BillStatusBadge status={b.status} overdue={b.overdue} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager label={w.billsPager} offset={offset} limit={BILL_LIMIT} total={bills.data.total} onChange={setOffset} />
            </>
          ))}
        </>
      )}
    </section>
  );
}
