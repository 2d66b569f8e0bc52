/**
 * The ledger for auditors: every account with its balance (the many receivables and JHT accounts summed
 * by kind), the journal newest first, and one entry with its postings, hash and source document. An
 * administrator or supervisor reverses a wrong entry from its view: a reason, a confirm step, then the
 * link to the reversing entry. A reversal corrects the ledger only; bills and payments stay as they are.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { ErrorSummary, Field, type FormError } from '../components/Form.tsx';
import { LoadState } from '../components/Status.tsx';
import { fmt, rupiah, useI18n, useWords } from '../i18n.tsx';
import { useApi } from '../useApi.ts';
import { formatDate, problemOf } from './MyFamily.tsx';

interface AccountRow { accountId: number | null; kind: string; program: string | null; channel: string | null; accounts: number; debits: number; credits: number; balance: number }
interface EntryRow { id: number; date: string; kind: string; reason: string; amount: number; postings: number; source: { type: string; id: string } }
interface Entry {
  id: number; date: string; kind: string; reason: string; amount: number; postingCount: number; hash: string;
  source: { type: string; id: string; billId: number | null }; reversesEntryId: number | null; reversedBy: number | null;
  postings: { line: number; side: 'D' | 'C'; amount: number; accountId: number; kind: string; program: string | null; channel: string | null; holder: string | null }[];
}

const WORDS = {
  title: { id: 'Buku besar', en: 'Ledger' },
  intro: { id: 'Setiap rupiah tercatat dua kali: debit sama dengan kredit di setiap jurnal. Jurnal tidak pernah diubah; koreksi dibuat dengan jurnal pembalik.', en: 'Every rupiah is recorded twice: debits equal credits in every entry. Entries are never changed; a correction is a reversing entry.' },
  accounts: { id: 'Akun', en: 'Accounts' },
  account: { id: 'Akun', en: 'Account' },
  count: { id: 'Jumlah akun', en: 'Accounts' },
  debits: { id: 'Debit', en: 'Debits' },
  credits: { id: 'Kredit', en: 'Credits' },
  balance: { id: 'Saldo', en: 'Balance' },
  journal: { id: 'Jurnal terbaru', en: 'Latest entries' },
  date: { id: 'Tanggal', en: 'Date' },
  entry: { id: 'Jurnal {id}', en: 'Entry {id}' },
  reason: { id: 'Keterangan', en: 'Description' },
  amount: { id: 'Jumlah', en: 'Amount' },
  side: { id: 'Sisi', en: 'Side' },
  holder: { id: 'Pemilik', en: 'Holder' },
  D: { id: 'Debit', en: 'Debit' },
  C: { id: 'Kredit', en: 'Credit' },
  source: { id: 'Dokumen sumber: {type} {id}', en: 'Source document: {type} {id}' },
  openBill: { id: 'Buka tagihan', en: 'Open the bill' },
  hash: { id: 'Hash', en: 'Hash' },
  balanced: { id: 'Seimbang: debit {d} = kredit {c}.', en: 'Balanced: debits {d} = credits {c}.' },
  reversedBy: { id: 'Dibalik oleh jurnal {id}', en: 'Reversed by entry #{id}' },
  reverses: { id: 'Membalik jurnal {id}', en: 'Reverses entry #{id}' },
  reverseTitle: { id: 'Balik jurnal', en: 'Reverse entry' },
  reverseIntro: { id: 'Jurnal pembalik mencatat setiap posting jurnal ini di sisi sebaliknya, bertanggal hari ini. Jurnal ini sendiri tidak diubah. Pembalikan hanya mengoreksi buku besar: tagihan, pembayaran dan alokasinya tidak berubah.', en: 'A reversing entry records every posting of this entry on the other side, dated today. This entry itself is not changed. A reversal corrects the ledger only: bills, payments and their allocations do not change.' },
  reverseReason: { id: 'Alasan pembalikan', en: 'Reason for the reversal' },
  reverseHint: { id: '5 sampai 500 karakter. Tercatat di jurnal pembalik dan jejak audit.', en: '5 to 500 characters. Recorded on the reversing entry and in the audit trail.' },
  reverseNext: { id: 'Lanjutkan', en: 'Continue' },
  reverseConfirm: { id: 'Balik jurnal {id} sebesar {amount} dengan alasan “{reason}”? Ini tidak dapat dibatalkan.', en: 'Reverse entry #{id} of {amount} because “{reason}”? This cannot be undone.' },
  reverseYes: { id: 'Ya, balik jurnal', en: 'Yes, reverse the entry' },
  reverseBack: { id: 'Kembali', en: 'Go back' },
  reverseSending: { id: 'Membalik…', en: 'Reversing…' },
  reverseDone: { id: 'Jurnal {id} dibalik.', en: 'Entry #{id} reversed.' },
  openReversal: { id: 'Buka jurnal pembalik {id}', en: 'Open reversing entry #{id}' },
  required: { id: 'Wajib diisi.', en: 'This field is required.' },
  tooShort: { id: 'Paling sedikit 5 karakter.', en: 'At least 5 characters.' },
  network: { id: 'Tidak dapat terhubung ke server. Periksa sambungan Anda lalu coba lagi.', en: 'Cannot reach the server. Check your connection and try again.' },
  fund: { id: 'Dana program', en: 'Program fund' },
  billed: { id: 'Iuran ditagih belum diterima', en: 'Billed, not yet collected' },
  fines: { id: 'Pendapatan denda', en: 'Fines income' },
  clearing: { id: 'Rekening antara kanal', en: 'Channel clearing' },
  benefit_payable: { id: 'Utang manfaat', en: 'Benefits payable' },
  donations: { id: 'Dana donasi', en: 'Donations fund' },
  receivable: { id: 'Piutang iuran (semua pembayar)', en: 'Receivables (all payers)' },
  jht: { id: 'Saldo JHT peserta (semua)', en: "Participants' JHT (all)" },
};

export function Ledger() {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const [params] = useSearchParams();
  const entryId = params.get('jurnal');
  const accounts = useApi<{ items: AccountRow[] }>('/api/v1/ledger/accounts');
  const entries = useApi<{ items: EntryRow[] }>('/api/v1/ledger/entries?limit=50');
  const reload = () => { accounts.reload(); entries.reload(); };
  const name = (a: { kind: string; program: string | null; channel: string | null }) => [(w as Record<string, string>)[a.kind] ?? a.kind, a.program, a.channel].filter(Boolean).join(' · ');
  return (
    <>
      <h1>{w.title}</h1>
      <p className="lead">{w.intro}</p>
      {entryId && <EntryView key={entryId} id={Number(entryId)} onReversed={reload} />}
      <section aria-labelledby="accounts-title">
        <h2 id="accounts-title">{w.accounts}</h2>
        <LoadState loading={accounts.loading && !accounts.data} error={accounts.error} />
        {accounts.data && (
          <div className="table-wrap" role="region" aria-labelledby="accounts-title" tabIndex={0}>
            <table>
              <thead><tr><th scope="col">{w.account}</th><th scope="col" className="num">{w.count}</th><th scope="col" className="num">{w.debits}</th><th scope="col" className="num">{w.credits}</th><th scope="col" className="num">{w.balance}</th></tr></thead>
              <tbody>
                {accounts.data.items.map((a) => (
                  <tr key={`${a.kind}-${a.accountId ?? 'all'}`}>
                    <th scope="row">{name(a)}</th><td className="num">{a.accounts}</td>
                    <td className="num">{rupiah(a.debits, lang)}</td><td className="num">{rupiah(a.credits, lang)}</td><td className="num">{rupiah(a.balance, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="journal-title">
        <h2 id="journal-title">{w.journal}</h2>
        <LoadState loading={entries.loading && !entries.data} error={entries.error} />
        {entries.data && (
          <div className="table-wrap" role="region" aria-labelledby="journal-title" tabIndex={0}>
            <table>
              <thead><tr><th scope="col">{w.date}</th><th scope="col">{w.reason}</th><th scope="col" className="num">{w.amount}</th></tr></thead>
              <tbody>
                {entries.data.items.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">{formatDate(e.date, lang)}</th>
                    <td><Link to={`/buku-besar?jurnal=${e.id}`}>{fmt(w.entry, { id: e.id })}</Link> · {e.reason}</td>
                    <td className="num">{rupiah(e.amount, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function EntryView({ id, onReversed }: { id: number; onReversed: () => void }) {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const { me } = useAuth();
  const entry = useApi<Entry>(`/api/v1/ledger/entries/${id}`);
  const e = entry.data;
  const canReverse = (me?.role === 'admin' || me?.role === 'supervisor') && e && !e.reversedBy && !e.reversesEntryId;
  const sum = (side: 'D' | 'C') => e?.postings.filter((p) => p.side === side).reduce((s, p) => s + p.amount, 0) ?? 0;
  return (
    <section aria-labelledby="entry-title" className="panel">
      <h2 id="entry-title">{fmt(w.entry, { id })}</h2>
      <LoadState loading={entry.loading && !e} error={entry.error} />
      {e && (
        <>
          <p>{formatDate(e.date, lang)} · {e.reason}</p>
          <p>{fmt(w.source, { type: e.source.type, id: e.source.id })}{e.source.billId && <> · <Link to={`/tagihan/${e.source.billId}`}>{w.openBill}</Link></>}</p>
          {e.reversedBy && <p className="notice"><Link to={`/buku-besar?jurnal=${e.reversedBy}`}>{fmt(w.reversedBy, { id: e.reversedBy })}</Link></p>}
          {e.reversesEntryId && <p className="notice"><Link to={`/buku-besar?jurnal=${e.reversesEntryId}`}>{fmt(w.reverses, { id: e.reversesEntryId })}</Link></p>}
          <div className="table-wrap" role="region" aria-labelledby="entry-title" tabIndex={0}>
            <table>
              <thead><tr><th scope="col">{w.account}</th><th scope="col">{w.holder}</th><th scope="col">{w.side}</th><th scope="col" className="num">{w.amount}</th></tr></thead>
              <tbody>
                {e.postings.map((p) => (
                  <tr key={p.line}>
                    <th scope="row">{[(w as Record<string, string>)[p.kind] ?? p.kind, p.program, p.channel].filter(Boolean).join(' · ')}</th>
                    <td>{p.holder ?? ''}</td><td>{w[p.side]}</td><td className="num">{rupiah(p.amount, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>{fmt(w.balanced, { d: rupiah(sum('D'), lang), c: rupiah(sum('C'), lang) })}</p>
          <p className="muted"><span>{w.hash}</span> <code>{e.hash}</code></p>
        </>
      )}
      {e && <ReverseEntry entry={e} open={Boolean(canReverse)} onReversed={() => { entry.reload(); onReversed(); }} />}
    </section>
  );
}

/** "Balik entri": the reason, a confirm step, then the link to the reversing entry (step 'done' outlives the form). */
function ReverseEntry({ entry, open, onReversed }: { entry: Entry; open: boolean; onReversed: () => void }) {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const [step, setStep] = useState<'reason' | 'confirm' | 'sending'>('reason');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [general, setGeneral] = useState<string>();
  const [done, setDone] = useState<number>();
  const fieldId = `reverse-${entry.id}-reason`;
  const confirmRef = useRef<HTMLDivElement>(null);
  // the form gives way to the question: move focus there, so keyboard and screen reader users follow
  useEffect(() => { if (step === 'confirm') confirmRef.current?.focus(); }, [step]);
  function next(ev: FormEvent) {
    ev.preventDefault();
    setGeneral(undefined);
    const text = reason.trim();
    const missing = !text ? [{ field: fieldId, message: w.required }] : text.length < 5 ? [{ field: fieldId, message: w.tooShort }] : [];
    setErrors(missing);
    if (!missing.length) setStep('confirm');
  }
  async function confirm() {
    setStep('sending');
    try {
      const reversal = await api<{ id: number }>(`/api/v1/ledger/entries/${entry.id}/reversal`, { method: 'POST', body: { reason: reason.trim() } });
      setDone(reversal.id);
      onReversed();
    } catch (err) {
      const p = problemOf(err, w.network, { reason: fieldId });
      setErrors(p.errors);
      setGeneral(p.errors.length ? undefined : p.general);
      setStep('reason');
    }
  }
  const titleId = `reverse-${entry.id}-title`;
  return (
    <>
      <div role="status">
        {done && <p className="notice">{fmt(w.reverseDone, { id: entry.id })} <Link to={`/buku-besar?jurnal=${done}`}>{fmt(w.openReversal, { id: done })}</Link></p>}
      </div>
      {open && !done && (
        <section aria-labelledby={titleId}>
          <h3 id={titleId}>{w.reverseTitle}</h3>
          <p>{w.reverseIntro}</p>
          <ErrorSummary errors={errors} general={general} labels={{ [fieldId]: w.reverseReason }} />
          {step === 'reason' ? (
            <form onSubmit={next} noValidate aria-labelledby={titleId}>
              <Field id={fieldId} label={w.reverseReason} hint={w.reverseHint} maxLength={500} value={reason} onChange={(x) => setReason(x.target.value)}
                     error={errors.find((x) => x.field === fieldId)?.message} />
              <button type="submit">{w.reverseNext}</button>
            </form>
          ) : (
            <div className="notice" ref={confirmRef} tabIndex={-1}>
              <p>{fmt(w.reverseConfirm, { id: entry.id, amount: rupiah(entry.amount, lang), reason: reason.trim() })}</p>
              <p>
                <button type="button" className="primary" disabled={step === 'sending'} onClick={() => void confirm()}>{step === 'sending' ? w.reverseSending : w.reverseYes}</button>{' '}
                <button type="button" disabled={step === 'sending'} onClick={() => setStep('reason')}>{w.reverseBack}</button>
              </p>
            </div>
          )}
        </section>
      )}
    </>
  );
}
