/** The public contribution calculator: the same quote the bills use, for any segment and month. */
import { useState, type FormEvent } from 'react';
import { api, ApiProblem } from '../api.ts';
import { ErrorSummary, Field, type FormError } from '../components/Form.tsx';
import { PROGRAMS, useLookup } from '../domain-words.ts';
import { rupiah, useI18n, useWords } from '../i18n.tsx';

type Segment = 'PU' | 'BPU' | 'JAKON' | 'PMI';
interface Quote {
  lines: { program: string; payer: string; phase?: string; base: number | null; rate: string | null; amount: number; productDefault: boolean }[];
  totals: { employer: number; worker: number; participant: number; total: number };
}

const WORDS = {
  title: { id: 'Kalkulator iuran', en: 'Contribution calculator' },
  intro: { id: 'Hitung iuran bulanan menurut aturan yang berlaku pada bulan itu.', en: 'Work out the monthly contribution under the rules in force that month.' },
  segment: { id: 'Jenis peserta', en: 'Kind of participant' },
  PU: { id: 'Penerima Upah (pekerja perusahaan)', en: 'Wage earner (company worker)' },
  BPU: { id: 'Bukan Penerima Upah (pekerja mandiri)', en: 'Informal / self-employed worker' },
  JAKON: { id: 'Jasa Konstruksi (proyek)', en: 'Construction project' },
  PMI: { id: 'Pekerja Migran Indonesia', en: 'Indonesian migrant worker' },
  period: { id: 'Bulan iuran', en: 'Contribution month' },
  wage: { id: 'Upah per bulan (Rp)', en: 'Monthly wage (Rp)' },
  riskClass: { id: 'Kelompok risiko kerja', en: 'Work risk class' },
  risk1: { id: '1 — sangat rendah', en: '1 — very low' },
  risk2: { id: '2 — rendah', en: '2 — low' },
  risk3: { id: '3 — sedang', en: '3 — medium' },
  risk4: { id: '4 — tinggi', en: '4 — high' },
  risk5: { id: '5 — sangat tinggi', en: '5 — very high' },
  laborIntensive: { id: 'Industri padat karya yang berhak diskon JKK', en: 'Labour-intensive industry eligible for the JKK discount' },
  declaredIncome: { id: 'Penghasilan per bulan (Rp)', en: 'Monthly income (Rp)' },
  includeJht: { id: 'Ikut JHT (tabungan hari tua)', en: 'Include JHT (old-age savings)' },
  contractValue: { id: 'Nilai kontrak proyek (Rp)', en: 'Project contract value (Rp)' },
  contractMonths: { id: 'Lama kontrak kerja (bulan)', en: 'Length of the work contract (months)' },
  calculate: { id: 'Hitung', en: 'Calculate' },
  program: { id: 'Program', en: 'Programme' },
  payer: { id: 'Dibayar oleh', en: 'Paid by' },
  base: { id: 'Dasar', en: 'Base' },
  rate: { id: 'Tarif', en: 'Rate' },
  amount: { id: 'Jumlah', en: 'Amount' },
  employer: { id: 'pemberi kerja', en: 'employer' },
  worker: { id: 'pekerja', en: 'worker' },
  participant: { id: 'peserta', en: 'participant' },
  government: { id: 'pemerintah (tidak ditagihkan)', en: 'government (not billed)' },
  total: { id: 'Total dibayar', en: 'Total to pay' },
  defaultNote: { id: 'Baris bertanda * memakai nilai bawaan yang belum dikonfirmasi regulasi.', en: 'Lines marked * use a default not yet confirmed by regulation.' },
  flat: { id: 'tetap', en: 'flat' },
  required: { id: 'Wajib diisi.', en: 'This field is required.' },
};

const thisMonth = () => new Date().toISOString().slice(0, 7);

export function Calculator() {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const program = useLookup(PROGRAMS);
  const [segment, setSegment] = useState<Segment>('BPU');
  const [form, setForm] = useState({ period: thisMonth(), wage: '', riskClass: '1', declaredIncome: '1000000', contractValue: '', contractMonths: '24' });
  const [laborIntensive, setLaborIntensive] = useState(false);
  const [jht, setJht] = useState(false);
  const [quote, setQuote] = useState<Quote>();
  const [errors, setErrors] = useState<FormError[]>([]);
  const [general, setGeneral] = useState<string>();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const num = (v: string) => (v.trim() ? Number(v.replace(/\D/g, '')) : undefined);

  async function calculate(e: FormEvent) {
    e.preventDefault();
    setErrors([]);
    setGeneral(undefined);
    const body: Record<string, unknown> = { segment, period: form.period };
    if (segment === 'PU') Object.assign(body, { wage: num(form.wage), riskClass: Number(form.riskClass), laborIntensiveDiscount: laborIntensive });
    if (segment === 'BPU') Object.assign(body, { declaredIncome: num(form.declaredIncome), includeJht: jht });
    if (segment === 'JAKON') Object.assign(body, { contractValue: num(form.contractValue) });
    if (segment === 'PMI') Object.assign(body, { contractMonths: num(form.contractMonths) });
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    try {
      setQuote(await api<Quote>('/api/v1/quotes/contribution', { method: 'POST', body }));
    } catch (err) {
      setQuote(undefined);
      if (err instanceof ApiProblem && err.errors.length) setErrors(err.errors.map((x) => ({ field: x.field, message: x.message })));
      else setGeneral(err instanceof ApiProblem ? `${err.title}. ${err.detail}` : '');
    }
  }

  const errorFor = (f: string) => errors.find((x) => x.field === f)?.message;
  const payer = (p: string) => w[p as 'employer'] ?? p;
  return (
    <div className="narrow">
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      <ErrorSummary errors={errors} general={general} labels={{ period: w.period, wage: w.wage, riskClass: w.riskClass, declaredIncome: w.declaredIncome, contractValue: w.contractValue, contractMonths: w.contractMonths }} />
      <form onSubmit={calculate} noValidate>
        <fieldset className="field">
          <legend>{w.segment}</legend>
          {(['BPU', 'PU', 'JAKON', 'PMI'] as const).map((s) => (
            <label key={s} className="choice"><input type="radio" name="segment" checked={segment === s} onChange={() => { setSegment(s); setQuote(undefined); setErrors([]); }} /> {w[s]}</label>
          ))}
        </fieldset>
        <Field id="period" label={w.period} type="month" value={form.period} onChange={set('period')} error={errorFor('period')} />
        {segment === 'PU' && (
          <>
            <Field id="wage" label={w.wage} inputMode="numeric" value={form.wage} onChange={set('wage')} error={errorFor('wage')} />
            <div className="field">
              <label htmlFor="riskClass">{w.riskClass}</label>
              <select id="riskClass" value={form.riskClass} onChange={set('riskClass')}>
                {[1, 2, 3, 4, 5].map((c) => <option key={c} value={c}>{w[`risk${c}` as 'risk1']}</option>)}
              </select>
            </div>
            <label className="choice"><input type="checkbox" checked={laborIntensive} onChange={(e) => setLaborIntensive(e.target.checked)} /> {w.laborIntensive}</label>
          </>
        )}
        {segment === 'BPU' && (
          <>
            <Field id="declaredIncome" label={w.declaredIncome} inputMode="numeric" value={form.declaredIncome} onChange={set('declaredIncome')} error={errorFor('declaredIncome')} />
            <label className="choice"><input type="checkbox" checked={jht} onChange={(e) => setJht(e.target.checked)} /> {w.includeJht}</label>
          </>
        )}
        {segment === 'JAKON' && <Field id="contractValue" label={w.contractValue} inputMode="numeric" value={form.contractValue} onChange={set('contractValue')} error={errorFor('contractValue')} />}
        {segment === 'PMI' && <Field id="contractMonths" label={w.contractMonths} inputMode="numeric" value={form.contractMonths} onChange={set('contractMonths')} error={errorFor('contractMonths')} />}
        <button type="submit" className="primary">{w.calculate}</button>
      </form>
      {quote && (
        <section aria-labelledby="quote-title" className="quote">
          <h2 id="quote-title">{w.total}: {rupiah(quote.totals.total, lang)}</h2>
          <div className="table-wrap" tabIndex={0}>
            <table>
              <thead><tr><th scope="col">{w.program}</th><th scope="col">{w.payer}</th><th scope="col">{w.rate}</th><th scope="col" className="num">{w.amount}</th></tr></thead>
              <tbody>
                {quote.lines.map((l, i) => (
                  <tr key={i}>
                    <th scope="row"><abbr title={program(l.program)}>{l.program}</abbr>{l.productDefault ? ' *' : ''}</th>
                    <td>{payer(l.payer)}</td>
                    <td>{l.rate ? `${l.rate.replace('.', lang === 'id' ? ',' : '.')}% × ${rupiah(l.base ?? 0, lang)}` : w.flat}</td>
                    <td className="num">{rupiah(l.amount, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {quote.lines.some((l) => l.productDefault) && <p className="muted">{w.defaultNote}</p>}
        </section>
      )}
    </div>
  );
}
