/**
 * A branch officer registers an employer: the NPP is issued at once and the branch follows from the
 * village. Optionally the employer's first HR account is created in the same step.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api.ts';
import { ErrorSummary, Field, type FormError } from '../components/Form.tsx';
import { VillagePicker, type VillageChoice } from '../components/VillagePicker.tsx';
import { fmt, useI18n, useWords } from '../i18n.tsx';
import { problemOf } from './MyFamily.tsx';

const WORDS = {
  title: { id: 'Daftarkan pemberi kerja', en: 'Register an employer' },
  intro: { id: 'NPP diterbitkan saat data disimpan. Kantor cabang ditentukan oleh desa/kelurahan lokasi usaha.', en: 'The NPP is issued when the form is saved. The branch office follows from the village where the business is.' },
  company: { id: 'Data perusahaan', en: 'The business' },
  legalName: { id: 'Nama badan usaha', en: 'Legal name' },
  legalNameHint: { id: 'Sesuai akta atau NIB, misalnya PT Sawit Makmur.', en: 'As in the deed or business licence (NIB), for example PT Sawit Makmur.' },
  sector: { id: 'Sektor usaha', en: 'Sector' },
  sectorHint: { id: 'Misalnya perkebunan sawit, pengolahan ikan, toko bangunan.', en: 'For example palm oil plantation, fish processing, building supplies.' },
  riskClass: { id: 'Kelompok risiko kecelakaan kerja', en: 'Work accident risk class' },
  riskHint: { id: 'Menentukan tarif iuran JKK.', en: 'Sets the JKK contribution rate.' },
  choose: { id: 'Pilih…', en: 'Choose…' },
  risk1: { id: '1 — sangat rendah', en: '1 — very low' },
  risk2: { id: '2 — rendah', en: '2 — low' },
  risk3: { id: '3 — sedang', en: '3 — medium' },
  risk4: { id: '4 — tinggi', en: '4 — high' },
  risk5: { id: '5 — sangat tinggi', en: '5 — very high' },
  sizeClass: { id: 'Skala usaha', en: 'Business size' },
  micro: { id: 'Mikro', en: 'Micro' },
  small: { id: 'Kecil', en: 'Small' },
  medium: { id: 'Menengah', en: 'Medium' },
  large: { id: 'Besar', en: 'Large' },
  address: { id: 'Alamat usaha', en: 'Business address' },
  addressHint: { id: 'Jalan, nomor, RT/RW.', en: 'Street, number, neighbourhood (RT/RW).' },
  location: { id: 'Lokasi usaha', en: 'Where the business is' },
  village: { id: 'Desa/kelurahan tempat usaha', en: 'Village where the business is' },
  laborIntensive: { id: 'Usaha padat karya (banyak tenaga kerja)', en: 'Labour-intensive business (many workers)' },
  adminTitle: { id: 'Akun admin pemberi kerja (pilihan)', en: 'Employer admin account (optional)' },
  withAdmin: { id: 'Buat akun untuk HRD sekarang', en: 'Create an account for HR now' },
  withAdminHint: { id: 'HRD memakai akun ini untuk melaporkan tenaga kerja dan upah. Dapat juga dibuat nanti.', en: 'HR uses this account to report workers and wages. It can also be created later.' },
  username: { id: 'Nama pengguna', en: 'Username' },
  usernameHint: { id: '3–64 huruf kecil, angka, titik, garis bawah, atau tanda hubung. Misalnya hrd.sawitmakmur', en: '3–64 lower-case letters, digits, dots, underscores or hyphens. For example hrd.sawitmakmur' },
  displayName: { id: 'Nama pemegang akun', en: 'Account holder name' },
  password: { id: 'Kata sandi awal', en: 'First password' },
  passwordHint: { id: 'Paling sedikit 12 karakter. Sampaikan langsung kepada HRD, jangan lewat pesan.', en: 'At least 12 characters. Hand it to HR in person, not by message.' },
  save: { id: 'Daftarkan dan terbitkan NPP', en: 'Register and issue the NPP' },
  saving: { id: 'Menyimpan…', en: 'Saving…' },
  required: { id: 'Wajib diisi.', en: 'This field is required.' },
  chooseVillage: { id: 'Pilih desa/kelurahan dari daftar.', en: 'Choose a village from the list.' },
  passwordShort: { id: 'Paling sedikit 12 karakter.', en: 'At least 12 characters.' },
  doneTitle: { id: 'Pemberi kerja terdaftar', en: 'Employer registered' },
  npp: { id: 'Nomor Pendaftaran Perusahaan (NPP)', en: 'Employer registration number (NPP)' },
  servedBy: { id: 'Dilayani kantor cabang {branch}.', en: 'Served by the {branch} branch office.' },
  adminMade: { id: 'Akun HRD "{username}" sudah dibuat.', en: 'The HR account "{username}" has been created.' },
  open: { id: 'Buka halaman {name}', en: 'Open the page of {name}' },
  another: { id: 'Daftarkan pemberi kerja lain', en: 'Register another employer' },
};

const EMPTY = { legalName: '', sector: '', riskClass: '', sizeClass: '', address: '', laborIntensive: false, withAdmin: false, username: '', displayName: '', password: '' };
/** The server names nested fields "admin.username"; the inputs here are plain username, displayName, password. */
const FIELD_IDS: Record<string, string> = { 'admin.username': 'username', 'admin.displayName': 'displayName', 'admin.password': 'password', admin: 'username' };

export function EmployerNew() {
  const w = useWords(WORDS);
  const { t } = useI18n();
  const [form, setForm] = useState(EMPTY);
  const [village, setVillage] = useState<VillageChoice | null>(null);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [general, setGeneral] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ id: number; npp: string; branchName: string; legalName: string; username?: string }>();
  const set = (k: 'legalName' | 'sector' | 'riskClass' | 'sizeClass' | 'address' | 'username' | 'displayName' | 'password') =>
    (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  function check(): FormError[] {
    const out: FormError[] = [];
    for (const k of ['legalName', 'sector', 'riskClass', 'sizeClass', 'address'] as const) if (!form[k].trim()) out.push({ field: k, message: w.required });
    if (!village) out.push({ field: 'villageCode', message: w.chooseVillage });
    if (form.withAdmin) {
      for (const k of ['username', 'displayName', 'password'] as const) if (!form[k].trim()) out.push({ field: k, message: w.required });
      if (form.password && form.password.length < 12) out.push({ field: 'password', message: w.passwordShort });
    }
    return out;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setGeneral(undefined);
    const missing = check();
    setErrors(missing);
    if (missing.length) return;
    setBusy(true);
    try {
      const r = await api<{ id: number; npp: string; branchName: string }>('/api/v1/employers', { method: 'POST', body: {
        legalName: form.legalName.trim(), sector: form.sector.trim(), riskClass: Number(form.riskClass), sizeClass: form.sizeClass,
        address: form.address.trim(), villageCode: village!.code, laborIntensive: form.laborIntensive,
        ...(form.withAdmin ? { admin: { username: form.username.trim(), displayName: form.displayName.trim(), password: form.password } } : {}),
      } });
      setDone({ ...r, legalName: form.legalName.trim(), username: form.withAdmin ? form.username.trim() : undefined });
    } catch (err) {
      const p = problemOf(err, t('networkError'), FIELD_IDS);
      setErrors(p.errors);
      setGeneral(p.general);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div className="narrow">
        <h1>{w.doneTitle}</h1>
        <p className="lead">{done.legalName}</p>
        <p>{w.npp}:</p>
        <p className="big-number" aria-label={`NPP ${done.npp.split('').join(' ')}`}>{done.npp}</p>
        <p className="notice" role="status">{fmt(w.servedBy, { branch: done.branchName })}{done.username ? ` ${fmt(w.adminMade, { username: done.username })}` : ''}</p>
        <ul className="cards">
          <li><Link to={`/perusahaan/${done.id}`}>{fmt(w.open, { name: done.legalName })}</Link></li>
        </ul>
        <p><button type="button" onClick={() => { setDone(undefined); setForm(EMPTY); setVillage(null); setErrors([]); }}>{w.another}</button></p>
      </div>
    );
  }

  const errorFor = (f: string) => errors.find((x) => x.field === f)?.message;
  const labels: Record<string, string> = {
    legalName: w.legalName, sector: w.sector, riskClass: w.riskClass, sizeClass: w.sizeClass, address: w.address, villageCode: w.village,
    laborIntensive: w.laborIntensive, username: w.username, displayName: w.displayName, password: w.password,
  };
  const select = (id: 'riskClass' | 'sizeClass', label: string, options: [string, string][], hint?: string) => {
    const error = errorFor(id);
    const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
    return (
      <div className={`field${error ? ' field-error' : ''}`}>
        <label htmlFor={id}>{label}</label>
        {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
        {error && <p className="error-message" id={`${id}-error`}>{error}</p>}
        <select id={id} value={form[id]} onChange={set(id)} aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
          <option value="">{w.choose}</option>
          {options.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
        </select>
      </div>
    );
  };

  return (
    <div className="narrow">
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      <ErrorSummary errors={errors} general={general} labels={labels} />
      <form onSubmit={submit} noValidate>
        <h2>{w.company}</h2>
        <Field id="legalName" label={w.legalName} hint={w.legalNameHint} autoComplete="organization" value={form.legalName} onChange={set('legalName')} error={errorFor('legalName')} />
        <Field id="sector" label={w.sector} hint={w.sectorHint} value={form.sector} onChange={set('sector')} error={errorFor('sector')} />
        {select('riskClass', w.riskClass, [['1', w.risk1], ['2', w.risk2], ['3', w.risk3], ['4', w.risk4], ['5', w.risk5]], w.riskHint)}
        {select('sizeClass', w.sizeClass, [['micro', w.micro], ['small', w.small], ['medium', w.medium], ['large', w.large]])}
        <label className="choice field">
          <input type="checkbox" id="laborIntensive" checked={form.laborIntensive} onChange={(e) => setForm((f) => ({ ...f, laborIntensive: e.target.checked }))} />
          <span>{w.laborIntensive}</span>
        </label>

        <h2>{w.location}</h2>
        <Field id="address" label={w.address} hint={w.addressHint} autoComplete="street-address" value={form.address} onChange={set('address')} error={errorFor('address')} />
        <VillagePicker value={village} onChange={(v) => { setVillage(v); setErrors((x) => x.filter((e) => e.field !== 'villageCode')); }} error={errorFor('villageCode')} label={w.village} />

        <h2>{w.adminTitle}</h2>
        <div className="field">
          <label className="choice">
            <input type="checkbox" checked={form.withAdmin} aria-describedby="withAdmin-hint" onChange={(e) => setForm((f) => ({ ...f, withAdmin: e.target.checked }))} />
            <span>{w.withAdmin}</span>
          </label>
          <p className="hint" id="withAdmin-hint">{w.withAdminHint}</p>
        </div>
        {form.withAdmin && (
          <div className="indent">
            <Field id="username" label={w.username} hint={w.usernameHint} autoComplete="off" autoCapitalize="none" spellCheck={false} value={form.username} onChange={set('username')} error={errorFor('username')} />
            <Field id="displayName" label={w.displayName} autoComplete="off" value={form.displayName} onChange={set('displayName')} error={errorFor('displayName')} />
            <Field id="password" label={w.password} hint={w.passwordHint} type="password" autoComplete="new-password" value={form.password} onChange={set('password')} error={errorFor('password')} />
          </div>
        )}
        <button type="submit" className="primary" disabled={busy}>{busy ? w.saving : w.save}</button>
      </form>
    </div>
  );
}
