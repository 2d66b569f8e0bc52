/**
 * A new GN Lingkaran campaign, by an officer or a company donor: a title, how many workers for how
 * many months, where (a province, a regency or a district) and which informal occupations. The goal
 * is computed by the server from the rules in force and shown before creating.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api.ts';
import { ErrorSummary, Field, type FormError } from '../../components/Form.tsx';
import { fmt, rupiah, useI18n, useWords } from '../../i18n.tsx';
import { useApi } from '../../useApi.ts';
import { problemOf } from '../MyFamily.tsx';
import type { Campaign } from './shared.ts';

interface Region { code: string; name: string }

const WORDS = {
  title: { id: 'Buat kampanye GN Lingkaran', en: 'Create a GN Lingkaran campaign' },
  name: { id: 'Judul kampanye', en: 'Campaign title' },
  description: { id: 'Keterangan', en: 'Description' },
  workers: { id: 'Jumlah pekerja', en: 'Number of workers' },
  months: { id: 'Lama perlindungan (bulan)', en: 'Months of protection' },
  province: { id: 'Provinsi', en: 'Province' },
  regency: { id: 'Kabupaten/kota', en: 'Regency or city' },
  district: { id: 'Kecamatan', en: 'District' },
  whole: { id: '(seluruhnya)', en: '(all of it)' },
  choose: { id: 'Pilih…', en: 'Choose…' },
  occupations: { id: 'Pekerjaan (kosongkan untuk semua pekerjaan informal)', en: 'Occupations (none for any informal occupation)' },
  unused: { id: 'Bila dana tidak terpakai', en: 'If money cannot be used' },
  reallocate: { id: 'Pindahkan ke dana umum GN Lingkaran', en: 'Move it to the GN Lingkaran general pool' },
  refund: { id: 'Kembalikan ke donatur', en: 'Refund it to the donors' },
  goal: { id: 'Target dana: {goal} ({workers} pekerja × {months} bulan × {monthly} JKK + JKM).', en: 'Funding goal: {goal} ({workers} workers × {months} months × {monthly} JKK + JKM).' },
  create: { id: 'Buat kampanye', en: 'Create the campaign' },
  required: { id: 'Wajib diisi.', en: 'Required.' },
};

export function NewCampaign() {
  const w = useWords(WORDS);
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [form, setForm] = useState({ title: '', description: '', workers: '10', months: '6', province: '', regency: '', district: '', unusedPolicy: 'reallocate' });
  const [occupations, setOccupations] = useState<string[]>([]);
  const [regencies, setRegencies] = useState<Region[]>([]);
  const [districts, setDistricts] = useState<Region[]>([]);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [general, setGeneral] = useState<string>();
  const [busy, setBusy] = useState(false);
  const provinces = useApi<{ items: Region[] }>('/api/v1/regions');
  const jobs = useApi<{ items: { code: string; name: string; informal: boolean }[] }>('/api/v1/occupations');
  const pool = useApi<{ campaigns: Campaign[] }>('/api/v1/lingkaran/summary').data?.campaigns.find((c) => c.isPool);
  useEffect(() => { setRegencies([]); if (form.province) void api<{ items: Region[] }>(`/api/v1/regions?parent=${form.province}`).then((r) => setRegencies(r.items)); }, [form.province]);
  useEffect(() => { setDistricts([]); if (form.regency) void api<{ items: Region[] }>(`/api/v1/regions?parent=${form.regency}`).then((r) => setDistricts(r.items)); }, [form.regency]);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({
    ...f, [k]: e.target.value, ...(k === 'province' ? { regency: '', district: '' } : k === 'regency' ? { district: '' } : {}),
  }));
  const region = form.district || form.regency || form.province;
  const workers = Number(form.workers) || 0;
  const months = Number(form.months) || 0;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: FormError[] = [];
    if (!form.title.trim()) missing.push({ field: 'title', message: w.required });
    if (!region) missing.push({ field: 'province', message: w.required });
    setErrors(missing);
    setGeneral(undefined);
    if (missing.length) return;
    setBusy(true);
    try {
      const r = await api<{ code: string }>('/api/v1/lingkaran/campaigns', { method: 'POST', body: {
        title: form.title.trim(), description: form.description.trim(), targetWorkers: workers, months, regionCodes: [region], occupationCodes: occupations, unusedPolicy: form.unusedPolicy,
      } });
      navigate(`/lingkaran/${r.code}`);
    } catch (err) {
      const p = problemOf(err, t('networkError'), { targetWorkers: 'workers', regionCodes: 'province', occupationCodes: 'occupations' });
      setErrors(p.errors);
      setGeneral(p.general);
    } finally {
      setBusy(false);
    }
  }
  const errorFor = (f: string) => errors.find((x) => x.field === f)?.message;
  const select = (id: 'province' | 'regency' | 'district', label: string, items: Region[], none: string) => (
    <div className={`field${errorFor(id) ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {errorFor(id) && <p className="error-message">{errorFor(id)}</p>}
      <select id={id} value={form[id]} onChange={set(id)}>
        <option value="">{none}</option>
        {items.map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
      </select>
    </div>
  );
  return (
    <>
      <h1>{w.title}</h1>
      <ErrorSummary errors={errors} general={general} labels={{ title: w.name, workers: w.workers, months: w.months, province: w.province, occupations: w.occupations }} />
      <form onSubmit={submit} noValidate>
        <Field id="title" label={w.name} value={form.title} onChange={set('title')} error={errorFor('title')} />
        <div className="field">
          <label htmlFor="description">{w.description}</label>
          <textarea id="description" rows={3} value={form.description} onChange={set('description')} />
        </div>
        <Field id="workers" label={w.workers} type="number" min={1} value={form.workers} onChange={set('workers')} error={errorFor('workers')} />
        <div className="field">
          <label htmlFor="months">{w.months}</label>
          <select id="months" value={form.months} onChange={set('months')}>{Array.from({ length: 12 }, (_, i) => <option key={i + 1} value={i + 1}>{i + 1}</option>)}</select>
        </div>
        {select('province', w.province, provinces.data?.items ?? [], w.choose)}
        {form.province && select('regency', w.regency, regencies, w.whole)}
        {form.regency && select('district', w.district, districts, w.whole)}
        <fieldset className={`field${errorFor('occupations') ? ' field-error' : ''}`} id="occupations">
          <legend>{w.occupations}</legend>
          {errorFor('occupations') && <p className="error-message">{errorFor('occupations')}</p>}
          {jobs.data?.items.filter((j) => j.informal && j.code !== 'other').map((j) => (
            <label className="choice" key={j.code}>
              <input type="checkbox" value={j.code} checked={occupations.includes(j.code)}
                onChange={(e) => setOccupations((o) => (e.target.checked ? [...o, j.code] : o.filter((x) => x !== j.code)))} /> {j.name}
            </label>
          ))}
        </fieldset>
        <fieldset className="field">
          <legend>{w.unused}</legend>
          <label className="choice"><input type="radio" name="unusedPolicy" value="reallocate" checked={form.unusedPolicy === 'reallocate'} onChange={set('unusedPolicy')} /> {w.reallocate}</label>
          <label className="choice"><input type="radio" name="unusedPolicy" value="refund" checked={form.unusedPolicy === 'refund'} onChange={set('unusedPolicy')} /> {w.refund}</label>
        </fieldset>
        {pool && workers > 0 && months > 0 && (
          <p role="status">{fmt(w.goal, { goal: rupiah(workers * months * pool.monthlyAmount, lang), workers, months, monthly: rupiah(pool.monthlyAmount, lang) })}</p>
        )}
        <div className="actions"><button type="submit" className="primary" disabled={busy}>{w.create}</button></div>
      </form>
    </>
  );
}
