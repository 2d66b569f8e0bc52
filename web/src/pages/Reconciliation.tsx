/**
 * Reconciliation for branch officers: import a bank's daily statement (camt.053 or CSV), read the day's
 * report per channel, and work the exceptions queue: one officer proposes what to do with a line, a
 * second officer approves or rejects it. Nothing is posted before the second officer approves.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { ErrorSummary, Field, type FormError } from '../components/Form.tsx';
import { LoadState } from '../components/Status.tsx';
import { fmt, rupiah, useI18n, useWords } from '../i18n.tsx';
import { useApi } from '../useApi.ts';
import { formatDate, problemOf } from './MyFamily.tsx';

interface Exception {
  id: number; kind: Kind; detail: string; status: 'open' | 'proposed' | 'resolved'; action: string | null; bill_id: number | null; note: string | null;
  proposed_by: number | null; bank_ref: string; booking_date: string; amount: number; payment_code: string | null; partner: string;
}
type Kind = 'missing_notification' | 'unknown_code' | 'amount_mismatch' | 'duplicate';
interface ImportResult { statementId: number; replayed: boolean; lines: number; matched: number; ignored: number; exceptions: Record<string, number> }
interface ReportRow { channel: string; statements: number; credits: number; credited: number; matched: number; matchedAmount: number; open: number; resolved: number }

const WORDS = {
  title: { id: 'Rekonsiliasi bank', en: 'Bank reconciliation' },
  intro: { id: 'Impor rekening koran harian dari bank mitra. Setiap baris kredit dicocokkan dengan notifikasi pembayaran; yang tidak cocok masuk antrean untuk diselesaikan oleh dua petugas.', en: 'Import the daily statement from a partner bank. Each credit line is matched to a payment notification; what does not match goes to a queue that two officers settle.' },
  importTitle: { id: 'Impor rekening koran', en: 'Import a statement' },
  partner: { id: 'Bank mitra', en: 'Partner bank' },
  channel: { id: 'Kanal', en: 'Channel' },
  virtual_account: { id: 'Virtual account', en: 'Virtual account' },
  qris: { id: 'QRIS', en: 'QRIS' },
  file: { id: 'Berkas (camt.053 XML atau CSV)', en: 'File (camt.053 XML or CSV)' },
  importButton: { id: 'Impor', en: 'Import' },
  required: { id: 'Wajib diisi.', en: 'Required.' },
  imported: { id: 'Rekening koran diimpor: {lines} baris, {matched} cocok, {ignored} debit diabaikan, {exceptions} masuk antrean.', en: 'Statement imported: {lines} lines, {matched} matched, {ignored} debits ignored, {exceptions} queued.' },
  replayed: { id: 'Rekening koran ini sudah diimpor sebelumnya; tidak ada yang berubah.', en: 'This statement was already imported; nothing changed.' },
  reportTitle: { id: 'Laporan harian', en: 'Daily report' },
  date: { id: 'Tanggal', en: 'Date' },
  credits: { id: 'Baris kredit', en: 'Credit lines' },
  credited: { id: 'Uang masuk', en: 'Money in' },
  matched: { id: 'Cocok', en: 'Matched' },
  openCount: { id: 'Belum selesai', en: 'Open' },
  resolvedCount: { id: 'Selesai', en: 'Resolved' },
  noReport: { id: 'Belum ada rekening koran untuk tanggal ini.', en: 'No statement for this date yet.' },
  queueTitle: { id: 'Antrean pengecualian', en: 'Exceptions queue' },
  empty: { id: 'Tidak ada pengecualian yang menunggu.', en: 'No exceptions waiting.' },
  missing_notification: { id: 'Uang masuk tanpa notifikasi', en: 'Money without a notification' },
  unknown_code: { id: 'Kode bayar tidak dikenal', en: 'Unknown payment code' },
  amount_mismatch: { id: 'Jumlah berbeda dari notifikasi', en: 'Amount differs from the notification' },
  duplicate: { id: 'Tercatat dua kali', en: 'Booked twice' },
  amount: { id: 'Jumlah', en: 'Amount' },
  bankRef: { id: 'Referensi bank', en: 'Bank reference' },
  propose: { id: 'Usulkan', en: 'Propose' },
  postPayment: { id: 'Catat sebagai pembayaran tagihan', en: 'Post as a payment of a bill' },
  noPosting: { id: 'Tidak dicatat (dengan alasan)', en: 'No posting (with a reason)' },
  billId: { id: 'Nomor tagihan', en: 'Bill number' },
  note: { id: 'Catatan', en: 'Note' },
  proposed: { id: 'Diusulkan: {action}. {note}', en: 'Proposed: {action}. {note}' },
  waiting: { id: 'Menunggu persetujuan petugas lain.', en: 'Waiting for another officer to approve.' },
  approve: { id: 'Setujui', en: 'Approve' },
  reject: { id: 'Tolak', en: 'Reject' },
  network: { id: 'Tidak dapat menghubungi server. Coba lagi.', en: 'Cannot reach the server. Try again.' },
};

export function Reconciliation() {
  const w = useWords(WORDS);
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const queue = useApi<{ items: Exception[] }>('/api/v1/reconciliation/exceptions');
  const report = useApi<{ channels: ReportRow[] }>(`/api/v1/reconciliation/report?date=${date}`);
  const refresh = () => { queue.reload(); report.reload(); };
  return (
    <>
      <h1>{w.title}</h1>
      <p className="lead">{w.intro}</p>
      <ImportForm onImported={refresh} />
      <section aria-labelledby="report-title">
        <h2 id="report-title">{w.reportTitle}</h2>
        <Field id="report-date" label={w.date} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        <Report rows={report.data?.channels} />
      </section>
      <section aria-labelledby="queue-title">
        <h2 id="queue-title">{w.queueTitle}</h2>
        <LoadState loading={queue.loading && !queue.data} error={queue.error} />
        {queue.data && (queue.data.items.filter((e) => e.status !== 'resolved').length === 0 ? <p>{w.empty}</p> : (
          <ul className="cards">
            {queue.data.items.filter((e) => e.status !== 'resolved').map((e) => <ExceptionCard key={e.id} e={e} onDone={refresh} />)}
          </ul>
        ))}
      </section>
    </>
  );
}

function ImportForm({ onImported }: { onImported: () => void }) {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const partners = useApi<{ items: { id: number; name: string }[] }>('/api/v1/payment-partners');
  const [partnerId, setPartnerId] = useState('');
  const [channel, setChannel] = useState<'virtual_account' | 'qris'>('virtual_account');
  const [file, setFile] = useState<File>();
  const [errors, setErrors] = useState<FormError[]>([]);
  const [general, setGeneral] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setMessage(undefined);
    setGeneral(undefined);
    const missing: FormError[] = [];
    if (!partnerId) missing.push({ field: 'rec-partner', message: w.required });
    if (!file) missing.push({ field: 'rec-file', message: w.required });
    setErrors(missing);
    if (missing.length || !file) return;
    setBusy(true);
    try {
      const r = await api<ImportResult>('/api/v1/reconciliation/statements', { method: 'POST', body: { partnerId: Number(partnerId), channel, filename: file.name, content: await file.text() } });
      const queued = Object.values(r.exceptions).reduce((s, n) => s + n, 0);
      setMessage(r.replayed ? w.replayed : fmt(w.imported, { lines: r.lines, matched: r.matched, ignored: r.ignored, exceptions: queued }));
      onImported();
    } catch (err) {
      const p = problemOf(err, w.network, {});
      const problems = (err as { problem?: { problems?: { message: { id: string; en: string } }[] } }).problem?.problems;
      setGeneral([p.general, ...(problems ?? []).slice(0, 5).map((x) => x.message[lang])].filter(Boolean).join(' '));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">{w.importTitle}</h2>
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} general={general} />
        <div className={`field${errors.some((x) => x.field === 'rec-partner') ? ' field-error' : ''}`}>
          <label htmlFor="rec-partner">{w.partner}</label>
          <select id="rec-partner" value={partnerId} onChange={(e) => setPartnerId(e.target.value)}>
            <option value="" />
            {partners.data?.items.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="rec-channel">{w.channel}</label>
          <select id="rec-channel" value={channel} onChange={(e) => setChannel(e.target.value as 'virtual_account' | 'qris')}>
            <option value="virtual_account">{w.virtual_account}</option>
            <option value="qris">{w.qris}</option>
          </select>
        </div>
        <Field id="rec-file" label={w.file} type="file" accept=".xml,.csv,text/xml,text/csv" error={errors.find((x) => x.field === 'rec-file')?.message}
               onChange={(e) => setFile(e.target.files?.[0])} />
        <button type="submit" disabled={busy}>{w.importButton}</button>
      </form>
      {message && <p role="status" className="notice">{message}</p>}
    </section>
  );
}

function Report({ rows }: { rows: ReportRow[] | undefined }) {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  if (!rows) return null;
  if (!rows.length) return <p>{w.noReport}</p>;
  return (
    <div className="table-wrap" role="region" aria-labelledby="report-title" tabIndex={0}>
      <table>
        <thead><tr><th scope="col">{w.channel}</th><th scope="col" className="num">{w.credits}</th><th scope="col" className="num">{w.credited}</th>
          <th scope="col" className="num">{w.matched}</th><th scope="col" className="num">{w.openCount}</th><th scope="col" className="num">{w.resolvedCount}</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.channel}>
              <th scope="row">{(w as Record<string, string>)[r.channel] ?? r.channel}</th>
              <td className="num">{r.credits}</td><td className="num">{rupiah(r.credited, lang)}</td>
              <td className="num">{r.matched}</td><td className="num">{r.open}</td><td className="num">{r.resolved}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ExceptionCard({ e, onDone }: { e: Exception; onDone: () => void }) {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const { me } = useAuth();
  const [action, setAction] = useState<'post_payment' | 'no_posting'>('post_payment');
  const [billId, setBillId] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [general, setGeneral] = useState<string>();
  const canAct = me?.role === 'officer' || me?.role === 'supervisor';
  async function send(path: string, body: Record<string, unknown>) {
    setGeneral(undefined);
    try {
      await api(`/api/v1/reconciliation/exceptions/${e.id}/${path}`, { method: 'POST', body });
      onDone();
    } catch (err) {
      const p = problemOf(err, w.network, { billId: `ex-${e.id}-bill`, note: `ex-${e.id}-note` });
      setErrors(p.errors);
      setGeneral(p.errors.length ? undefined : p.general);
    }
  }
  function propose(ev: FormEvent) {
    ev.preventDefault();
    const missing: FormError[] = [];
    if (note.trim().length < 3) missing.push({ field: `ex-${e.id}-note`, message: w.required });
    if (action === 'post_payment' && !billId) missing.push({ field: `ex-${e.id}-bill`, message: w.required });
    setErrors(missing);
    if (missing.length) return;
    void send('proposal', { action, note: note.trim(), ...(action === 'post_payment' ? { billId: Number(billId) } : {}) });
  }
  const titleId = `ex-${e.id}-title`;
  return (
    <li className="card" aria-labelledby={titleId}>
      <h3 id={titleId}>{w[e.kind]} · {rupiah(e.amount, lang)}</h3>
      <p>{e.partner} · {formatDate(e.booking_date, lang)} · {w.bankRef} {e.bank_ref}{e.payment_code ? ` · ${e.payment_code}` : ''}</p>
      <p className="muted">{e.detail}</p>
      <ErrorSummary errors={errors} general={general} />
      {e.status === 'open' && canAct && (
        <form onSubmit={propose} noValidate aria-label={`${w.propose} ${e.bank_ref}`}>
          <fieldset>
            <legend>{w.propose}</legend>
            <label><input type="radio" name={`ex-${e.id}-action`} checked={action === 'post_payment'} onChange={() => setAction('post_payment')} /> {w.postPayment}</label>
            <label><input type="radio" name={`ex-${e.id}-action`} checked={action === 'no_posting'} onChange={() => setAction('no_posting')} /> {w.noPosting}</label>
          </fieldset>
          {action === 'post_payment' && <Field id={`ex-${e.id}-bill`} label={w.billId} inputMode="numeric" value={billId} onChange={(x) => setBillId(x.target.value.replace(/\D/g, ''))}
                                               error={errors.find((x) => x.field === `ex-${e.id}-bill`)?.message} />}
          <Field id={`ex-${e.id}-note`} label={w.note} value={note} onChange={(x) => setNote(x.target.value)} error={errors.find((x) => x.field === `ex-${e.id}-note`)?.message} />
          <button type="submit">{w.propose}</button>
        </form>
      )}
      {e.status === 'proposed' && (
        <>
          <p>{fmt(w.proposed, { action: e.action === 'post_payment' ? `${w.postPayment} ${e.bill_id}` : w.noPosting, note: e.note ?? '' })}</p>
          {e.proposed_by === me?.id ? <p className="notice">{w.waiting}</p> : canAct && (
            <p>
              <button type="button" onClick={() => void send('decision', { approve: true })}>{w.approve}</button>{' '}
              <button type="button" className="secondary" onClick={() => void send('decision', { approve: false })}>{w.reject}</button>
            </p>
          )}
        </>
      )}
    </li>
  );
}
