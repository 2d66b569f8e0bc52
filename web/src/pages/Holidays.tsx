/**
 * The holiday calendar that due dates move past: a year's holidays and, month by month, when PU and
 * BPU bills fall due. Admins change the calendar with maker-checker: one proposes adding or removing a
 * day with its decree, another approves or rejects it.
 */
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { ErrorSummary, Field, type FormError } from '../components/Form.tsx';
import { DecisionControls, useProposalDecisions, type Decision } from '../components/ProposalDecision.tsx';
import { LoadState } from '../components/Status.tsx';
import { fmt, useI18n, useWords } from '../i18n.tsx';
import { useApi } from '../useApi.ts';
import { formatDate, formatMonth, formatWeekdayDate, problemOf } from './MyFamily.tsx';

interface Holiday { day: string; nameId: string; nameEn: string; legalBasis: string }
interface Calendar { year: number; years: number[]; holidays: Holiday[]; dueDates: { period: string; pu: string; bpu: string }[] }
interface HolidayProposal {
  id: number; action: 'add' | 'remove'; day: string; nameId: string | null; nameEn: string | null; legalBasis: string;
  status: 'pending' | 'approved' | 'rejected'; proposedBy: { id: number; name: string }; proposedAt: string;
}

const WORDS = {
  title: { id: 'Kalender hari libur', en: 'Holiday calendar' },
  intro: { id: 'Jatuh tempo yang jatuh pada hari Sabtu, Minggu, atau hari libur di bawah ini bergeser ke hari kerja berikutnya, dan denda baru dihitung sesudahnya. Tagihan yang sudah terbit tetap memakai jatuh tempo yang tertulis padanya.', en: 'A due date on a Saturday, a Sunday or a holiday below moves to the next working day, and fines start only after it. Bills already issued keep the due date printed on them.' },
  previousYear: { id: '‹ {year}', en: '‹ {year}' },
  nextYear: { id: '{year} ›', en: '{year} ›' },
  yearNav: { id: 'Pilih tahun', en: 'Choose a year' },
  holidaysTitle: { id: 'Hari libur {year}', en: 'Holidays in {year}' },
  none: { id: 'Belum ada hari libur yang tercatat untuk {year}.', en: 'No holidays are recorded for {year} yet.' },
  day: { id: 'Tanggal', en: 'Date' },
  name: { id: 'Nama', en: 'Name' },
  legalBasis: { id: 'Dasar hukum', en: 'Legal basis' },
  weekend: { id: 'akhir pekan', en: 'weekend' },
  proposeRemoval: { id: 'Usulkan hapus', en: 'Propose removal' },
  dueTitle: { id: 'Jatuh tempo {year}', en: 'Due dates in {year}' },
  dueIntro: { id: 'Menurut aturan iuran dan kalender ini: BPU tanggal 15 bulan yang sama, PU tanggal 15 bulan berikutnya.', en: 'By the contribution rules and this calendar: BPU on the 15th of the same month, PU on the 15th of the next month.' },
  download: { id: 'Masukkan ke aplikasi kalender (ICS):', en: 'Add to a calendar app (ICS):' },
  downloadAll: { id: 'jatuh tempo PU dan BPU serta hari libur {year}', en: 'PU and BPU due dates and holidays, {year}' },
  downloadSegment: { id: 'hanya {segment}', en: '{segment} only' },
  month: { id: 'Bulan iuran', en: 'Contribution month' },
  bpuDue: { id: 'Jatuh tempo BPU', en: 'BPU due' },
  puDue: { id: 'Jatuh tempo PU', en: 'PU due' },
  moved: { id: 'bergeser', en: 'moved' },
  proposalsTitle: { id: 'Usulan menunggu persetujuan', en: 'Proposals waiting for approval' },
  proposalsIntro: { id: 'Perubahan berlaku setelah disetujui admin lain, bukan pengusulnya. Setiap keputusan tercatat dalam jejak audit.', en: 'A change takes effect once another admin, not its proposer, approves it. Every decision is recorded in the audit trail.' },
  noProposals: { id: 'Tidak ada usulan yang menunggu.', en: 'No proposals are waiting.' },
  proposalAdd: { id: 'Usulan #{id}: tambah {date}', en: 'Proposal #{id}: add {date}' },
  proposalRemove: { id: 'Usulan #{id}: hapus {date}', en: 'Proposal #{id}: remove {date}' },
  proposedBy: { id: 'Diusulkan oleh', en: 'Proposed by' },
  ownProposal: { id: 'Ini usulan Anda; admin lain yang memutuskannya.', en: 'This is your proposal; another admin decides it.' },
  readOnly: { id: 'Hanya admin yang dapat memutuskan usulan. Anda dapat melihatnya.', en: 'Only admins can decide proposals. You can see them.' },
  approved: { id: 'Usulan #{id} disetujui; kalender sudah berubah.', en: 'Proposal #{id} approved; the calendar has changed.' },
  rejected: { id: 'Usulan #{id} ditolak.', en: 'Proposal #{id} rejected.' },
  proposeTitle: { id: 'Usulkan perubahan', en: 'Propose a change' },
  proposeIntro: { id: 'Sebutkan keputusan yang menetapkannya (SKB 3 Menteri, Keputusan Presiden). Cuti bersama bukan hari libur untuk pembayaran.', en: 'Name the decree that sets it (joint decree of three ministers, presidential decree). Collective leave days are not holidays for payments.' },
  action: { id: 'Perubahan', en: 'Change' },
  actionAdd: { id: 'Tambah hari libur', en: 'Add a holiday' },
  actionRemove: { id: 'Hapus hari libur', en: 'Remove a holiday' },
  nameId: { id: 'Nama (Bahasa Indonesia)', en: 'Name (Indonesian)' },
  nameEn: { id: 'Nama (Bahasa Inggris)', en: 'Name (English)' },
  legalBasisHint: { id: 'Misalnya SKB 3 Menteri 2027.', en: 'For example SKB 3 Menteri 2027.' },
  submit: { id: 'Kirim usulan', en: 'Send the proposal' },
  sending: { id: 'Mengirim…', en: 'Sending…' },
  sent: { id: 'Usulan #{id} terkirim. Admin lain harus menyetujuinya sebelum berlaku.', en: 'Proposal #{id} sent. Another admin must approve it before it is in force.' },
  required: { id: 'Wajib diisi.', en: 'This field is required.' },
};

const EMPTY_FORM = { action: 'add' as 'add' | 'remove', day: '', nameId: '', nameEn: '', legalBasis: '' };
const thisYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format(new Date()));
const isWeekend = (iso: string) => [0, 6].includes(new Date(`${iso}T00:00:00Z`).getUTCDay());

export function Holidays() {
  const w = useWords(WORDS);
  const { lang, t } = useI18n();
  const { me } = useAuth();
  const [params] = useSearchParams();
  const year = /^\d{4}$/.test(params.get('tahun') ?? '') ? Number(params.get('tahun')) : thisYear();
  const isAdmin = me?.role === 'admin';
  const calendar = useApi<Calendar>(`/api/v1/holidays?year=${year}`);
  const proposals = useApi<{ items: HolidayProposal[] }>(isAdmin || me?.role === 'auditor' ? '/api/v1/holidays/proposals?status=pending' : null);
  const [message, setMessage] = useState<string>();
  const decisions = useProposalDecisions();
  const [form, setForm] = useState(EMPTY_FORM);
  const [formErrors, setFormErrors] = useState<FormError[]>([]);
  const [formGeneral, setFormGeneral] = useState<string>();
  const [sending, setSending] = useState(false);
  const nameOf = (h: { nameId: string | null; nameEn: string | null }) => (lang === 'id' ? h.nameId : h.nameEn) ?? '';
  const errorOf = (field: string) => formErrors.find((e) => e.field === field)?.message;

  function proposeRemoval(day: string) {
    setForm({ ...EMPTY_FORM, action: 'remove', day });
    setFormErrors([]);
    document.getElementById('legalBasis')?.focus();
  }

  async function propose(e: FormEvent) {
    e.preventDefault();
    setFormErrors([]);
    setFormGeneral(undefined);
    setMessage(undefined);
    const needed = form.action === 'add' ? (['day', 'nameId', 'nameEn', 'legalBasis'] as const) : (['day', 'legalBasis'] as const);
    const missing = needed.filter((k) => !form[k].trim()).map((k) => ({ field: k, message: w.required }));
    if (missing.length) { setFormErrors(missing); return; }
    setSending(true);
    try {
      const body = form.action === 'add'
        ? { action: 'add', day: form.day, nameId: form.nameId.trim(), nameEn: form.nameEn.trim(), legalBasis: form.legalBasis.trim() }
        : { action: 'remove', day: form.day, legalBasis: form.legalBasis.trim() };
      const created = await api<HolidayProposal>('/api/v1/holidays/proposals', { method: 'POST', body });
      setMessage(fmt(w.sent, { id: created.id }));
      setForm(EMPTY_FORM);
      proposals.reload();
    } catch (err) {
      const p = problemOf(err, t('networkError'));
      setFormErrors(p.errors);
      setFormGeneral(p.errors.length ? undefined : p.general);
    } finally {
      setSending(false);
    }
  }

  function decide(p: HolidayProposal, decision: Decision) {
    setMessage(undefined);
    void decisions.decide(p.id, decision, async (note) => {
      await api(`/api/v1/holidays/proposals/${p.id}/${decision}`, { method: 'POST', body: decision === 'approve' ? { note: note || null } : { note } });
      setMessage(fmt(decision === 'approve' ? w.approved : w.rejected, { id: p.id }));
      proposals.reload();
      calendar.reload();
    });
  }

  const data = calendar.data;
  const pending = proposals.data?.items;
  return (
    <>
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      <nav aria-label={w.yearNav} className="actions">
        <Link to={`?tahun=${year - 1}`}>{fmt(w.previousYear, { year: year - 1 })}</Link>
        <strong aria-current="page">{year}</strong>
        <Link to={`?tahun=${year + 1}`}>{fmt(w.nextYear, { year: year + 1 })}</Link>
      </nav>
      <div role="status">{message && <p className="notice">{message}</p>}</div>
      {pending && (
        <section aria-labelledby="proposals-title">
          <h2 id="proposals-title">{w.proposalsTitle}</h2>
          <p>{w.proposalsIntro}</p>
          {!isAdmin && <p className="notice">{w.readOnly}</p>}
          {decisions.problem && <div className="error-summary" role="alert"><p>{decisions.problem}</p></div>}
          {pending.length === 0 ? <p>{w.noProposals}</p> : (
            <ul className="queue">
              {pending.map((p) => (
                <li key={p.id} className="candidate">
                  <h3 id={`proposal-${p.id}`}>{fmt(p.action === 'add' ? w.proposalAdd : w.proposalRemove, { id: p.id, date: formatWeekdayDate(p.day, lang) })}</h3>
                  <dl className="facts">
                    {p.action === 'add' && <><dt>{w.name}</dt><dd>{nameOf(p)}</dd></>}
                    <dt>{w.legalBasis}</dt><dd>{p.legalBasis}</dd>
                    <dt>{w.proposedBy}</dt><dd>{p.proposedBy.name}, {formatDate(p.proposedAt, lang)}</dd>
                  </dl>
                  {isAdmin && (me?.id === p.proposedBy.id ? <p className="notice">{w.ownProposal}</p>
                    : <DecisionControls id={p.id} describedBy={`proposal-${p.id}`} decisions={decisions} onDecide={(d) => decide(p, d)} />)}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <LoadState loading={calendar.loading && !data} error={calendar.error} />
      {data && (
        <>
          <section aria-labelledby="holidays-title">
            <h2 id="holidays-title">{fmt(w.holidaysTitle, { year })}</h2>
            {data.holidays.length === 0 ? <p>{fmt(w.none, { year })}</p> : (
              <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="holidays-title">
                <table>
                  <thead><tr><th scope="col">{w.day}</th><th scope="col">{w.name}</th><th scope="col">{w.legalBasis}</th>{isAdmin && <td />}</tr></thead>
                  <tbody>
                    {data.holidays.map((h) => (
                      <tr key={h.day}>
                        <th scope="row">{formatWeekdayDate(h.day, lang)}{isWeekend(h.day) && <> <span className="badge badge-alt">{w.weekend}</span></>}</th>
                        <td>{nameOf(h)}</td>
                        <td>{h.legalBasis}</td>
                        {isAdmin && <td><button type="button" onClick={() => proposeRemoval(h.day)} aria-label={`${w.proposeRemoval}: ${formatDate(h.day, lang)}`}>{w.proposeRemoval}</button></td>}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section aria-labelledby="due-title">
            <h2 id="due-title">{fmt(w.dueTitle, { year })}</h2>
            <p>{w.dueIntro}</p>
            <p>
              {w.download}{' '}
              <a href={`/api/v1/holidays/calendar.ics?year=${year}&lang=${lang}`} download>{fmt(w.downloadAll, { year })}</a>
              {(['PU', 'BPU'] as const).map((segment) => (
                <span key={segment}> · <a href={`/api/v1/holidays/calendar.ics?year=${year}&segment=${segment}&lang=${lang}`} download>{fmt(w.downloadSegment, { segment })}</a></span>
              ))}
            </p>
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="due-title">
              <table>
                <thead><tr><th scope="col">{w.month}</th><th scope="col">{w.bpuDue}</th><th scope="col">{w.puDue}</th></tr></thead>
                <tbody>
                  {data.dueDates.map((d) => (
                    <tr key={d.period}>
                      <th scope="row">{formatMonth(d.period, lang)}</th>
                      {[d.bpu, d.pu].map((due, i) => (
                        <td key={i}>{formatWeekdayDate(due, lang)}{!due.endsWith('-15') && <> <span className="badge">{w.moved}</span></>}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
      {isAdmin && (
        <section aria-labelledby="propose-title" className="narrow">
          <h2 id="propose-title">{w.proposeTitle}</h2>
          <p>{w.proposeIntro}</p>
          <ErrorSummary errors={formErrors} general={formGeneral} labels={{ action: w.action, day: w.day, nameId: w.nameId, nameEn: w.nameEn, legalBasis: w.legalBasis }} />
          <form onSubmit={propose} noValidate>
            <fieldset className="choices" id="action">
              <legend>{w.action}</legend>
              {(['add', 'remove'] as const).map((a) => (
                <label key={a} className="choice">
                  <input type="radio" name="action" value={a} checked={form.action === a} onChange={() => setForm((f) => ({ ...f, action: a }))} />
                  {a === 'add' ? w.actionAdd : w.actionRemove}
                </label>
              ))}
            </fieldset>
            <Field id="day" type="date" label={w.day} value={form.day} onChange={(e) => setForm((f) => ({ ...f, day: e.target.value }))} error={errorOf('day')} />
            {form.action === 'add' && (
              <>
                <Field id="nameId" label={w.nameId} value={form.nameId} onChange={(e) => setForm((f) => ({ ...f, nameId: e.target.value }))} error={errorOf('nameId')} maxLength={200} />
                <Field id="nameEn" label={w.nameEn} value={form.nameEn} onChange={(e) => setForm((f) => ({ ...f, nameEn: e.target.value }))} error={errorOf('nameEn')} maxLength={200} />
              </>
            )}
            <Field id="legalBasis" label={w.legalBasis} hint={w.legalBasisHint} value={form.legalBasis} onChange={(e) => setForm((f) => ({ ...f, legalBasis: e.target.value }))} error={errorOf('legalBasis')} maxLength={500} />
            <button type="submit" className="primary" disabled={sending}>{sending ? w.sending : w.submit}</button>
          </form>
        </section>
      )}
    </>
  );
}
