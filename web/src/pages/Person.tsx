/**
 * A person's whole record for staff in scope: identity, KPJ numbers (merged ones point to the number
 * they were merged into), participations, employments and family. Opening it is an audit event.
 * Branch officers and supervisors attach an older KPJ, merge KPJ numbers and record family here.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, ApiProblem } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { ErrorSummary, Field, type FormError } from '../components/Form.tsx';
import { LoadState } from '../components/Status.tsx';
import { groupKpj } from '../format.ts';
import { fmt, rupiah, useI18n, useWords } from '../i18n.tsx';
import { CONTRACTS, END_REASONS, PARTICIPANT_STATUS, PROGRAMS, SEGMENTS, useLookup, VIA, type Words } from '../domain-words.ts';
import { useApi } from '../useApi.ts';
import { FamilyForm, FamilyList, formatDate, problemOf, type FamilyMember } from './MyFamily.tsx';

interface Kpj { kpj: string; source: string; mergedInto: string | null; mergedAt: string | null; issuedAt: string }
interface Participation {
  id: number; kpj: string; segment: string; programs: string[]; status: string; declaredIncome: number | null;
  registeredVia: string; registeredAt: string; endedAt: string | null;
}
interface Employment { id: number; employerId: number; employerName: string; npp: string; contractType: string; startDate: string; endDate: string | null; endReason: string | null }
interface PersonRecord {
  id: number; nik: string; fullName: string; birthDate: string; sex: string; phone: string | null;
  villageCode: string | null; villageName: string | null; regencyCode: string; address: string | null;
  occupation: string | null; vulnerable: boolean; vulnerableReason: string | null;
  kpjs: Kpj[]; participations: Participation[]; employments: Employment[]; family: FamilyMember[];
}


const WORDS = {
  title: { id: 'Data peserta', en: 'Person record' },
  back: { id: 'Kembali ke pencarian', en: 'Back to search' },
  audited: { id: 'Pembukaan data ini tercatat dalam jejak audit.', en: 'Opening this record is recorded in the audit trail.' },
  identity: { id: 'Identitas', en: 'Identity' },
  nik: { id: 'NIK', en: 'NIK' },
  fullName: { id: 'Nama lengkap', en: 'Full name' },
  birthDate: { id: 'Tanggal lahir', en: 'Date of birth' },
  sex: { id: 'Jenis kelamin', en: 'Sex' },
  male: { id: 'Laki-laki', en: 'Male' },
  female: { id: 'Perempuan', en: 'Female' },
  phone: { id: 'Nomor HP', en: 'Mobile number' },
  village: { id: 'Desa/kelurahan', en: 'Village' },
  address: { id: 'Alamat', en: 'Address' },
  occupation: { id: 'Pekerjaan', en: 'Occupation' },
  vulnerable: { id: 'Pekerja rentan', en: 'Vulnerable worker' },
  yes: { id: 'Ya', en: 'Yes' },
  no: { id: 'Tidak', en: 'No' },
  none: { id: '—', en: '—' },
  kpjs: { id: 'Nomor KPJ', en: 'KPJ numbers' },
  kpj: { id: 'KPJ', en: 'KPJ' },
  source: { id: 'Asal', en: 'Source' },
  lindung: { id: 'Diterbitkan Lindung', en: 'Issued by Lindung' },
  legacy: { id: 'Kartu lama', en: 'Older card' },
  lindungShort: { id: 'diterbitkan Lindung', en: 'issued by Lindung' },
  legacyShort: { id: 'kartu lama', en: 'older card' },
  recordedOn: { id: 'dicatat {date}', en: 'recorded {date}' },
  state: { id: 'Keadaan', en: 'State' },
  inUse: { id: 'Dipakai', en: 'In use' },
  mergedInto: { id: 'Digabung ke {kpj} pada {date}', en: 'Merged into {kpj} on {date}' },
  participations: { id: 'Kepesertaan', en: 'Participations' },
  noParticipations: { id: 'Belum ada kepesertaan.', en: 'No participations.' },
  segment: { id: 'Segmen', en: 'Segment' },
  programs: { id: 'Program', en: 'Programmes' },
  status: { id: 'Status', en: 'Status' },
  income: { id: 'Penghasilan yang dilaporkan', en: 'Declared income' },
  perMonth: { id: '{amount} per bulan', en: '{amount} a month' },
  registered: { id: 'Terdaftar', en: 'Registered' },
  registeredVia: { id: '{date}, {via}', en: '{date}, {via}' },
  ended: { id: 'Berakhir', en: 'Ended' },
  employments: { id: 'Riwayat kerja', en: 'Employment history' },
  noEmployments: { id: 'Belum ada riwayat kerja yang dilaporkan pemberi kerja.', en: 'No employment reported by an employer.' },
  employer: { id: 'Pemberi kerja', en: 'Employer' },
  contract: { id: 'Kontrak', en: 'Contract' },
  start: { id: 'Mulai', en: 'Start' },
  end: { id: 'Berhenti', en: 'End' },
  stillWorking: { id: 'Masih bekerja', en: 'Still employed' },
  family: { id: 'Keluarga dan ahli waris', en: 'Family and heirs' },
  actions: { id: 'Tindakan petugas', en: 'Officer actions' },
  actionsNote: { id: 'Setiap perubahan tercatat dalam jejak audit atas nama Anda.', en: 'Every change is recorded in the audit trail under your name.' },
  attachTitle: { id: 'Tambah KPJ lama', en: 'Attach an older KPJ' },
  attachIntro: { id: 'Untuk kartu peserta lama milik orang yang sama, agar dapat digabung.', en: 'For an older participant card of the same person, so that it can be merged.' },
  attachLabel: { id: 'Nomor KPJ lama', en: 'Older KPJ number' },
  attachHint: { id: '8 sampai 16 angka, seperti tertulis di kartu lama.', en: '8 to 16 digits, as printed on the older card.' },
  attachBadFormat: { id: 'Isi 8 sampai 16 angka saja.', en: 'Enter 8 to 16 digits only.' },
  attach: { id: 'Tambahkan KPJ', en: 'Attach KPJ' },
  attached: { id: 'KPJ {kpj} ditambahkan. Sekarang KPJ itu dapat digabung.', en: 'KPJ {kpj} attached. It can now be merged.' },
  mergeTitle: { id: 'Gabungkan KPJ', en: 'Merge KPJ numbers' },
  mergeIntro: { id: 'Pilih satu KPJ utama, lalu KPJ lain yang digabung ke dalamnya. Tidak ada yang dihapus: kepesertaan tetap memakai nomornya, dan KPJ yang digabung tetap menemukan orang ini.', en: 'Choose one primary KPJ, then the other numbers to merge into it. Nothing is deleted: participations keep their number, and a merged KPJ still finds this person.' },
  mergeNeedsTwo: { id: 'Penggabungan memerlukan paling sedikit dua KPJ yang belum digabung.', en: 'Merging needs at least two KPJ numbers that are not merged yet.' },
  primary: { id: 'KPJ utama (tetap dipakai)', en: 'Primary KPJ (stays in use)' },
  others: { id: 'KPJ yang digabung ke KPJ utama', en: 'KPJ numbers to merge into the primary' },
  chooseOne: { id: 'Pilih paling sedikit satu KPJ untuk digabung.', en: 'Choose at least one KPJ to merge.' },
  merge: { id: 'Gabungkan KPJ', en: 'Merge KPJ numbers' },
  merged: { id: 'KPJ digabung ke {kpj}.', en: 'KPJ numbers merged into {kpj}.' },
  addFamily: { id: 'Catat anggota keluarga', en: 'Record a family member' },
} satisfies Words;



/** +6281244556677 → 0812 4455 6677 */
const readablePhone = (phone: string) => phone.replace(/^\+62/, '0').replace(/^(\d{4})(\d{4})(\d+)$/, '$1 $2 $3');

export function Person() {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const { me } = useAuth();
  const { id } = useParams();
  const person = useApi<PersonRecord>(`/api/v1/people/${id}`);
  const segment = useLookup(SEGMENTS);
  const program = useLookup(PROGRAMS);
  const status = useLookup(PARTICIPANT_STATUS);
  const via = useLookup(VIA);
  const contract = useLookup(CONTRACTS);
  const endReason = useLookup(END_REASONS);
  // one error summary on the page at a time: the form last submitted
  const [activeForm, setActiveForm] = useState<'attach' | 'merge' | 'family'>();
  const canChange = me?.role === 'officer' || me?.role === 'supervisor';
  const p = person.data;

  return (
    <>
      <p><Link to="/cari">{w.back}</Link></p>
      <h1>{p?.fullName ?? w.title}</h1>
      <p className="notice">{w.audited}</p>
      <LoadState loading={person.loading && !p} error={person.error} />
      {p && (
        <>
          <section aria-labelledby="identity-title">
            <h2 id="identity-title">{w.identity}</h2>
            <dl className="facts">
              <dt>{w.nik}</dt><dd className="nik">{p.nik}</dd>
              <dt>{w.fullName}</dt><dd>{p.fullName}</dd>
              <dt>{w.birthDate}</dt><dd>{formatDate(p.birthDate, lang)}</dd>
              <dt>{w.sex}</dt><dd>{p.sex === 'F' ? w.female : w.male}</dd>
              <dt>{w.phone}</dt><dd>{p.phone ? readablePhone(p.phone) : w.none}</dd>
              <dt>{w.village}</dt><dd>{p.villageName ? `${p.villageName} (${p.villageCode})` : w.none}</dd>
              {p.address && <><dt>{w.address}</dt><dd>{p.address}</dd></>}
              <dt>{w.occupation}</dt><dd>{p.occupation ?? w.none}</dd>
              <dt>{w.vulnerable}</dt><dd>{p.vulnerable ? `${w.yes}${p.vulnerableReason ? ` — ${p.vulnerableReason}` : ''}` : w.no}</dd>
            </dl>
          </section>

          <section aria-labelledby="kpjs-title">
            <h2 id="kpjs-title">{w.kpjs}</h2>
            <div className="table-wrap" role="region" aria-labelledby="kpjs-title" tabIndex={0}>
              <table>
                <thead><tr><th scope="col">{w.kpj}</th><th scope="col">{w.source}</th><th scope="col">{w.state}</th></tr></thead>
                <tbody>
                  {p.kpjs.map((k) => (
                    <tr key={k.kpj}>
                      <th scope="row" className="kpj">{groupKpj(k.kpj)}</th>
                      <td>{k.source === 'legacy' ? w.legacy : w.lindung}{' '}<br /><span className="muted">{fmt(w.recordedOn, { date: formatDate(k.issuedAt, lang) })}</span></td>
                      <td>{k.mergedInto ? fmt(w.mergedInto, { kpj: groupKpj(k.mergedInto), date: k.mergedAt ? formatDate(k.mergedAt, lang) : '—' }) : w.inUse}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section aria-labelledby="participations-title">
            <h2 id="participations-title">{w.participations}</h2>
            {p.participations.length === 0 ? <p>{w.noParticipations}</p> : (
              <ul className="records">
                {p.participations.map((x) => (
                  <li key={x.id}>
                    <dl className="facts">
                      <dt>{w.kpj}</dt><dd className="kpj">{groupKpj(x.kpj)}</dd>
                      <dt>{w.segment}</dt><dd>{x.segment} — {segment(x.segment)}</dd>
                      <dt>{w.programs}</dt>
                      <dd>{x.programs.map((code, i) => <span key={code}>{i > 0 && ', '}<abbr title={program(code)}>{code}</abbr></span>)}</dd>
                      <dt>{w.status}</dt><dd><strong>{status(x.status)}</strong></dd>
                      <dt>{w.income}</dt><dd>{x.declaredIncome === null ? w.none : fmt(w.perMonth, { amount: rupiah(x.declaredIncome, lang) })}</dd>
                      <dt>{w.registered}</dt><dd>{fmt(w.registeredVia, { date: formatDate(x.registeredAt, lang), via: via(x.registeredVia) })}</dd>
                      {x.endedAt && <><dt>{w.ended}</dt><dd>{formatDate(x.endedAt, lang)}</dd></>}
                    </dl>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="employments-title">
            <h2 id="employments-title">{w.employments}</h2>
            {p.employments.length === 0 ? <p>{w.noEmployments}</p> : (
              <div className="table-wrap" role="region" aria-labelledby="employments-title" tabIndex={0}>
                <table>
                  <thead><tr><th scope="col">{w.employer}</th><th scope="col">{w.contract}</th><th scope="col">{w.start}</th><th scope="col">{w.end}</th></tr></thead>
                  <tbody>
                    {p.employments.map((m) => (
                      <tr key={m.id}>
                        <th scope="row"><Link to={`/perusahaan/${m.employerId}`}>{m.employerName}</Link> <span className="muted">NPP {m.npp}</span></th>
                        <td>{contract(m.contractType)}</td>
                        <td>{formatDate(m.startDate, lang)}</td>
                        <td>{m.endDate ? `${formatDate(m.endDate, lang)}${m.endReason ? `, ${endReason(m.endReason)}` : ''}` : w.stillWorking}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section aria-labelledby="family-title">
            <h2 id="family-title">{w.family}</h2>
            <FamilyList items={p.family} />
          </section>

          {canChange && (
            <section aria-labelledby="actions-title" className="officer-actions">
              <h2 id="actions-title">{w.actions}</h2>
              <p className="hint">{w.actionsNote}</p>
              <AttachKpj personId={p.id} active={activeForm === 'attach'} onStart={() => setActiveForm('attach')} onDone={person.reload} />
              <MergeKpjs personId={p.id} kpjs={p.kpjs} active={activeForm === 'merge'} onStart={() => setActiveForm('merge')} onDone={person.reload} />
              <section aria-labelledby="add-family-title">
                <h3 id="add-family-title">{w.addFamily}</h3>
                <FamilyForm url={`/api/v1/people/${p.id}/family`} active={activeForm === 'family'} onStart={() => setActiveForm('family')} onSaved={person.reload} />
              </section>
            </section>
          )}
        </>
      )}
    </>
  );
}

interface ActionProps { personId: number; active: boolean; onStart(): void; onDone(): void }

function AttachKpj({ personId, active, onStart, onDone }: ActionProps) {
  const w = useWords(WORDS);
  const { t } = useI18n();
  const [kpj, setKpj] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [general, setGeneral] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    onStart();
    setDone(undefined);
    setGeneral(undefined);
    const number = kpj.replace(/\s/g, '');
    if (!/^\d{8,16}$/.test(number)) { setErrors([{ field: 'kpj', message: number ? w.attachBadFormat : t('required') }]); return; }
    setErrors([]);
    setBusy(true);
    try {
      await api(`/api/v1/people/${personId}/kpjs`, { method: 'POST', body: { kpj: number } });
      setDone(fmt(w.attached, { kpj: groupKpj(number) }));
      setKpj('');
      onDone();
    } catch (err) {
      // the field's own message says it ("Sudah dipakai", "salah ketik"); the title is about merging, so it is left out
      const p = problemOf(err, t('networkError'));
      setErrors(p.errors);
      setGeneral(p.errors.length ? undefined : p.general);
    } finally {
      setBusy(false);
    }
  }

  const error = errors.find((x) => x.field === 'kpj')?.message;
  return (
    <section aria-labelledby="attach-title">
      <h3 id="attach-title">{w.attachTitle}</h3>
      <p>{w.attachIntro}</p>
      {active && <ErrorSummary errors={errors} general={general} labels={{ kpj: w.attachLabel }} />}
      {done && <p className="notice" role="status">{done}</p>}
      <form onSubmit={submit} noValidate className="narrow">
        <Field id="kpj" label={w.attachLabel} hint={w.attachHint} inputMode="numeric" autoComplete="off" maxLength={20} value={kpj} onChange={(e) => setKpj(e.target.value)} error={error} />
        <button type="submit" className="primary" disabled={busy}>{w.attach}</button>
      </form>
    </section>
  );
}

function MergeKpjs({ personId, kpjs, active, onStart, onDone }: ActionProps & { kpjs: Kpj[] }) {
  const w = useWords(WORDS);
  const { t } = useI18n();
  const open = kpjs.filter((k) => !k.mergedInto);
  const defaultPrimary = (open.find((k) => k.source === 'lindung') ?? open[0])?.kpj ?? '';
  const [primary, setPrimary] = useState(defaultPrimary);
  const [merge, setMerge] = useState<string[]>([]);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [general, setGeneral] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const openKey = open.map((k) => k.kpj).join(',');

  // the numbers change after an attach or a merge: keep the choice valid
  useEffect(() => {
    const numbers = openKey.split(',');
    setPrimary((p) => (numbers.includes(p) ? p : defaultPrimary));
    setMerge((m) => m.filter((k) => numbers.includes(k)));
  }, [openKey, defaultPrimary]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    onStart();
    setDone(undefined);
    setGeneral(undefined);
    const chosen = merge.filter((k) => k !== primary);
    if (!chosen.length) { setErrors([{ field: 'merge', message: w.chooseOne }]); return; }
    setErrors([]);
    setBusy(true);
    try {
      await api(`/api/v1/people/${personId}/kpj-merge`, { method: 'POST', body: { primary, merge: chosen } });
      setDone(fmt(w.merged, { kpj: groupKpj(primary) }));
      setMerge([]);
      onDone();
    } catch (err) {
      // the server names the rule broken in its detail; beside the field it says more than "invalid value"
      const p = problemOf(err, t('networkError'));
      const detail = err instanceof ApiProblem && err.code === 'kpj_merge_invalid' ? err.detail : undefined;
      setErrors(p.errors.map((x) => ({ ...x, message: detail ?? x.message })));
      setGeneral(p.general);
    } finally {
      setBusy(false);
    }
  }

  const errorFor = (f: string) => errors.find((x) => x.field === f)?.message;
  const label = (k: Kpj) => `${groupKpj(k.kpj)} (${k.source === 'legacy' ? w.legacyShort : w.lindungShort})`;
  return (
    <section aria-labelledby="merge-title">
      <h3 id="merge-title">{w.mergeTitle}</h3>
      <p>{w.mergeIntro}</p>
      {active && <ErrorSummary errors={errors} general={general} labels={{ merge: w.others, primary: w.primary }} />}
      {done && <p className="notice" role="status">{done}</p>}
      {open.length < 2 ? <p className="muted">{w.mergeNeedsTwo}</p> : (
        <form onSubmit={submit} noValidate className="narrow">
          <fieldset className={`field choices${errorFor('primary') ? ' field-error' : ''}`} id="primary">
            <legend>{w.primary}</legend>
            {errorFor('primary') && <p className="error-message">{errorFor('primary')}</p>}
            {open.map((k) => (
              <label key={k.kpj} className="choice">
                <input type="radio" name="primary-kpj" value={k.kpj} checked={primary === k.kpj} onChange={() => { setPrimary(k.kpj); setMerge((m) => m.filter((x) => x !== k.kpj)); }} />
                <span>{label(k)}</span>
              </label>
            ))}
          </fieldset>
          <fieldset className={`field choices${errorFor('merge') ? ' field-error' : ''}`} id="merge">
            <legend>{w.others}</legend>
            {errorFor('merge') && <p className="error-message">{errorFor('merge')}</p>}
            {open.filter((k) => k.kpj !== primary).map((k) => (
              <label key={k.kpj} className="choice">
                <input type="checkbox" value={k.kpj} checked={merge.includes(k.kpj)}
                  onChange={(e) => setMerge((m) => (e.target.checked ? [...m, k.kpj] : m.filter((x) => x !== k.kpj)))} />
                <span>{label(k)}</span>
              </label>
            ))}
          </fieldset>
          <button type="submit" className="primary" disabled={busy}>{w.merge}</button>
        </form>
      )}
    </section>
  );
}
