/**
 * One GN Lingkaran campaign in public: its target and progress, a form to give (signed in as a donor,
 * or as a guest with a name and a contact), every donation and every protected worker (pseudonymised),
 * and the same totals as the ledger. Officers record cash gifts, propose workers and run the
 * allocation; a supervisor closes the campaign; a donor chooses workers by pseudonym.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary, Field, type FormError } from '../../components/Form.tsx';
import { LoadState } from '../../components/Status.tsx';
import { fmt, rupiah, useI18n, useWords } from '../../i18n.tsx';
import { useApi } from '../../useApi.ts';
import { formatDate, formatMonth, problemOf } from '../MyFamily.tsx';
import { Charts, Totals } from './LingkaranHome.tsx';
import { LINGKARAN_WORDS, type Breakdowns, type Campaign, type LedgerTotals, type Money, type PublicDonation, type PublicWorker } from './shared.ts';

interface CampaignView extends Breakdowns {
  campaign: Campaign & { csrProgram: string | null; regions: { code: string; name: string }[]; occupations: { code: string; name: string; nameEn: string }[] };
  money: Money; ledger: LedgerTotals; donations: PublicDonation[]; workers: PublicWorker[];
  runs: { id: number; first_month: string; workers: number; worker_months: number; amount: number; unused: number; entry_id: number | null; created_at: string }[];
}

const WORDS = {
  ...LINGKARAN_WORDS,
  where: { id: 'Wilayah', en: 'Regions' },
  who: { id: 'Pekerjaan', en: 'Occupations' },
  anyOccupation: { id: 'Semua pekerjaan informal', en: 'Any informal occupation' },
  everywhere: { id: 'Seluruh Indonesia', en: 'All of Indonesia' },
  giveTitle: { id: 'Berdonasi', en: 'Give' },
  giveAmount: { id: 'Jumlah donasi (Rp)', en: 'Amount (Rp)' },
  amountHint: { id: '{monthly} melindungi satu pekerja sebulan; {period} melindunginya {months} bulan.', en: '{monthly} protects one worker for a month; {period} protects them for {months} months.' },
  yourName: { id: 'Nama Anda', en: 'Your name' },
  email: { id: 'E-mail', en: 'E-mail' },
  phone: { id: 'Nomor HP', en: 'Mobile number' },
  contactHint: { id: 'Isi e-mail atau nomor HP, untuk tanda terima.', en: 'An e-mail address or a mobile number, for the receipt.' },
  stayAnonymous: { id: 'Jangan tampilkan nama saya di halaman publik', en: 'Do not show my name on the public pages' },
  giveButton: { id: 'Lanjut ke pembayaran', en: 'Continue to payment' },
  givingAs: { id: 'Berdonasi sebagai {name}.', en: 'Giving as {name}.' },
  donationsTitle: { id: 'Daftar donasi', en: 'Donations' },
  workersTitle: { id: 'Pekerja yang dilindungi', en: 'Workers protected' },
  workersHint: { id: 'Pekerja ditampilkan dengan pseudonim; nama, NIK dan nomor HP tidak pernah ditampilkan.', en: 'Workers are shown by pseudonym; names, NIKs and phone numbers are never shown.' },
  runsTitle: { id: 'Alokasi', en: 'Allocations' },
  runLine: { id: '{date}: {workers} pekerja, {months} bulan-pekerja, {amount}; entri buku besar #{entry}', en: '{date}: {workers} workers, {months} worker-months, {amount}; ledger entry #{entry}' },
  downloadCampaignCsv: { id: 'Unduh buku besar kampanye ini (CSV)', en: 'Download this campaign\'s ledger (CSV)' },
  staffTitle: { id: 'Untuk petugas', en: 'For officers' },
  counterTitle: { id: 'Catat donasi tunai di loket', en: 'Record a cash gift at the counter' },
  receiptCode: { id: 'Kode tanda terima', en: 'Receipt code' },
  reference: { id: 'Nomor bukti kas', en: 'Cash slip number' },
  record: { id: 'Catat', en: 'Record' },
  recorded: { id: 'Donasi {code} tercatat lunas.', en: 'Donation {code} recorded as paid.' },
  proposeTitle: { id: 'Usulkan pekerja rentan', en: 'Propose a vulnerable worker' },
  kpj: { id: 'Nomor KPJ pekerja', en: "Worker's KPJ number" },
  reason: { id: 'Alasan', en: 'Reason' },
  source: { id: 'Diusulkan oleh', en: 'Proposed by' },
  sourceOfficer: { id: 'Petugas', en: 'Officer' },
  sourceAgent: { id: 'Agen Perisai', en: 'Perisai agent' },
  sourceCommunity: { id: 'Mitra komunitas', en: 'Community partner' },
  propose: { id: 'Usulkan', en: 'Propose' },
  proposed: { id: 'Pekerja diusulkan untuk kampanye ini.', en: 'Worker proposed for this campaign.' },
  allocationTitle: { id: 'Jalankan alokasi', en: 'Run the allocation' },
  allocationHint: { id: 'Dana kampanye membayar iuran JKK dan JKM pekerja yang layak untuk {months} bulan, mulai bulan pertama. Urutan: pilihan donatur, belum terlindungi, paling lama tidak aktif, penghasilan terendah. Tidak ada bulan-pekerja yang dibayar dua kali.', en: 'The campaign\'s money pays eligible workers\' JKK and JKM for {months} months from the first month. Order: donors\' choices, not covered now, lapsed longest, lowest income. No worker-month is paid twice.' },
  firstMonth: { id: 'Bulan pertama', en: 'First month' },
  run: { id: 'Jalankan', en: 'Run' },
  ran: { id: 'Alokasi selesai: {workers} pekerja, {months} bulan-pekerja, {amount}. Sisa belum terpakai: {unused}.', en: 'Allocation done: {workers} workers, {months} worker-months, {amount}. Not yet used: {unused}.' },
  ranNothing: { id: 'Tidak ada pekerja yang dapat didanai sekarang ({eligible} layak). Sisa dana tetap tercatat: {unused}.', en: 'No worker can be funded now ({eligible} eligible). The money stays, recorded: {unused}.' },
  closeTitle: { id: 'Tutup kampanye', en: 'Close the campaign' },
  closeHint: { id: 'Dana yang tidak terpakai {policy}.', en: 'Unused money is {policy}.' },
  policyReallocate: { id: 'dipindah ke dana umum', en: 'moved to the general pool' },
  policyRefund: { id: 'dikembalikan ke donatur', en: 'refunded to the donors' },
  note: { id: 'Catatan', en: 'Note' },
  close: { id: 'Tutup kampanye', en: 'Close the campaign' },
  closedDone: { id: 'Kampanye ditutup; {amount} {policy}.', en: 'Campaign closed; {amount} {policy}.' },
  chooseTitle: { id: 'Pilih pekerja rentan', en: 'Choose vulnerable workers' },
  chooseHint: { id: 'Pekerja yang layak untuk kampanye ini, urut prioritas. Pekerja pilihan Anda didanai lebih dulu.', en: 'The workers eligible for this campaign, in priority order. Those you choose are funded first.' },
  choose: { id: 'Pilih', en: 'Choose' },
  chosen: { id: 'Dipilih', en: 'Chosen' },
  status_pending: { id: 'belum pernah membayar', en: 'never paid' },
  status_active: { id: 'aktif', en: 'active' },
  status_arrears: { id: 'menunggak', en: 'in arrears' },
  status_lapsed: { id: 'tidak aktif', en: 'lapsed' },
  required: { id: 'Wajib diisi.', en: 'Required.' },
};

export function CampaignPage() {
  const { code = '' } = useParams();
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const { me } = useAuth();
  const view = useApi<CampaignView>(`/api/v1/lingkaran/campaigns/${encodeURIComponent(code)}`);
  const v = view.data;
  if (!v) return <><h1>{w.programme}</h1><LoadState loading={view.loading} error={view.error} /></>;
  const c = v.campaign;
  return (
    <>
      <p><Link to="/lingkaran">{w.programme}</Link></p>
      <h1>{c.title}</h1>
      {c.owner && <p className="lead">{c.owner}{c.csrProgram ? ` · ${c.csrProgram}` : ''}</p>}
      {c.description && <p>{c.description}</p>}
      {c.status === 'closed' && <p className="badge badge-muted">{w.closed}</p>}
      <dl className="facts">
        <dt>{w.where}</dt><dd>{c.regions.length ? c.regions.map((r) => r.name).join(', ') : w.everywhere}</dd>
        <dt>{w.who}</dt><dd>{c.occupations.length ? c.occupations.map((o) => (lang === 'id' ? o.name : o.nameEn)).join(', ') : w.anyOccupation}</dd>
        {c.goalAmount !== null && c.targetWorkers !== null && (<>
          <dt>{w.goal}</dt>
          <dd>{rupiah(c.goalAmount, lang)} ({fmt(w.target, { workers: c.targetWorkers, months: c.months, monthly: rupiah(c.monthlyAmount, lang) })})</dd>
        </>)}
      </dl>
      {c.goalAmount !== null && (
        <>
          <progress max={c.goalAmount} value={Math.min(v.money.raised, c.goalAmount)} aria-label={w.goal} />
          <p>{fmt(w.progress, { raised: rupiah(v.money.raised, lang), goal: rupiah(c.goalAmount, lang) })}</p>
        </>
      )}
      <Totals money={v.money} ledger={v.ledger} />
      {v.money.movedToPool > 0 && <p>{w.movedToPool}: {rupiah(v.money.movedToPool, lang)}</p>}
      {c.status === 'open' && <GiveForm campaign={c} />}
      {me?.role === 'donor' && c.status === 'open' && <ChooseWorkers code={c.code} onChange={view.reload} />}
      {me && ['officer', 'supervisor', 'admin'].includes(me.role) && <StaffPanel campaign={c} canClose={me.role !== 'officer'} canRecord={me.role !== 'admin'} onChange={view.reload} />}
      <h2>{w.donationsTitle}</h2>
      {v.donations.length === 0 ? <p>{w.none}</p> : (
        <table>
          <thead><tr><th scope="col">{w.date}</th><th scope="col">{w.donor}</th><th scope="col" className="num">{w.amount}</th><th scope="col">{w.receipt}</th></tr></thead>
          <tbody>
            {v.donations.map((d) => (
              <tr key={d.receiptCode}>
                <td>{formatDate(d.paidAt, lang)}</td><td>{d.donor ?? w.anonymous}</td><td className="num amount">{rupiah(d.amount, lang)}</td><td className="kpj">{d.receiptCode}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{w.workersTitle}</h2>
      <p className="hint">{w.workersHint}</p>
      {v.workers.length === 0 ? <p>{w.none}</p> : (
        <table data-testid="workers">
          <thead><tr><th scope="col">{w.pseudonym}</th><th scope="col">{w.district}</th><th scope="col">{w.occupation}</th><th scope="col">{w.period}</th><th scope="col" className="num">{w.amount}</th></tr></thead>
          <tbody>
            {v.workers.map((x) => (
              <tr key={`${x.pseudonym}-${x.first}`}>
                <td className="kpj">{x.pseudonym}</td><td>{x.district ?? '—'}</td><td>{(lang === 'id' ? x.occupation : x.occupationEn) ?? '—'}</td>
                <td>{formatMonth(x.first, lang)} – {formatMonth(x.last, lang)}</td><td className="num amount">{rupiah(x.amount, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {v.runs.length > 0 && (
        <>
          <h2>{w.runsTitle}</h2>
          <ul>{v.runs.map((r) => <li key={r.id}>{fmt(w.runLine, { date: formatDate(r.created_at, lang), workers: r.workers, months: r.worker_months, amount: rupiah(r.amount, lang), entry: r.entry_id ?? '—' })}</li>)}</ul>
        </>
      )}
      <Charts data={v} />
      <p><a href={`/api/v1/lingkaran/ledger.csv?campaign=${encodeURIComponent(c.code)}`} download>{w.downloadCampaignCsv}</a></p>
    </>
  );
}

function GiveForm({ campaign }: { campaign: Campaign }) {
  const w = useWords(WORDS);
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const period = campaign.monthlyAmount * campaign.months;
  const [amount, setAmount] = useState(String(period));
  const [guest, setGuest] = useState({ name: '', email: '', phone: '' });
  const [anonymous, setAnonymous] = useState(false);
  const [requestKey] = useState(() => crypto.randomUUID());
  const [errors, setErrors] = useState<FormError[]>([]);
  const [general, setGeneral] = useState<string>();
  const [busy, setBusy] = useState(false);
  const asDonor = me?.role === 'donor';
  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: FormError[] = [];
    if (!amount.trim()) missing.push({ field: 'amount', message: w.required });
    if (!asDonor && !guest.name.trim()) missing.push({ field: 'guest.name', message: w.required });
    setErrors(missing);
    setGeneral(undefined);
    if (missing.length) return;
    setBusy(true);
    try {
      const body = { amount: Number(amount.replace(/\D/g, '')), anonymous, requestKey, ...(asDonor ? {} : { guest: { name: guest.name.trim(), ...(guest.email.trim() ? { email: guest.email.trim() } : {}), ...(guest.phone.trim() ? { phone: guest.phone.trim() } : {}) } }) };
      const r = await api<{ receiptCode: string }>(`/api/v1/lingkaran/campaigns/${encodeURIComponent(campaign.code)}/donations`, { method: 'POST', body });
      navigate(`/lingkaran/donasi/${r.receiptCode}`);
    } catch (err) {
      const p = problemOf(err, t('networkError'));
      setErrors(p.errors);
      setGeneral(p.general);
    } finally {
      setBusy(false);
    }
  }
  const errorFor = (f: string) => errors.find((x) => x.field === f)?.message;
  return (
    <section aria-labelledby="give">
      <h2 id="give">{w.giveTitle}</h2>
      <ErrorSummary errors={errors} general={general} labels={{ amount: w.giveAmount, 'guest.name': w.yourName, 'guest.email': w.email, 'guest.phone': w.phone, email: w.email, phone: w.phone }} />
      <form onSubmit={submit} noValidate>
        <Field id="amount" label={w.giveAmount} inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value)} error={errorFor('amount')}
          hint={fmt(w.amountHint, { monthly: rupiah(campaign.monthlyAmount, lang), period: rupiah(period, lang), months: campaign.months })} />
        {asDonor ? <p>{fmt(w.givingAs, { name: me!.displayName })}</p> : (
          <>
            <Field id="guest.name" label={w.yourName} autoComplete="name" value={guest.name} onChange={(e) => setGuest({ ...guest, name: e.target.value })} error={errorFor('guest.name')} />
            <Field id="guest.email" label={w.email} type="email" autoComplete="email" hint={w.contactHint} value={guest.email} onChange={(e) => setGuest({ ...guest, email: e.target.value })} error={errorFor('email') ?? errorFor('guest.email')} />
            <Field id="guest.phone" label={w.phone} type="tel" autoComplete="tel" value={guest.phone} onChange={(e) => setGuest({ ...guest, phone: e.target.value })} error={errorFor('phone') ?? errorFor('guest.phone')} />
          </>
        )}
        <label className="choice"><input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} /> {w.stayAnonymous}</label>
        <div className="actions"><button type="submit" className="primary" disabled={busy}>{w.giveButton}</button></div>
      </form>
    </section>
  );
}

function ChooseWorkers({ code, onChange }: { code: string; onChange(): void }) {
  const w = useWords(WORDS);
  const { t, lang } = useI18n();
  const list = useApi<{ items: { pseudonym: string; district: string | null; occupation: string | null; occupationEn: string | null; status: string; chosen: boolean }[] }>(`/api/v1/lingkaran/campaigns/${encodeURIComponent(code)}/candidates?limit=20`);
  const [message, setMessage] = useState<string>();
  async function choose(pseudonym: string) {
    try {
      await api(`/api/v1/lingkaran/campaigns/${encodeURIComponent(code)}/proposals`, { method: 'POST', body: { pseudonym, reason: 'Pekerja rentan pilihan donatur' } });
      list.reload();
      onChange();
    } catch (err) {
      setMessage(problemOf(err, t('networkError')).general);
    }
  }
  return (
    <section aria-labelledby="choose">
      <h2 id="choose">{w.chooseTitle}</h2>
      <p className="hint">{w.chooseHint}</p>
      {message && <p role="alert" className="warn">{message}</p>}
      <LoadState loading={list.loading} error={list.error} />
      <ul className="people-list">
        {list.data?.items.map((x) => (
          <li key={x.pseudonym}>
            <strong className="kpj">{x.pseudonym}</strong> · {x.district ?? '—'} · {(lang === 'id' ? x.occupation : x.occupationEn) ?? '—'} · {w[`status_${x.status}` as keyof typeof w] ?? x.status}{' '}
            {x.chosen ? <span className="badge">{w.chosen}</span> : <button type="button" onClick={() => choose(x.pseudonym)}>{w.choose}</button>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function StaffPanel({ campaign, canClose, canRecord, onChange }: { campaign: Campaign; canClose: boolean; canRecord: boolean; onChange(): void }) {
  const w = useWords(WORDS);
  const { t, lang } = useI18n();
  const thisMonth = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
  const [form, setForm] = useState({ receipt: '', cash: '', slip: '', kpj: '', reason: '', source: 'officer', firstMonth: thisMonth, note: '' });
  const [message, setMessage] = useState<{ text: string; ok: boolean }>();
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const path = `/api/v1/lingkaran/campaigns/${encodeURIComponent(campaign.code)}`;
  async function act(e: FormEvent, fieldIds: Record<string, string>, fn: () => Promise<string>) {
    e.preventDefault();
    setBusy(true);
    setErrors([]);
    setMessage(undefined);
    try {
      setMessage({ text: await fn(), ok: true });
      onChange();
    } catch (err) {
      const p = problemOf(err, t('networkError'), fieldIds);
      setErrors(p.errors);
      setMessage({ text: p.general, ok: false });
    } finally {
      setBusy(false);
    }
  }
  const errorFor = (f: string) => errors.find((x) => x.field === f)?.message;
  const policy = campaign.unusedPolicy === 'refund' ? w.policyRefund : w.policyReallocate;
  return (
    <section className="officer-actions" aria-labelledby="staff">
      <h2 id="staff">{w.staffTitle}</h2>
      {message && <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'warn'}>{message.text}</p>}
      {canRecord && (
        <form noValidate onSubmit={(e) => act(e, { amount: 'cash', channelRef: 'slip' }, async () => {
          await api(`/api/v1/lingkaran/donations/${encodeURIComponent(form.receipt.trim())}/counter-payment`, { method: 'POST', body: { amount: Number(form.cash.replace(/\D/g, '')), channelRef: form.slip.trim() } });
          return fmt(w.recorded, { code: form.receipt.trim().toUpperCase() });
        })}>
          <h3>{w.counterTitle}</h3>
          <Field id="receipt" label={w.receiptCode} value={form.receipt} onChange={set('receipt')} placeholder="LK-XXXXXXXX" error={errorFor('receipt')} />
          <Field id="cash" label={w.amount} inputMode="numeric" value={form.cash} onChange={set('cash')} error={errorFor('cash')} />
          <Field id="slip" label={w.reference} value={form.slip} onChange={set('slip')} error={errorFor('slip')} />
          <button type="submit" disabled={busy}>{w.record}</button>
        </form>
      )}
      <form noValidate onSubmit={(e) => act(e, {}, async () => {
        await api(`${path}/proposals`, { method: 'POST', body: { kpj: form.kpj.trim(), reason: form.reason.trim(), source: form.source } });
        return w.proposed;
      })}>
        <h3>{w.proposeTitle}</h3>
        <Field id="kpj" label={w.kpj} inputMode="numeric" value={form.kpj} onChange={set('kpj')} error={errorFor('kpj')} />
        <Field id="reason" label={w.reason} value={form.reason} onChange={set('reason')} error={errorFor('reason')} />
        <div className="field">
          <label htmlFor="source">{w.source}</label>
          <select id="source" value={form.source} onChange={set('source')}>
            <option value="officer">{w.sourceOfficer}</option><option value="agent">{w.sourceAgent}</option><option value="community">{w.sourceCommunity}</option>
          </select>
        </div>
        <button type="submit" disabled={busy}>{w.propose}</button>
      </form>
      {campaign.status === 'open' && (
        <form noValidate onSubmit={(e) => act(e, {}, async () => {
          const r = await api<{ workers: number; workerMonths: number; amount: number; unused: number; eligible: number }>(`${path}/allocation-runs`, { method: 'POST', body: { firstMonth: form.firstMonth } });
          return r.workers ? fmt(w.ran, { workers: r.workers, months: r.workerMonths, amount: rupiah(r.amount, lang), unused: rupiah(r.unused, lang) })
            : fmt(w.ranNothing, { eligible: r.eligible, unused: rupiah(r.unused, lang) });
        })}>
          <h3>{w.allocationTitle}</h3>
          <p className="hint">{fmt(w.allocationHint, { months: campaign.months })}</p>
          <Field id="firstMonth" label={w.firstMonth} type="month" min={thisMonth} value={form.firstMonth} onChange={set('firstMonth')} error={errorFor('firstMonth')} />
          <button type="submit" className="primary" disabled={busy}>{w.run}</button>
        </form>
      )}
      {canClose && !campaign.isPool && campaign.status === 'open' && (
        <form noValidate onSubmit={(e) => act(e, {}, async () => {
          const r = await api<{ total: number }>(`${path}/release`, { method: 'POST', body: { note: form.note.trim() } });
          return fmt(w.closedDone, { amount: rupiah(r.total, lang), policy });
        })}>
          <h3>{w.closeTitle}</h3>
          <p className="hint">{fmt(w.closeHint, { policy })}</p>
          <Field id="note" label={w.note} value={form.note} onChange={set('note')} error={errorFor('note')} />
          <button type="submit" disabled={busy}>{w.close}</button>
        </form>
      )}
    </section>
  );
}
