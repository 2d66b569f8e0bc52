/**
 * The employer portal: the workforce, reporting a joiner, and uploading the whole workforce as a
 * CSV or XLSX file — checked first, errors reported row by row, applied only when the HR confirms.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, Navigate, useParams } from 'react-router-dom';
import { api, ApiProblem } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { EmployerBills } from '../components/EmployerBills.tsx';
import { ErrorSummary, Field, type FormError } from '../components/Form.tsx';
import { LoadState } from '../components/Status.tsx';
import { currentLang, fmt, rupiah, useI18n, useWords } from '../i18n.tsx';
import { useApi } from '../useApi.ts';

interface EmployerView { id: number; npp: string; legalName: string; sector: string; sizeClass: string; branchName: string; openEmployments: number; riskClass: number }
interface Worker { employmentId: number; nikMasked: string; fullName: string; kpj: string; contractType: string; startDate: string; wage: number | null; employeeRef: string | null }
interface UploadResult {
  id: number; status: 'rejected' | 'validated' | 'applied'; totalRows: number; errorRows: number; repeated: boolean;
  summary: { newWorkers?: number; newPeople?: number; wageChanges?: number; endings?: number; unchanged?: number };
  errors: { row: number; column: string; value: string | null; message: string }[];
}

const WORDS = {
  employers: { id: 'Perusahaan', en: 'Employers' },
  npp: { id: 'NPP', en: 'NPP' },
  branch: { id: 'Kantor cabang', en: 'Branch office' },
  workers: { id: 'Tenaga kerja aktif', en: 'Active workers' },
  uploadTitle: { id: 'Unggah data seluruh tenaga kerja', en: 'Upload the whole workforce' },
  uploadHint: { id: 'Berkas CSV atau XLSX dengan baris judul kolom. Berkas diperiksa dahulu; tidak ada yang berubah sebelum Anda menekan Terapkan.', en: 'A CSV or XLSX file with a header row. The file is checked first; nothing changes until you press Apply.' },
  file: { id: 'Berkas tenaga kerja', en: 'Workforce file' },
  template: { id: 'Unduh contoh berkas (CSV)', en: 'Download a template (CSV)' },
  check: { id: 'Periksa berkas', en: 'Check file' },
  checking: { id: 'Memeriksa…', en: 'Checking…' },
  chooseFile: { id: 'Pilih berkas terlebih dahulu.', en: 'Choose a file first.' },
  rejected: { id: '{n} dari {total} baris berisi kesalahan. Tidak ada yang diterapkan. Perbaiki lalu unggah lagi.', en: '{n} of {total} rows have errors. Nothing was applied. Fix them and upload again.' },
  report: { id: 'Unduh laporan kesalahan per baris (CSV)', en: 'Download the per-row error report (CSV)' },
  row: { id: 'Baris', en: 'Row' },
  column: { id: 'Kolom', en: 'Column' },
  value: { id: 'Isi', en: 'Value' },
  error: { id: 'Kesalahan', en: 'Error' },
  validated: { id: 'Berkas benar: {total} baris. Bila diterapkan:', en: 'The file is correct: {total} rows. If applied:' },
  repeated: { id: 'Berkas ini sudah pernah diunggah; hasil sebelumnya ditampilkan.', en: 'This file was uploaded before; the earlier result is shown.' },
  newWorkers: { id: 'pekerja baru', en: 'new workers' },
  wageChanges: { id: 'perubahan upah', en: 'wage changes' },
  endings: { id: 'pekerja berhenti', en: 'leavers' },
  unchanged: { id: 'tidak berubah', en: 'unchanged' },
  apply: { id: 'Terapkan', en: 'Apply' },
  applied: { id: 'Diterapkan. Data tenaga kerja sudah diperbarui.', en: 'Applied. The workforce is up to date.' },
  name: { id: 'Nama', en: 'Name' },
  nik: { id: 'NIK', en: 'NIK' },
  kpj: { id: 'KPJ', en: 'KPJ' },
  contract: { id: 'Kontrak', en: 'Contract' },
  start: { id: 'Mulai', en: 'Start' },
  wage: { id: 'Upah', en: 'Wage' },
  addWorker: { id: 'Laporkan satu pekerja baru', en: 'Report one new worker' },
  fullName: { id: 'Nama lengkap', en: 'Full name' },
  birthDate: { id: 'Tanggal lahir', en: 'Date of birth' },
  sex: { id: 'Jenis kelamin', en: 'Sex' },
  male: { id: 'Laki-laki', en: 'Male' },
  female: { id: 'Perempuan', en: 'Female' },
  contractType: { id: 'Jenis kontrak', en: 'Contract type' },
  startDate: { id: 'Tanggal mulai kerja', en: 'Start date' },
  monthlyWage: { id: 'Upah per bulan (Rp)', en: 'Monthly wage (Rp)' },
  save: { id: 'Simpan', en: 'Save' },
  saved: { id: 'Pekerja dilaporkan.', en: 'Worker reported.' },
  none: { id: 'Belum ada tenaga kerja.', en: 'No workers yet.' },
  network: { id: 'Tidak dapat terhubung ke server.', en: 'Cannot reach the server.' },
};

/** An employer admin with one company goes straight to it; staff see the employers in their scope. */
export function Employers() {
  const w = useWords(WORDS);
  const { me } = useAuth();
  const { data, loading, error } = useApi<{ items: EmployerView[] }>('/api/v1/employers');
  if (me?.role === 'employer_admin' && data?.items.length === 1) return <Navigate to={`/perusahaan/${data.items[0]!.id}`} replace />;
  return (
    <>
      <h1>{w.employers}</h1>
      <LoadState loading={loading} error={error} />
      {data && (
        <ul className="list">
          {data.items.map((e) => <li key={e.id}><Link to={`/perusahaan/${e.id}`}>{e.legalName}</Link> <span className="muted">NPP {e.npp} · {e.branchName}</span></li>)}
        </ul>
      )}
    </>
  );
}

export function Employer() {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const { id } = useParams();
  const employer = useApi<EmployerView>(`/api/v1/employers/${id}`);
  const workers = useApi<{ items: Worker[]; total: number }>(`/api/v1/employers/${id}/workers?limit=200`);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<UploadResult>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  useEffect(() => { setResult(undefined); }, [id]);

  async function check(e: FormEvent) {
    e.preventDefault();
    if (!file) { setProblem(w.chooseFile); return; }
    setBusy(true);
    setProblem(undefined);
    try {
      const type = /\.xlsx$/i.test(file.name) ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
      const res = await fetch(`/api/v1/employers/${id}/workforce-uploads?fileName=${encodeURIComponent(file.name)}`, {
        method: 'POST', body: file, credentials: 'same-origin', headers: { 'content-type': type, 'accept-language': currentLang() },
      });
      const body = await res.json();
      if (!res.ok) setProblem(`${body.title}. ${body.detail}${body.errors?.length ? ` (${body.errors.map((x: { field: string }) => x.field).join(', ')})` : ''}`);
      else setResult(body);
    } catch {
      setProblem(w.network);
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    if (!result) return;
    setBusy(true);
    try {
      setResult(await api<UploadResult>(`/api/v1/employers/${id}/workforce-uploads/${result.id}/apply`, { method: 'POST' }));
      workers.reload();
      employer.reload();
    } catch (err) {
      setProblem(err instanceof ApiProblem ? `${err.title}. ${err.detail}` : w.network);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <LoadState loading={employer.loading} error={employer.error} />
      {employer.data && (
        <>
          <h1>{employer.data.legalName}</h1>
          <dl className="facts">
            <dt>{w.npp}</dt><dd>{employer.data.npp}</dd>
            <dt>{w.branch}</dt><dd>{employer.data.branchName}</dd>
            <dt>{w.workers}</dt><dd>{employer.data.openEmployments}</dd>
          </dl>
        </>
      )}
      {employer.data && <EmployerBills employerId={employer.data.id} />}

      <section aria-labelledby="upload-title">
        <h2 id="upload-title">{w.uploadTitle}</h2>
        <p>{w.uploadHint} <a href={`/api/v1/employers/${id}/workforce-template.csv`}>{w.template}</a></p>
        {problem && <div className="error-summary" role="alert"><p>{problem}</p></div>}
        <form onSubmit={check} noValidate>
          <div className="field">
            <label htmlFor="workforce-file">{w.file}</label>
            <input id="workforce-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => { setFile(e.target.files?.[0] ?? null); setResult(undefined); setProblem(undefined); }} />
          </div>
          <button type="submit" className="primary" disabled={busy}>{busy ? w.checking : w.check}</button>
        </form>
        {result && <UploadOutcome result={result} employerId={Number(id)} onApply={apply} busy={busy} />}
      </section>

      <section aria-labelledby="workers-title">
        <h2 id="workers-title">{w.workers}{workers.data ? ` (${workers.data.total})` : ''}</h2>
        <LoadState loading={workers.loading} error={workers.error} />
        {workers.data && (workers.data.items.length === 0 ? <p>{w.none}</p> : (
          <div className="table-wrap" tabIndex={0}>
            <table>
              <thead><tr><th scope="col">{w.name}</th><th scope="col">{w.nik}</th><th scope="col">{w.kpj}</th><th scope="col">{w.contract}</th><th scope="col">{w.start}</th><th scope="col" className="num">{w.wage}</th></tr></thead>
              <tbody>
                {workers.data.items.map((x) => (
                  <tr key={x.employmentId}><th scope="row">{x.fullName}</th><td>{x.nikMasked}</td><td>{x.kpj}</td><td>{x.contractType}</td><td>{x.startDate}</td><td className="num">{x.wage === null ? '—' : rupiah(x.wage, lang)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
        <AddWorker employerId={Number(id)} onSaved={() => { workers.reload(); employer.reload(); }} />
      </section>
    </>
  );
}

function UploadOutcome({ result, employerId, onApply, busy }: { result: UploadResult; employerId: number; onApply(): void; busy: boolean }) {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  if (result.status === 'rejected') {
    return (
      <div className="outcome" role="status">
        <div className="error-summary">
          <h3>{fmt(w.rejected, { n: result.errorRows, total: result.totalRows })}</h3>
          <p><a href={`/api/v1/employers/${employerId}/workforce-uploads/${result.id}/errors.csv?lang=${lang}`}>{w.report}</a></p>
        </div>
        <div className="table-wrap" tabIndex={0}>
          <table>
            <thead><tr><th scope="col">{w.row}</th><th scope="col">{w.column}</th><th scope="col">{w.value}</th><th scope="col">{w.error}</th></tr></thead>
            <tbody>{result.errors.map((e, i) => <tr key={i}><td>{e.row}</td><td>{e.column}</td><td>{e.value}</td><td>{e.message}</td></tr>)}</tbody>
          </table>
        </div>
      </div>
    );
  }
  if (result.status === 'applied') return <p className="notice" role="status">{w.applied}</p>;
  const s = result.summary;
  return (
    <div className="outcome notice" role="status">
      {result.repeated && <p>{w.repeated}</p>}
      <p>{fmt(w.validated, { total: result.totalRows })}</p>
      <ul>
        <li>{s.newWorkers ?? 0} {w.newWorkers}</li>
        <li>{s.wageChanges ?? 0} {w.wageChanges}</li>
        <li>{s.endings ?? 0} {w.endings}</li>
        <li>{s.unchanged ?? 0} {w.unchanged}</li>
      </ul>
      <button type="button" className="primary" onClick={onApply} disabled={busy}>{w.apply}</button>
    </div>
  );
}

function AddWorker({ employerId, onSaved }: { employerId: number; onSaved(): void }) {
  const w = useWords(WORDS);
  const [form, setForm] = useState({ nik: '', fullName: '', birthDate: '', sex: 'M', contractType: 'PKWTT', startDate: '', wage: '' });
  const [errors, setErrors] = useState<FormError[]>([]);
  const [general, setGeneral] = useState<string>();
  const [saved, setSaved] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    setErrors([]);
    setGeneral(undefined);
    try {
      await api(`/api/v1/employers/${employerId}/workers`, { method: 'POST', body: { ...form, wage: Number(form.wage.replace(/\D/g, '')) || 0 } });
      setSaved(true);
      setForm({ nik: '', fullName: '', birthDate: '', sex: 'M', contractType: 'PKWTT', startDate: '', wage: '' });
      onSaved();
    } catch (err) {
      if (err instanceof ApiProblem && err.errors.length) setErrors(err.errors.map((x) => ({ field: x.field, message: x.message })));
      else setGeneral(err instanceof ApiProblem ? `${err.title}. ${err.detail}` : w.network);
    }
  }
  const errorFor = (f: string) => errors.find((x) => x.field === f)?.message;
  return (
    <details className="add-worker">
      <summary>{w.addWorker}</summary>
      <ErrorSummary errors={errors} general={general} labels={{ nik: w.nik, fullName: w.fullName, birthDate: w.birthDate, sex: w.sex, startDate: w.startDate, wage: w.monthlyWage }} />
      {saved && <p className="notice" role="status">{w.saved}</p>}
      <form onSubmit={save} noValidate>
        <Field id="nik" label={w.nik} inputMode="numeric" maxLength={16} value={form.nik} onChange={set('nik')} error={errorFor('nik')} />
        <Field id="fullName" label={w.fullName} value={form.fullName} onChange={set('fullName')} error={errorFor('fullName')} />
        <Field id="birthDate" label={w.birthDate} type="date" value={form.birthDate} onChange={set('birthDate')} error={errorFor('birthDate')} />
        <div className="field">
          <label htmlFor="sex">{w.sex}</label>
          <select id="sex" value={form.sex} onChange={set('sex')}><option value="M">{w.male}</option><option value="F">{w.female}</option></select>
        </div>
        <div className="field">
          <label htmlFor="contractType">{w.contractType}</label>
          <select id="contractType" value={form.contractType} onChange={set('contractType')}><option value="PKWTT">PKWTT</option><option value="PKWT">PKWT</option></select>
        </div>
        <Field id="startDate" label={w.startDate} type="date" value={form.startDate} onChange={set('startDate')} error={errorFor('startDate')} />
        <Field id="wage" label={w.monthlyWage} inputMode="numeric" value={form.wage} onChange={set('wage')} error={errorFor('wage')} />
        <button type="submit" className="primary">{w.save}</button>
      </form>
    </details>
  );
}
