/**
 * A participant's family: who may claim if the participant dies, which children may receive a
 * scholarship, and a short form to add a member. The list and the form are shared with the
 * officer's person page (/orang/:id), which records family for a participant at the counter.
 */
import { useState, type FormEvent } from 'react';
import { api, ApiProblem } from '../api.ts';
import { ErrorSummary, Field, type FormError } from '../components/Form.tsx';
import { LoadState } from '../components/Status.tsx';
import { fmt, useI18n, useWords, type Lang } from '../i18n.tsx';
import { useApi } from '../useApi.ts';

export type Relation = 'spouse' | 'child' | 'parent' | 'grandchild' | 'sibling';

export interface FamilyMember {
  id: number;
  relation: Relation;
  fullName: string;
  nikMasked: string | null;
  birthDate: string;
  sex: string;
  married: boolean;
  working: boolean;
  deceased: boolean;
  mayClaim: boolean;
  scholarshipEligible: boolean;
}

const WORDS = {
  title: { id: 'Keluarga saya', en: 'My family' },
  intro: { id: 'Catat suami/istri, anak, dan orang tua Anda. Bila Anda meninggal dunia, merekalah ahli waris yang boleh mengajukan klaim, dan anak Anda dapat menerima beasiswa.', en: 'Record your spouse, children and parents. If you die, they are the heirs who may claim, and your children may receive a scholarship.' },
  noAccount: { id: 'Akun Anda belum terhubung dengan data kepesertaan, jadi keluarga belum dapat dicatat di sini. Hubungi kantor cabang terdekat.', en: 'Your account is not yet linked to a participant record, so family cannot be recorded here yet. Contact the nearest branch office.' },
  listTitle: { id: 'Anggota keluarga tercatat', en: 'Family members recorded' },
  none: { id: 'Belum ada anggota keluarga yang dicatat.', en: 'No family members recorded yet.' },
  markersNote: { id: 'Ahli waris menurut urutan: suami/istri dan anak; bila tidak ada, orang tua; lalu cucu; lalu saudara kandung. Beasiswa untuk paling banyak 2 anak di bawah 23 tahun yang belum menikah dan belum bekerja.', en: 'Heirs in order: spouse and children; if none, parents; then grandchildren; then siblings. Scholarships go to at most 2 children under 23 who are unmarried and not working.' },
  born: { id: 'lahir {date}', en: 'born {date}' },
  age: { id: '{n} tahun', en: '{n} years old' },
  mayClaim: { id: 'Boleh mengajukan klaim', en: 'May claim' },
  scholarship: { id: 'Berhak beasiswa', en: 'Eligible for a scholarship' },
  deceased: { id: 'Sudah meninggal', en: 'Deceased' },
  marriedShort: { id: 'sudah menikah', en: 'married' },
  workingShort: { id: 'sudah bekerja', en: 'working' },
  noNik: { id: 'NIK belum dicatat', en: 'NIK not recorded' },
  addTitle: { id: 'Tambah anggota keluarga', en: 'Add a family member' },
  relation: { id: 'Hubungan keluarga', en: 'Relationship' },
  choose: { id: 'Pilih…', en: 'Choose…' },
  spouse: { id: 'Suami/istri', en: 'Spouse' },
  child: { id: 'Anak', en: 'Child' },
  parent: { id: 'Orang tua', en: 'Parent' },
  grandchild: { id: 'Cucu', en: 'Grandchild' },
  sibling: { id: 'Saudara kandung', en: 'Brother or sister' },
  fullName: { id: 'Nama lengkap', en: 'Full name' },
  nik: { id: 'NIK (boleh dikosongkan)', en: 'NIK (optional)' },
  nikHint: { id: '16 angka di KTP atau Kartu Keluarga. Kosongkan bila belum ada, misalnya untuk bayi.', en: '16 digits on the ID card or family card. Leave empty if there is none yet, for a baby for example.' },
  birthDate: { id: 'Tanggal lahir', en: 'Date of birth' },
  sex: { id: 'Jenis kelamin', en: 'Sex' },
  male: { id: 'Laki-laki', en: 'Male' },
  female: { id: 'Perempuan', en: 'Female' },
  situation: { id: 'Keadaan saat ini', en: 'Current situation' },
  situationHint: { id: 'Untuk anak, ini menentukan hak beasiswa.', en: 'For a child, this decides the scholarship.' },
  married: { id: 'Sudah menikah', en: 'Married' },
  working: { id: 'Sudah bekerja', en: 'Working' },
  save: { id: 'Simpan anggota keluarga', en: 'Save family member' },
  saving: { id: 'Menyimpan…', en: 'Saving…' },
  saved: { id: '{name} sudah dicatat.', en: '{name} has been recorded.' },
  required: { id: 'Wajib diisi.', en: 'This field is required.' },
};

export const familyWords = WORDS;

const locale = (lang: Lang) => (lang === 'id' ? 'id-ID' : 'en-GB');

/** 2015-05-03 → "3 Mei 2015" / "3 May 2015"; a timestamp is shown in Jakarta time. */
export function formatDate(iso: string, lang: Lang): string {
  const dateOnly = iso.length === 10;
  return new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'long', year: 'numeric', timeZone: dateOnly ? 'UTC' : 'Asia/Jakarta' })
    .format(new Date(dateOnly ? `${iso}T00:00:00Z` : iso));
}

/** 2027-01-15 → "Jumat, 15 Januari 2027" / "Friday, 15 January 2027". */
export function formatWeekdayDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

/** 2026-01-01 → "Januari 2026" / "January 2026". */
export function formatMonth(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 7)}-01T00:00:00Z`));
}

function ageToday(birthDate: string): number {
  const now = new Date();
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const month = now.getMonth() + 1;
  return now.getFullYear() - y - (month < m || (month === m && now.getDate() < d) ? 1 : 0);
}

/** The server's localized problem as form errors: one per field, and its title and detail on top. */
export function problemOf(err: unknown, networkText: string, fieldIds: Record<string, string> = {}): { errors: FormError[]; general: string } {
  if (err instanceof ApiProblem && err.code !== 'network') {
    return {
      errors: err.errors.map((x) => ({ field: fieldIds[x.field] ?? x.field, message: x.message })),
      general: [err.title, err.detail].filter(Boolean).join('. '),
    };
  }
  return { errors: [], general: networkText };
}

export function FamilyList({ items }: { items: FamilyMember[] }) {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  if (!items.length) return <p>{w.none}</p>;
  return (
    <>
      <ul className="people-list">
        {items.map((m) => (
          <li key={m.id}>
            <p className="person-name"><strong>{m.fullName}</strong> <span className="muted">· {w[m.relation]}</span></p>
            <p className="muted">
              {m.sex === 'F' ? w.female : w.male} · {fmt(w.born, { date: formatDate(m.birthDate, lang) })} ({fmt(w.age, { n: ageToday(m.birthDate) })})
              {m.married ? ` · ${w.marriedShort}` : ''}{m.working ? ` · ${w.workingShort}` : ''} · {m.nikMasked ? `NIK ${m.nikMasked}` : w.noNik}
            </p>
            {(m.mayClaim || m.scholarshipEligible || m.deceased) && (
              <p className="badges">
                {m.deceased && <span className="badge badge-muted">{w.deceased}</span>}
                {m.mayClaim && <span className="badge">{w.mayClaim}</span>}
                {m.scholarshipEligible && <span className="badge badge-alt">{w.scholarship}</span>}
              </p>
            )}
          </li>
        ))}
      </ul>
      <p className="hint">{w.markersNote}</p>
    </>
  );
}

const EMPTY = { relation: '', fullName: '', nik: '', birthDate: '', sex: '', married: false, working: false };

/**
 * Adds a family member through `url` (the participant's own list, or a person's list for staff).
 * `active` says whether this form may show its error summary (one summary per page).
 */
export function FamilyForm({ url, onSaved, active = true, onStart }: { url: string; onSaved(): void; active?: boolean; onStart?(): void }) {
  const w = useWords(WORDS);
  const { t } = useI18n();
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [general, setGeneral] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (k: 'relation' | 'fullName' | 'nik' | 'birthDate' | 'sex') => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  async function save(e: FormEvent) {
    e.preventDefault();
    onStart?.();
    setSaved(undefined);
    setGeneral(undefined);
    const missing = (['relation', 'fullName', 'birthDate', 'sex'] as const).filter((k) => !form[k].trim()).map((k) => ({ field: k, message: w.required }));
    setErrors(missing);
    if (missing.length) return;
    setBusy(true);
    try {
      const nik = form.nik.replace(/\s/g, '');
      await api(url, { method: 'POST', body: {
        relation: form.relation, fullName: form.fullName.trim(), birthDate: form.birthDate, sex: form.sex, married: form.married, working: form.working,
        ...(nik ? { nik } : {}),
      } });
      setSaved(fmt(w.saved, { name: form.fullName.trim() }));
      setForm(EMPTY);
      onSaved();
    } catch (err) {
      const p = problemOf(err, t('networkError'));
      setErrors(p.errors);
      setGeneral(p.general);
    } finally {
      setBusy(false);
    }
  }

  const errorFor = (f: string) => errors.find((x) => x.field === f)?.message;
  const labels = { relation: w.relation, fullName: w.fullName, nik: w.nik, birthDate: w.birthDate, sex: w.sex };
  return (
    <>
      {active && <ErrorSummary errors={errors} general={general} labels={labels} />}
      {saved && <p className="notice" role="status">{saved}</p>}
      <form onSubmit={save} noValidate className="narrow">
        <div className={`field${errorFor('relation') ? ' field-error' : ''}`}>
          <label htmlFor="relation">{w.relation}</label>
          {errorFor('relation') && <p className="error-message" id="relation-error">{errorFor('relation')}</p>}
          <select id="relation" value={form.relation} onChange={set('relation')} aria-invalid={errorFor('relation') ? true : undefined} aria-describedby={errorFor('relation') ? 'relation-error' : undefined}>
            <option value="">{w.choose}</option>
            {(['spouse', 'child', 'parent', 'grandchild', 'sibling'] as const).map((r) => <option key={r} value={r}>{w[r]}</option>)}
          </select>
        </div>
        <Field id="fullName" label={w.fullName} autoComplete="off" value={form.fullName} onChange={set('fullName')} error={errorFor('fullName')} />
        <Field id="nik" label={w.nik} hint={w.nikHint} inputMode="numeric" maxLength={16} autoComplete="off" value={form.nik} onChange={set('nik')} error={errorFor('nik')} />
        <Field id="birthDate" label={w.birthDate} type="date" value={form.birthDate} onChange={set('birthDate')} error={errorFor('birthDate')} />
        <fieldset className={`field${errorFor('sex') ? ' field-error' : ''}`} id="sex">
          <legend>{w.sex}</legend>
          {errorFor('sex') && <p className="error-message">{errorFor('sex')}</p>}
          <label className="choice"><input type="radio" name="family-sex" value="M" checked={form.sex === 'M'} onChange={set('sex')} /> {w.male}</label>
          <label className="choice"><input type="radio" name="family-sex" value="F" checked={form.sex === 'F'} onChange={set('sex')} /> {w.female}</label>
        </fieldset>
        <fieldset className="field" aria-describedby="situation-hint">
          <legend>{w.situation}</legend>
          <p className="hint" id="situation-hint">{w.situationHint}</p>
          <label className="choice"><input type="checkbox" checked={form.married} onChange={(e) => setForm((f) => ({ ...f, married: e.target.checked }))} /> {w.married}</label>
          <label className="choice"><input type="checkbox" checked={form.working} onChange={(e) => setForm((f) => ({ ...f, working: e.target.checked }))} /> {w.working}</label>
        </fieldset>
        <button type="submit" className="primary" disabled={busy}>{busy ? w.saving : w.save}</button>
      </form>
    </>
  );
}

export function MyFamily() {
  const w = useWords(WORDS);
  const family = useApi<{ items: FamilyMember[] }>('/api/v1/me/family');
  const noAccount = family.error?.status === 404;
  return (
    <>
      <h1>{w.title}</h1>
      <p className="lead">{w.intro}</p>
      {noAccount ? <p className="notice">{w.noAccount}</p> : (
        <>
          <section aria-labelledby="family-title">
            <h2 id="family-title">{w.listTitle}</h2>
            <LoadState loading={family.loading && !family.data} error={family.error} />
            {family.data && <FamilyList items={family.data.items} />}
          </section>
          <section aria-labelledby="add-family-title">
            <h2 id="add-family-title">{w.addTitle}</h2>
            <FamilyForm url="/api/v1/me/family" onSaved={family.reload} />
          </section>
        </>
      )}
    </>
  );
}
