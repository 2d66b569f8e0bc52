/**
 * Donors: a company (with its CSR programme and tax id) or an individual registers; a donor's own page
 * lists its gifts with their receipts and exactly which worker-months its money paid (pseudonymised).
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary, Field, type FormError } from '../../components/Form.tsx';
import { LoadState } from '../../components/Status.tsx';
import { rupiah, useI18n, useWords } from '../../i18n.tsx';
import { useApi } from '../../useApi.ts';
import { formatDate, formatMonth, problemOf } from '../MyFamily.tsx';
import { LINGKARAN_WORDS } from './shared.ts';

const WORDS = {
  ...LINGKARAN_WORDS,
  registerTitle: { id: 'Daftar sebagai donatur GN Lingkaran', en: 'Register as a GN Lingkaran donor' },
  registerIntro: { id: 'Donatur terdaftar dapat membuat kampanye (perusahaan), memilih pekerja rentan, dan melihat ke mana setiap rupiahnya pergi. Anda juga dapat berdonasi tanpa mendaftar.', en: 'Registered donors can create campaigns (companies), choose vulnerable workers, and see where every rupiah went. You can also give without registering.' },
  kind: { id: 'Jenis donatur', en: 'Kind of donor' },
  company: { id: 'Perusahaan (dana CSR)', en: 'Company (CSR funds)' },
  individual: { id: 'Perorangan', en: 'Individual' },
  name: { id: 'Nama perusahaan atau nama Anda', en: 'Company name or your name' },
  csrProgram: { id: 'Nama program CSR', en: 'CSR programme name' },
  taxId: { id: 'NPWP', en: 'Tax id (NPWP)' },
  email: { id: 'E-mail', en: 'E-mail' },
  phone: { id: 'Nomor HP', en: 'Mobile number' },
  anonymousPublic: { id: 'Tampilkan sebagai donatur anonim di halaman publik', en: 'Show as an anonymous donor on the public pages' },
  username: { id: 'Nama pengguna', en: 'Username' },
  password: { id: 'Kata sandi (minimal 12 karakter)', en: 'Password (at least 12 characters)' },
  register: { id: 'Daftar', en: 'Register' },
  required: { id: 'Wajib diisi.', en: 'Required.' },
  portalTitle: { id: 'Halaman donatur', en: 'Donor page' },
  given: { id: 'Donasi diterima', en: 'Given' },
  used: { id: 'Sudah membayar iuran', en: 'Used to pay contributions' },
  myDonations: { id: 'Donasi saya', en: 'My donations' },
  status: { id: 'Status', en: 'Status' },
  statusPending: { id: 'menunggu pembayaran', en: 'waiting for payment' },
  statusPaid: { id: 'diterima', en: 'received' },
  whatItPaid: { id: 'Bulan-pekerja yang dibayar dengan uang Anda', en: 'The worker-months your money paid' },
  month: { id: 'Bulan', en: 'Month' },
  campaign: { id: 'Kampanye', en: 'Campaign' },
  reports: { id: 'Laporan dampak', en: 'Impact reports' },
  giveMore: { id: 'Lihat kampanye', en: 'See the campaigns' },
};

export function DonorRegister() {
  const w = useWords(WORDS);
  const { t } = useI18n();
  const { refresh } = useAuth();
  const navigate = useNavigate();
  const [form, setForm] = useState({ kind: 'company', name: '', csrProgram: '', taxId: '', email: '', phone: '', username: '', password: '' });
  const [anonymous, setAnonymous] = useState(false);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [general, setGeneral] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing = (['name', 'username', 'password'] as const).filter((k) => !form[k].trim()).map((k) => ({ field: k, message: w.required }));
    setErrors(missing);
    setGeneral(undefined);
    if (missing.length) return;
    setBusy(true);
    try {
      const company = form.kind === 'company';
      const optional = (v: string) => (v.trim() ? v.trim() : undefined);
      await api('/api/v1/lingkaran/donors', { method: 'POST', body: {
        kind: form.kind, name: form.name.trim(), csrProgram: company ? optional(form.csrProgram) : undefined, taxId: company ? optional(form.taxId) : undefined,
        email: optional(form.email), phone: optional(form.phone), anonymous, username: form.username.trim().toLowerCase(), password: form.password,
      } });
      await api('/api/v1/auth/login', { method: 'POST', body: { username: form.username.trim().toLowerCase(), password: form.password } });
      await refresh();
      navigate('/donatur');
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
    <>
      <h1>{w.registerTitle}</h1>
      <p className="lead">{w.registerIntro}</p>
      <ErrorSummary errors={errors} general={general} labels={{ name: w.name, csrProgram: w.csrProgram, taxId: w.taxId, email: w.email, phone: w.phone, username: w.username, password: w.password }} />
      <form onSubmit={submit} noValidate>
        <fieldset className="field">
          <legend>{w.kind}</legend>
          <label className="choice"><input type="radio" name="kind" value="company" checked={form.kind === 'company'} onChange={set('kind')} /> {w.company}</label>
          <label className="choice"><input type="radio" name="kind" value="individual" checked={form.kind === 'individual'} onChange={set('kind')} /> {w.individual}</label>
        </fieldset>
        <Field id="name" label={w.name} value={form.name} onChange={set('name')} error={errorFor('name')} />
        {form.kind === 'company' && (<>
          <Field id="csrProgram" label={w.csrProgram} value={form.csrProgram} onChange={set('csrProgram')} error={errorFor('csrProgram')} />
          <Field id="taxId" label={w.taxId} inputMode="numeric" value={form.taxId} onChange={set('taxId')} error={errorFor('taxId')} />
        </>)}
        <Field id="email" label={w.email} type="email" value={form.email} onChange={set('email')} error={errorFor('email')} />
        <Field id="phone" label={w.phone} type="tel" value={form.phone} onChange={set('phone')} error={errorFor('phone')} />
        <label className="choice"><input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} /> {w.anonymousPublic}</label>
        <Field id="username" label={w.username} autoComplete="username" value={form.username} onChange={set('username')} error={errorFor('username')} />
        <Field id="password" label={w.password} type="password" autoComplete="new-password" value={form.password} onChange={set('password')} error={errorFor('password')} />
        <div className="actions"><button type="submit" className="primary" disabled={busy}>{w.register}</button></div>
      </form>
    </>
  );
}

interface Portal {
  donor: { kind: string; name: string; csrProgram: string | null; anonymous: boolean };
  totals: { given: number; used: number; workers: number; workerMonths: number };
  donations: { id: number; receiptCode: string; amount: number; status: 'pending' | 'paid'; paidAt: string | null; createdAt: string; campaign: string; campaignTitle: string }[];
  workerMonths: { receipt_code: string; pseudonym: string; month: string; amount: number; campaign: string; occupation: string | null; occupationEn: string | null; district: string | null }[];
}

export function DonorPortal() {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const portal = useApi<Portal>('/api/v1/lingkaran/me');
  const p = portal.data;
  const campaigns = p ? [...new Map(p.donations.filter((d) => d.status === 'paid').map((d) => [d.campaign, d.campaignTitle])).entries()] : [];
  return (
    <>
      <h1>{w.portalTitle}</h1>
      <LoadState loading={portal.loading} error={portal.error} />
      {p && (
        <>
          <p className="lead">{p.donor.name}{p.donor.csrProgram ? ` · ${p.donor.csrProgram}` : ''}</p>
          <ul className="totals">
            <li>{w.given}<strong>{rupiah(p.totals.given, lang)}</strong></li>
            <li>{w.used}<strong data-testid="used">{rupiah(p.totals.used, lang)}</strong></li>
            <li>{w.workersProtected}<strong>{p.totals.workers}</strong></li>
            <li>{w.workerMonths}<strong>{p.totals.workerMonths}</strong></li>
          </ul>
          <p><Link to="/lingkaran">{w.giveMore}</Link></p>
          <h2>{w.myDonations}</h2>
          {p.donations.length === 0 ? <p>{w.none}</p> : (
            <table>
              <thead><tr><th scope="col">{w.date}</th><th scope="col">{w.campaign}</th><th scope="col" className="num">{w.amount}</th><th scope="col">{w.status}</th><th scope="col">{w.receipt}</th></tr></thead>
              <tbody>
                {p.donations.map((d) => (
                  <tr key={d.id}>
                    <td>{formatDate(d.paidAt ?? d.createdAt, lang)}</td><td><Link to={`/lingkaran/${d.campaign}`}>{d.campaignTitle}</Link></td>
                    <td className="num amount">{rupiah(d.amount, lang)}</td><td>{d.status === 'paid' ? w.statusPaid : w.statusPending}</td>
                    <td><Link to={`/lingkaran/donasi/${d.receiptCode}`} className="kpj">{d.receiptCode}</Link></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {campaigns.length > 0 && (
            <>
              <h2>{w.reports}</h2>
              <ul>
                {campaigns.map(([code, title]) => (
                  <li key={code}>{title}: <a href={`/api/v1/lingkaran/campaigns/${code}/report.pdf`}>PDF</a> · <a href={`/api/v1/lingkaran/campaigns/${code}/report.xlsx`}>XLSX</a></li>
                ))}
              </ul>
            </>
          )}
          <h2>{w.whatItPaid}</h2>
          {p.workerMonths.length === 0 ? <p>{w.none}</p> : (
            <table data-testid="worker-months">
              <thead><tr><th scope="col">{w.pseudonym}</th><th scope="col">{w.month}</th><th scope="col">{w.district}</th><th scope="col">{w.occupation}</th><th scope="col" className="num">{w.amount}</th><th scope="col">{w.receipt}</th></tr></thead>
              <tbody>
                {p.workerMonths.map((m) => (
                  <tr key={`${m.pseudonym}-${m.month}-${m.receipt_code}`}>
                    <td className="kpj">{m.pseudonym}</td><td>{formatMonth(m.month, lang)}</td><td>{m.district ?? '—'}</td><td>{(lang === 'id' ? m.occupation : m.occupationEn) ?? '—'}</td>
                    <td className="num amount">{rupiah(m.amount, lang)}</td><td className="kpj">{m.receipt_code}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}
