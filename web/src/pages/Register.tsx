/**
 * Informal worker self-registration in three short steps, made for a cheap phone:
 * 1. who you are (the NIK fills in the birth date and sex), 2. work, village and income,
 * 3. programmes with the monthly amount shown before confirming.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiProblem } from '../api.ts';
import { ErrorSummary, Field, type FormError } from '../components/Form.tsx';
import { VillagePicker, type VillageChoice } from '../components/VillagePicker.tsx';
import { groupKpj } from '../format.ts';
import { fmt, rupiah, useI18n, useWords } from '../i18n.tsx';

const WORDS = {
  title: { id: 'Daftar sebagai peserta', en: 'Register as a participant' },
  intro: { id: 'Untuk petani, nelayan, pedagang, pengemudi ojek, dan semua pekerja mandiri. Siapkan KTP Anda.', en: 'For farmers, fishers, traders, ojek drivers and every self-employed worker. Have your ID card ready.' },
  step: { id: 'Langkah {n} dari 3', en: 'Step {n} of 3' },
  step1: { id: 'Data diri', en: 'About you' },
  step2: { id: 'Pekerjaan dan tempat tinggal', en: 'Work and home' },
  step3: { id: 'Program dan iuran', en: 'Programmes and contribution' },
  nik: { id: 'NIK (16 angka di KTP)', en: 'NIK (16 digits on your ID card)' },
  nikReads: { id: 'Menurut NIK: lahir {date}, {sex}.', en: 'From the NIK: born {date}, {sex}.' },
  male: { id: 'laki-laki', en: 'male' },
  female: { id: 'perempuan', en: 'female' },
  fullName: { id: 'Nama lengkap sesuai KTP', en: 'Full name as on your ID card' },
  birthDate: { id: 'Tanggal lahir', en: 'Date of birth' },
  sex: { id: 'Jenis kelamin', en: 'Sex' },
  maleLabel: { id: 'Laki-laki', en: 'Male' },
  femaleLabel: { id: 'Perempuan', en: 'Female' },
  phone: { id: 'Nomor HP', en: 'Mobile number' },
  phoneHint: { id: 'Untuk kode masuk lewat SMS. Contoh: 0812 3456 7890', en: 'For sign-in codes by SMS. For example: 0812 3456 7890' },
  occupation: { id: 'Pekerjaan', en: 'Occupation' },
  choose: { id: 'Pilih…', en: 'Choose…' },
  income: { id: 'Penghasilan per bulan (Rp)', en: 'Income per month (Rp)' },
  incomeHint: { id: 'Perkiraan penghasilan rata-rata sebulan. Minimal {min}.', en: 'Your average monthly income, roughly. At least {min}.' },
  programs: { id: 'Program perlindungan', en: 'Protection programmes' },
  jkk: { id: 'JKK — Jaminan Kecelakaan Kerja (wajib)', en: 'JKK — work accident insurance (required)' },
  jkm: { id: 'JKM — Jaminan Kematian (wajib)', en: 'JKM — death benefit (required)' },
  jht: { id: 'JHT — Jaminan Hari Tua, tabungan masa tua (pilihan)', en: 'JHT — old-age savings (optional)' },
  monthly: { id: 'Iuran per bulan', en: 'Monthly contribution' },
  vulnerable: { id: 'Saya pekerja rentan dan ingin dibantu donatur GN Lingkaran membayar iuran JKK dan JKM', en: 'I am a vulnerable worker and would like GN Lingkaran donors to help pay my JKK and JKM' },
  vulnerableHint: { id: 'Petugas dapat memeriksa. Bantuan bergantung pada dana donatur; iuran Anda tetap tertagih sampai ada donatur.', en: 'An officer may check. Help depends on donors\' funds; your contributions stay due until a donor pays them.' },
  defaultNote: { id: 'Sebagian angka memakai nilai bawaan yang belum dikonfirmasi regulasi.', en: 'Some figures use a default not yet confirmed by regulation.' },
  next: { id: 'Lanjut', en: 'Continue' },
  back: { id: 'Kembali', en: 'Back' },
  submit: { id: 'Daftar sekarang', en: 'Register now' },
  required: { id: 'Wajib diisi.', en: 'This field is required.' },
  doneTitle: { id: 'Pendaftaran berhasil', en: 'You are registered' },
  yourKpj: { id: 'Nomor peserta (KPJ) Anda', en: 'Your participant number (KPJ)' },
  pendingNote: { id: 'Perlindungan aktif setelah iuran pertama dibayar: {amount} per bulan, paling lambat tanggal 15.', en: 'Protection starts once the first contribution is paid: {amount} a month, by the 15th.' },
  signIn: { id: 'Masuk dengan kode SMS untuk melihat kartu digital Anda', en: 'Sign in with an SMS code to see your digital card' },
};

const STEP_FIELDS: Record<number, string[]> = { 1: ['nik', 'fullName', 'birthDate', 'sex', 'phone'], 2: ['occupation', 'villageCode', 'declaredIncome'], 3: ['programs'] };

interface Quote { total: number; productDefault: boolean; minimumIncome: number; lines: { program: string; amount: number }[] }

export function Register() {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const [step, setStep] = useState(1);
  const [form, setForm] = useState({ nik: '', fullName: '', birthDate: '', sex: '', phone: '', occupation: '', declaredIncome: '' });
  const [village, setVillage] = useState<VillageChoice | null>(null);
  const [jht, setJht] = useState(false);
  const [vulnerable, setVulnerable] = useState(false);
  const [nikReads, setNikReads] = useState<string>();
  const [occupations, setOccupations] = useState<{ code: string; name: string; informal: boolean }[]>([]);
  const [quote, setQuote] = useState<Quote>();
  const [errors, setErrors] = useState<FormError[]>([]);
  const [general, setGeneral] = useState<string>();
  const [done, setDone] = useState<{ kpj: string; monthlyContribution: number }>();
  const [busy, setBusy] = useState(false);

  useEffect(() => { void api<{ items: typeof occupations }>('/api/v1/occupations').then((r) => setOccupations(r.items)); }, [lang]);
  const income = Number(form.declaredIncome.replace(/\D/g, '')) || 0;
  useEffect(() => {
    if (step !== 3) return;
    void api<Quote>(`/api/v1/registrations/bpu/quote?declaredIncome=${income}&includeJht=${jht}`).then(setQuote);
  }, [step, income, jht]);

  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  // the NIK tells the birth date and sex: fill them in, so a phone user types less
  async function readNik(nik: string) {
    if (!/^\d{16}$/.test(nik)) { setNikReads(undefined); return; }
    const r = await api<{ valid: boolean; birthDate: string | null; sex: 'M' | 'F' | null; errors: { message: string }[] }>(`/api/v1/nik/${nik}`);
    if (r.valid && r.birthDate && r.sex) {
      setForm((f) => ({ ...f, birthDate: f.birthDate || r.birthDate!, sex: f.sex || r.sex! }));
      setNikReads(fmt(w.nikReads, { date: r.birthDate.split('-').reverse().join('-'), sex: r.sex === 'F' ? w.female : w.male }));
      setErrors((e) => e.filter((x) => x.field !== 'nik'));
    } else {
      setNikReads(undefined);
      setErrors([{ field: 'nik', message: r.errors.map((x) => x.message).join(' ') }]);
    }
  }

  function missing(fields: string[]): FormError[] {
    const values: Record<string, string> = { ...form, villageCode: village?.code ?? '' };
    return fields.filter((f) => f !== 'programs' && !values[f]?.trim()).map((f) => ({ field: f, message: w.required }));
  }

  function next(e: FormEvent) {
    e.preventDefault();
    const m = missing(STEP_FIELDS[step]!);
    setGeneral(undefined);
    setErrors(m);
    if (!m.length) setStep(step + 1);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors([]);
    setGeneral(undefined);
    try {
      const r = await api<{ kpj: string; monthlyContribution: number }>('/api/v1/registrations/bpu', { method: 'POST', body: {
        nik: form.nik.trim(), fullName: form.fullName.trim(), birthDate: form.birthDate, sex: form.sex, phone: form.phone, villageCode: village?.code ?? '',
        occupation: form.occupation, declaredIncome: income, programs: jht ? ['JKK', 'JKM', 'JHT'] : ['JKK', 'JKM'], vulnerable,
      } });
      setDone(r);
    } catch (err) {
      if (err instanceof ApiProblem && err.code === 'already_registered') {
        // already a participant: say what to do (sign in), with the KPJ masked, on the NIK's step
        setGeneral(`${err.title}. ${err.detail}`);
        setErrors([{ field: 'nik', message: err.title }]);
        setStep(1);
      } else if (err instanceof ApiProblem && err.errors.length) {
        setErrors(err.errors.map((x) => ({ field: x.field, message: x.message })));
        // back to the first step with a problem
        const first = [1, 2, 3].find((s) => err.errors.some((x) => STEP_FIELDS[s]!.includes(x.field)));
        if (first) setStep(first);
      } else if (err instanceof ApiProblem && err.code !== 'network') {
        setGeneral(`${err.title}. ${err.detail}`);
      } else setGeneral(lang === 'id' ? 'Tidak dapat terhubung ke server. Coba lagi.' : 'Cannot reach the server. Try again.');
    } finally {
      setBusy(false);
    }
  }

  const errorFor = (f: string) => errors.find((x) => x.field === f)?.message;
  const labels: Record<string, string> = { nik: w.nik, fullName: w.fullName, birthDate: w.birthDate, sex: w.sex, phone: w.phone, occupation: w.occupation, villageCode: 'Desa', declaredIncome: w.income, programs: w.programs };

  if (done) {
    return (
      <div className="narrow">
        <h1>{w.doneTitle}</h1>
        <p>{w.yourKpj}:</p>
        <p className="big-number" aria-label={`KPJ ${done.kpj.split('').join(' ')}`}>{groupKpj(done.kpj)}</p>
        <p className="notice">{fmt(w.pendingNote, { amount: rupiah(done.monthlyContribution, lang) })}</p>
        <p><Link to="/masuk">{w.signIn}</Link></p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <p className="muted">{fmt(w.step, { n: step })}</p>
      <h1>{step === 1 ? w.title : step === 2 ? w.step2 : w.step3}</h1>
      {step === 1 && <p>{w.intro}</p>}
      <ErrorSummary errors={errors} general={general} labels={labels} />
      {step === 1 && (
        <form onSubmit={next} noValidate>
          <h2 className="visually-hidden">{w.step1}</h2>
          <Field id="nik" label={w.nik} inputMode="numeric" maxLength={16} autoComplete="off" value={form.nik} onChange={set('nik')} onBlur={(e) => void readNik(e.target.value.trim())} error={errorFor('nik')} hint={nikReads} />
          <Field id="fullName" label={w.fullName} autoComplete="name" value={form.fullName} onChange={set('fullName')} error={errorFor('fullName')} />
          <Field id="birthDate" label={w.birthDate} type="date" value={form.birthDate} onChange={set('birthDate')} error={errorFor('birthDate')} />
          <fieldset className={`field${errorFor('sex') ? ' field-error' : ''}`} id="sex">
            <legend>{w.sex}</legend>
            {errorFor('sex') && <p className="error-message">{errorFor('sex')}</p>}
            <label className="choice"><input type="radio" name="sex" value="M" checked={form.sex === 'M'} onChange={set('sex')} /> {w.maleLabel}</label>
            <label className="choice"><input type="radio" name="sex" value="F" checked={form.sex === 'F'} onChange={set('sex')} /> {w.femaleLabel}</label>
          </fieldset>
          <Field id="phone" label={w.phone} hint={w.phoneHint} type="tel" inputMode="tel" autoComplete="tel" value={form.phone} onChange={set('phone')} error={errorFor('phone')} />
          <button type="submit" className="primary">{w.next}</button>
        </form>
      )}
      {step === 2 && (
        <form onSubmit={next} noValidate>
          <div className={`field${errorFor('occupation') ? ' field-error' : ''}`}>
            <label htmlFor="occupation">{w.occupation}</label>
            {errorFor('occupation') && <p className="error-message" id="occupation-error">{errorFor('occupation')}</p>}
            <select id="occupation" value={form.occupation} onChange={set('occupation')} aria-invalid={errorFor('occupation') ? true : undefined}>
              <option value="">{w.choose}</option>
              {occupations.filter((o) => o.informal).map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
            </select>
          </div>
          <VillagePicker value={village} onChange={setVillage} error={errorFor('villageCode')} />
          <Field id="declaredIncome" label={w.income} hint={fmt(w.incomeHint, { min: rupiah(1_000_000, lang) })} inputMode="numeric" value={form.declaredIncome} onChange={set('declaredIncome')} error={errorFor('declaredIncome')} />
          <div className="actions">
            <button type="button" onClick={() => { setErrors([]); setStep(1); }}>{w.back}</button>
            <button type="submit" className="primary">{w.next}</button>
          </div>
        </form>
      )}
      {step === 3 && (
        <form onSubmit={submit} noValidate>
          <fieldset className={`field${errorFor('programs') ? ' field-error' : ''}`} id="programs">
            <legend>{w.programs}</legend>
            {errorFor('programs') && <p className="error-message">{errorFor('programs')}</p>}
            <label className="choice"><input type="checkbox" checked disabled /> {w.jkk}</label>
            <label className="choice"><input type="checkbox" checked disabled /> {w.jkm}</label>
            <label className="choice"><input type="checkbox" checked={jht} onChange={(e) => setJht(e.target.checked)} /> {w.jht}</label>
          </fieldset>
          <div className="field">
            <label className="choice"><input type="checkbox" name="vulnerable" checked={vulnerable} onChange={(e) => setVulnerable(e.target.checked)} aria-describedby="vulnerable-hint" /> {w.vulnerable}</label>
            <p className="hint" id="vulnerable-hint">{w.vulnerableHint}</p>
          </div>
          {quote && (
            <div className="quote" aria-live="polite">
              <table>
                <tbody>
                  {quote.lines.map((l) => <tr key={l.program}><th scope="row">{l.program}</th><td className="num">{rupiah(l.amount, lang)}</td></tr>)}
                </tbody>
                <tfoot><tr><th scope="row">{w.monthly}</th><td className="num"><strong>{rupiah(quote.total, lang)}</strong></td></tr></tfoot>
              </table>
              {quote.productDefault && <p className="muted">{w.defaultNote}</p>}
            </div>
          )}
          <div className="actions">
            <button type="button" onClick={() => { setErrors([]); setStep(2); }}>{w.back}</button>
            <button type="submit" className="primary" disabled={busy}>{w.submit}</button>
          </div>
        </form>
      )}
    </div>
  );
}
