/**
 * The ledger for auditors: every account with its balance (the many receivables and JHT accounts summed
 * by kind), the journal newest first, and one entry with its postings, hash and source document. An
 * administrator or supervisor reverses a wrong entry from its view: a reason, a confirm step, then the
 * link to the reversing entry. A reversal corrects the ledger only; bills and payments stay as they are.
 */
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { ReasonConfirm } from '../components/ReasonConfirm.tsx';
import { LoadState } from '../components/Status.tsx';
import { fmt, rupiah, useI18n, useWords } from '../i18n.tsx';
import { useApi } from '../useApi.ts';
import { formatDate } from './MyFamily.tsx';

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
  reverseConfirm: { id: 'Balik jurnal {id} sebesar {amount} dengan alasan “{reason}”? Ini tidak dapat dibatalkan.', en: 'Reverse entry #{id} of {amount} because “{reason}”? This cannot be undone.' },
  reverseYes: { id: 'Ya, balik jurnal', en: 'Yes, reverse the entry' },
  reverseSending: { id: 'Membalik…', en: 'Reversing…' },
  reverseDone: { id: 'Jurnal {id} dibalik.', en: 'Entry #{id} reversed.' },
  paymentReversedFromBill: { id: 'Jurnal ini mencatat pembayaran tagihan; pembayarannya dibatalkan dari halaman tagihan, agar tagihannya terbuka kembali bersama jurnal ini.', en: 'This entry records a bill payment; the payment is reversed from the bill\'s page, so that its bills reopen together with this entry.' },
  openReversal: { id: 'Buka jurnal pembalik {id}', en: 'Open reversing entry #{id}' },
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
  // a bill payment's entry is reversed with its payment, from the bill, so the bills reopen with it
  const canReverse = (me?.role === 'admin' || me?.role === 'supervisor') && e && !e.reversedBy && !e.reversesEntryId && e.source.type !== 'bill_payment';
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
      {e && e.source.type === 'bill_payment' && !e.reversedBy && (me?.role === 'admin' || me?.role === 'supervisor') && e.source.billId && (
        <p className="notice">{w.paymentReversedFromBill} <Link to={`/tagihan/${e.source.billId}`}>{w.openBill}</Link></p>
      )}
    </section>
  );
}

/** "Balik jurnal": the reason, a confirm step, then the link to the reversing entry. */
function ReverseEntry({ entry, open, onReversed }: { entry: Entry; open: boolean; onReversed: () => void }) {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const words = {
    title: w.reverseTitle, intro: w.reverseIntro, reason: w.reverseReason, hint: w.reverseHint, yes: w.reverseYes, sending: w.reverseSending,
    confirm: (reason: string) => fmt(w.reverseConfirm, { id: entry.id, amount: rupiah(entry.amount, lang), reason }),
  };
  return (
    <ReasonConfirm id={`reverse-${entry.id}`} words={words} open={open} send={async (reason) => {
      const reversal = await api<{ id: number }>(`/api/v1/ledger/entries/${entry.id}/reversal`, { method: 'POST', body: { reason } });
      onReversed();
      return <>{fmt(w.reverseDone, { id: entry.id })} <Link to={`/buku-besar?jurnal=${reversal.id}`}>{fmt(w.openReversal, { id: reversal.id })}</Link></>;
    }} />
  );
}
