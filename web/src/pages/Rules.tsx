/**
 * The contribution rules as data: every parameter in force on a chosen date, grouped by programme,
 * with its legal basis and whether it is a Lindung default not yet confirmed by regulation; the
 * history of one key; and, for admins, maker-checker changes: one admin proposes a new version,
 * another approves or rejects it. Existing versions are never edited; a new one only ends the
 * current one the day before it starts.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { ErrorSummary, Field, type FormError } from '../components/Form.tsx';
import { DecisionControls, useProposalDecisions, type Decision } from '../components/ProposalDecision.tsx';
import { LoadState } from '../components/Status.tsx';
import { fmt, useI18n, useWords, type Lang } from '../i18n.tsx';
import { useApi } from '../useApi.ts';
import { formatDate, problemOf } from './MyFamily.tsx';

export type RuleUnit = 'percent' | 'rupiah' | 'months' | 'days' | 'count';
const UNITS: RuleUnit[] = ['rupiah', 'percent', 'months', 'days', 'count'];

export interface RuleParameter {
  id: number; key: string; validFrom: string; validTo: string | null; value: string; unit: RuleUnit;
  legalBasis: string; productDefault: boolean; note: string | null;
}
interface InForce { date: string; groups: { prefix: string; parameters: (RuleParameter & { nextFrom: string | null })[] }[] }
export interface RuleProposal {
  id: number; key: string; validFrom: string; value: string; unit: RuleUnit; legalBasis: string; productDefault: boolean; note: string | null;
  status: 'pending' | 'approved' | 'rejected'; proposedBy: { id: number; name: string }; proposedAt: string;
  decidedBy: { id: number; name: string } | null; decidedAt: string | null; decisionNote: string | null; parameterId: number | null;
  latest: RuleParameter | null;
}

const WORDS = {
  title: { id: 'Aturan iuran', en: 'Contribution rules' },
  intro: { id: 'Setiap tarif, batas, dan jumlah tetap adalah data dengan masa berlaku dan dasar hukumnya. Tagihan menyebut versi aturan yang dipakai, jadi versi lama tidak pernah diubah: perubahan adalah versi baru yang mulai berlaku pada suatu tanggal.', en: 'Every rate, ceiling and flat amount is data with the period it is in force and its legal basis. Bills name the rule versions they used, so an old version is never changed: a change is a new version that starts on a date.' },
  inForceTitle: { id: 'Aturan yang berlaku', en: 'Rules in force' },
  date: { id: 'Berlaku pada', en: 'In force on' },
  dateHint: { id: 'Pilih tanggal untuk melihat aturan yang berlaku hari itu.', en: 'Choose a date to see the rules in force that day.' },
  showing: { id: 'Menampilkan aturan yang berlaku pada {date}.', en: 'Showing the rules in force on {date}.' },
  group_pu: { id: 'Penerima Upah (PU)', en: 'Wage earners (PU)' },
  group_bpu: { id: 'Bukan Penerima Upah (BPU)', en: 'Informal workers (BPU)' },
  group_jakon: { id: 'Jasa Konstruksi (Jakon)', en: 'Construction (Jakon)' },
  group_pmi: { id: 'Pekerja Migran Indonesia (PMI)', en: 'Indonesian migrant workers (PMI)' },
  group_other: { id: 'Lainnya: {prefix}', en: 'Other: {prefix}' },
  key: { id: 'Kunci', en: 'Key' },
  value: { id: 'Nilai', en: 'Value' },
  validFrom: { id: 'Berlaku dari', en: 'Valid from' },
  validTo: { id: 'Sampai', en: 'Until' },
  open: { id: 'masih berlaku', en: 'open-ended' },
  legalBasis: { id: 'Dasar hukum', en: 'Legal basis' },
  note: { id: 'Keterangan', en: 'Note' },
  defaultBadge: { id: 'default, belum dikonfirmasi', en: 'default, not confirmed' },
  next: { id: 'Versi berikutnya mulai {date}.', en: 'Next version from {date}.' },
  none: { id: 'Tidak ada aturan yang berlaku pada tanggal ini.', en: 'No rule is in force on this date.' },
  historyOf: { id: 'Riwayat {key}', en: 'History of {key}' },
  historyIntro: { id: 'Semua versi, terbaru di atas.', en: 'Every version, the latest first.' },
  closeHistory: { id: 'Tutup riwayat', en: 'Close the history' },
  proposeForKey: { id: 'Usulkan versi baru kunci ini', en: 'Propose a new version of this key' },
  unit_percent: { id: 'persen', en: 'percent' },
  unit_rupiah: { id: 'rupiah', en: 'rupiah' },
  unit_months: { id: 'bulan', en: 'months' },
  unit_days: { id: 'hari', en: 'days' },
  unit_count: { id: 'jumlah', en: 'count' },
  proposalsTitle: { id: 'Usulan menunggu persetujuan', en: 'Proposals waiting for approval' },
  proposalsIntro: { id: 'Usulan berlaku setelah disetujui admin lain, bukan pengusulnya. Setiap keputusan tercatat dalam jejak audit.', en: 'A proposal takes effect once another admin, not its proposer, approves it. Every decision is recorded in the audit trail.' },
  noProposals: { id: 'Tidak ada usulan yang menunggu.', en: 'No proposals are waiting.' },
  proposalHeading: { id: 'Usulan #{id}: {key} mulai {date}', en: 'Proposal #{id}: {key} from {date}' },
  newValue: { id: 'Nilai baru', en: 'New value' },
  currentValue: { id: 'Versi terakhir', en: 'Latest version' },
  currentText: { id: '{value}, mulai {date}', en: '{value}, from {date}' },
  proposedBy: { id: 'Diusulkan oleh', en: 'Proposed by' },
  proposedText: { id: '{name}, {date}', en: '{name}, {date}' },
  effectEnds: { id: 'Bila disetujui, versi terakhir berakhir {end} dan versi baru berlaku mulai {date}.', en: 'If approved, the latest version ends on {end} and the new one is in force from {date}.' },
  effectKeepsEnd: { id: 'Versi baru berlaku sampai {end}, seperti versi yang digantikannya.', en: 'The new version is in force until {end}, like the version it replaces.' },
  effectAfterGap: { id: 'Bila disetujui, versi baru berlaku mulai {date}; versi terakhir sudah berakhir {end}.', en: 'If approved, the new version is in force from {date}; the latest version already ended on {end}.' },
  effectPast: { id: 'Tanggal mulai sudah lewat: tagihan yang sudah dibuat tidak berubah dan tetap menyebut versi yang dipakainya.', en: 'The start date has passed: bills already made do not change and keep naming the version they used.' },
  effectNewKey: { id: 'Kunci baru: belum ada versi sebelumnya.', en: 'A new key: there is no earlier version.' },
  effectRefused: { id: 'Tidak dapat disetujui: versi terakhir sudah mulai {date}. Versi baru hanya dapat ditambahkan sesudahnya; tolak usulan ini.', en: 'Cannot be approved: the latest version already starts on {date}. A new version can only be added after it; reject this proposal.' },
  ownProposal: { id: 'Ini usulan Anda. Anda tidak dapat menyetujui atau menolak usulan sendiri; admin lain yang memutuskannya.', en: 'This is your proposal. You cannot approve or reject your own proposal; another admin decides it.' },
  readOnly: { id: 'Hanya admin yang dapat memutuskan usulan. Anda dapat melihatnya.', en: 'Only admins can decide proposals. You can see them.' },
  approved: { id: 'Usulan #{id} disetujui: {key} bernilai {value} mulai {date}.', en: 'Proposal #{id} approved: {key} is {value} from {date}.' },
  rejected: { id: 'Usulan #{id} ditolak.', en: 'Proposal #{id} rejected.' },
  proposeTitle: { id: 'Usulkan versi baru', en: 'Propose a new version' },
  proposeIntro: { id: 'Untuk kunci yang sudah ada, satuan harus sama dan tanggal mulai harus sesudah awal versi terakhir. Usulan belum berlaku sampai admin lain menyetujuinya.', en: 'For an existing key the unit must be the same and the start date must be after the start of the latest version. A proposal is not in force until another admin approves it.' },
  keyHint: { id: 'Kunci yang ada (misalnya pu.jp.cap) atau kunci baru dari huruf kecil, angka, _ dan titik.', en: 'An existing key (for example pu.jp.cap) or a new key of lower-case letters, digits, _ and dots.' },
  validFromField: { id: 'Berlaku mulai', en: 'In force from' },
  valueHint: { id: 'Angka tepat tanpa pemisah ribuan; desimal dengan titik, misalnya 11078200 atau 0.24.', en: 'An exact number without thousands separators; decimals with a dot, for example 11078200 or 0.24.' },
  unit: { id: 'Satuan', en: 'Unit' },
  legalBasisHint: { id: 'Peraturan dan pasalnya, atau keputusan produk (DECISIONS.md).', en: 'The regulation and article, or the product decision (DECISIONS.md).' },
  productDefault: { id: 'Nilai bawaan Lindung, belum dikonfirmasi regulasi', en: 'A Lindung default, not confirmed by regulation' },
  noteField: { id: 'Keterangan (boleh dikosongkan)', en: 'Note (optional)' },
  submit: { id: 'Kirim usulan', en: 'Send the proposal' },
  sending: { id: 'Mengirim…', en: 'Sending…' },
  sent: { id: 'Usulan #{id} untuk {key} terkirim. Admin lain harus menyetujuinya sebelum berlaku.', en: 'Proposal #{id} for {key} sent. Another admin must approve it before it is in force.' },
  required: { id: 'Wajib diisi.', en: 'This field is required.' },
};

type Words = Record<keyof typeof WORDS, string>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const todayWib = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** The day before a YYYY-MM-DD date. */
export function dayBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** An exact decimal string as people read it, without ever becoming a float: "11078200" → "11.078.200". */
export function formatDecimal(value: string, lang: Lang): string {
  const [whole = '', fraction] = value.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'id' ? '.' : ',');
  return fraction ? `${grouped}${lang === 'id' ? ',' : '.'}${fraction}` : grouped;
}

function formatValue(value: string, unit: RuleUnit, lang: Lang, w: Words): string {
  const n = formatDecimal(value, lang);
  switch (unit) {
    case 'rupiah': return `Rp${n}`;
    case 'percent': return `${n}%`;
    case 'months': return `${n} ${w.unit_months}`;
    case 'days': return `${n} ${w.unit_days}`;
    default: return n;
  }
}

/** What a person types as a number, made into the exact decimal the API takes ("0,24" → "0.24"). */
function normalizeValue(raw: string, unit: string): string {
  const v = raw.trim().replace(/\s/g, '');
  if (unit !== 'percent' && /^\d{1,3}(\.\d{3})+$/.test(v)) return v.replace(/\./g, '');
  if (/^\d+,\d+$/.test(v)) return v.replace(',', '.');
  return v;
}

function groupTitle(prefix: string, w: Words): string {
  const known = { pu: w.group_pu, bpu: w.group_bpu, jakon: w.group_jakon, pmi: w.group_pmi } as Record<string, string>;
  return known[prefix] ?? fmt(w.group_other, { prefix });
}

const DefaultBadge = ({ w }: { w: Words }) => <span className="badge badge-alt">{w.defaultBadge}</span>;

const EMPTY_FORM = { key: '', validFrom: '', value: '', unit: 'rupiah', legalBasis: '', note: '' };

export function Rules() {
  const w = useWords(WORDS);
  const { lang, t } = useI18n();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const date = ISO_DATE.test(params.get('tanggal') ?? '') ? params.get('tanggal')! : todayWib();
  const selectedKey = params.get('kunci');
  const [dateDraft, setDateDraft] = useState(date);
  const isAdmin = me?.role === 'admin';
  const seesProposals = isAdmin || me?.role === 'auditor';

  const inForce = useApi<InForce>(`/api/v1/rules?date=${date}`);
  const history = useApi<{ key: string; versions: RuleParameter[] }>(selectedKey ? `/api/v1/rules/${encodeURIComponent(selectedKey)}/history` : null);
  const proposals = useApi<{ items: RuleProposal[] }>(seesProposals ? '/api/v1/rules/proposals?status=pending' : null);

  const [message, setMessage] = useState<string>();
  const decisions = useProposalDecisions();

  const [form, setForm] = useState(EMPTY_FORM);
  const [productDefault, setProductDefault] = useState(false);
  const [formErrors, setFormErrors] = useState<FormError[]>([]);
  const [formGeneral, setFormGeneral] = useState<string>();
  const [sending, setSending] = useState(false);

  const historyHeading = useRef<HTMLHeadingElement>(null);
  // focus moves to a history when it opens (not when it reloads after a decision or a language switch)
  const focusedKey = useRef<string | null>(null);
  useEffect(() => {
    if (!selectedKey) { focusedKey.current = null; return; }
    if (history.data?.key === selectedKey && focusedKey.current !== selectedKey) {
      focusedKey.current = selectedKey;
      historyHeading.current?.focus();
    }
  }, [selectedKey, history.data]);

  /** Units of the keys we know, so an existing key's unit is filled in for the proposer. */
  const knownUnits = useMemo(() => {
    const map = new Map<string, RuleUnit>();
    for (const g of inForce.data?.groups ?? []) for (const p of g.parameters) map.set(p.key, p.unit);
    for (const v of history.data?.versions ?? []) map.set(v.key, v.unit);
    return map;
  }, [inForce.data, history.data]);

  const linkTo = (next: { tanggal?: string; kunci?: string | null }) => {
    const p = new URLSearchParams();
    p.set('tanggal', next.tanggal ?? date);
    const k = next.kunci === undefined ? selectedKey : next.kunci;
    if (k) p.set('kunci', k);
    return `?${p.toString()}`;
  };

  function changeDate(value: string) {
    setDateDraft(value);
    if (ISO_DATE.test(value)) setParams(new URLSearchParams(linkTo({ tanggal: value }).slice(1)), { replace: true });
  }

  function setField(k: keyof typeof EMPTY_FORM, value: string) {
    setForm((f) => {
      const next = { ...f, [k]: value };
      if (k === 'key' && knownUnits.has(value.trim())) next.unit = knownUnits.get(value.trim())!;
      return next;
    });
  }

  function proposeFor(key: string, unit: RuleUnit) {
    setForm({ ...EMPTY_FORM, key, unit });
    document.getElementById('key')?.focus();
  }

  async function propose(e: FormEvent) {
    e.preventDefault();
    setFormErrors([]);
    setFormGeneral(undefined);
    setMessage(undefined);
    const missing = (['key', 'validFrom', 'value', 'legalBasis'] as const).filter((k) => !form[k].trim()).map((k) => ({ field: k, message: w.required }));
    if (missing.length) { setFormErrors(missing); return; }
    setSending(true);
    try {
      const body = { key: form.key.trim(), validFrom: form.validFrom, value: normalizeValue(form.value, form.unit), unit: form.unit, legalBasis: form.legalBasis.trim(), productDefault, note: form.note.trim() || null };
      const created = await api<RuleProposal>('/api/v1/rules/proposals', { method: 'POST', body });
      setMessage(fmt(w.sent, { id: created.id, key: created.key }));
      setForm(EMPTY_FORM);
      setProductDefault(false);
      proposals.reload();
    } catch (err) {
      const p = problemOf(err, t('networkError'));
      setFormErrors(p.errors);
      setFormGeneral(p.errors.length ? undefined : p.general);
    } finally {
      setSending(false);
    }
  }

  function decide(p: RuleProposal, decision: Decision) {
    setMessage(undefined);
    void decisions.decide(p.id, decision, async (note) => {
      if (decision === 'approve') {
        const res = await api<{ proposal: RuleProposal; parameter: RuleParameter }>(`/api/v1/rules/proposals/${p.id}/approve`, { method: 'POST', body: { note: note || null } });
        setMessage(fmt(w.approved, { id: p.id, key: p.key, value: formatValue(res.parameter.value, res.parameter.unit, lang, w), date: formatDate(res.parameter.validFrom, lang) }));
      } else {
        await api(`/api/v1/rules/proposals/${p.id}/reject`, { method: 'POST', body: { note } });
        setMessage(fmt(w.rejected, { id: p.id }));
      }
      proposals.reload();
      inForce.reload();
      if (selectedKey) history.reload();
    });
  }

  function effectOf(p: RuleProposal): { text: string; refused: boolean } {
    const l = p.latest;
    if (!l) return { text: w.effectNewKey, refused: false };
    if (l.validFrom >= p.validFrom) return { text: fmt(w.effectRefused, { date: formatDate(l.validFrom, lang) }), refused: true };
    if (l.validTo === null || l.validTo >= p.validFrom) {
      const ends = fmt(w.effectEnds, { end: formatDate(dayBefore(p.validFrom), lang), date: formatDate(p.validFrom, lang) });
      return { text: l.validTo ? `${ends} ${fmt(w.effectKeepsEnd, { end: formatDate(l.validTo, lang) })}` : ends, refused: false };
    }
    return { text: fmt(w.effectAfterGap, { date: formatDate(p.validFrom, lang), end: formatDate(l.validTo, lang) }), refused: false };
  }

  const pending = proposals.data?.items;
  const versions = history.data?.versions;
  return (
    <>
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      <div role="status">{message && <p className="notice">{message}</p>}</div>

      {seesProposals && (
        <section aria-labelledby="proposals-title">
          <h2 id="proposals-title">{w.proposalsTitle}</h2>
          <p>{w.proposalsIntro}</p>
          {!isAdmin && <p className="notice">{w.readOnly}</p>}
          {decisions.problem && <div className="error-summary" role="alert"><p>{decisions.problem}</p></div>}
          <LoadState loading={proposals.loading && !pending} error={proposals.error} />
          {pending && (pending.length === 0 ? <p>{w.noProposals}</p> : (
            <ul className="queue">
              {pending.map((p) => {
                const own = me?.id === p.proposedBy.id;
                const effect = effectOf(p);
                return (
                  <li key={p.id} className="candidate">
                    <h3 id={`proposal-${p.id}`}>{fmt(w.proposalHeading, { id: p.id, key: p.key, date: formatDate(p.validFrom, lang) })}</h3>
                    <dl className="facts">
                      <dt>{w.newValue}</dt>
                      <dd>{formatValue(p.value, p.unit, lang, w)}{p.productDefault && <> <DefaultBadge w={w} /></>}</dd>
                      <dt>{w.currentValue}</dt>
                      <dd>{p.latest ? fmt(w.currentText, { value: formatValue(p.latest.value, p.latest.unit, lang, w), date: formatDate(p.latest.validFrom, lang) }) : '—'}</dd>
                      <dt>{w.legalBasis}</dt>
                      <dd>{p.legalBasis}</dd>
                      {p.note && <><dt>{w.note}</dt><dd>{p.note}</dd></>}
                      <dt>{w.proposedBy}</dt>
                      <dd>{fmt(w.proposedText, { name: p.proposedBy.name, date: formatDate(p.proposedAt, lang) })}</dd>
                    </dl>
                    <p className={effect.refused ? 'error-message' : undefined}>{effect.text}</p>
                    {!effect.refused && p.validFrom <= todayWib() && <p className="notice">{w.effectPast}</p>}
                    {isAdmin && (own ? <p className="notice">{w.ownProposal}</p>
                      : <DecisionControls id={p.id} describedBy={`proposal-${p.id}`} decisions={decisions} onDecide={(d) => decide(p, d)} approveDisabled={effect.refused} />)}
                  </li>
                );
              })}
            </ul>
          ))}
        </section>
      )}

      <section aria-labelledby="in-force-title">
        <h2 id="in-force-title">{w.inForceTitle}</h2>
        <div className="narrow">
          <Field id="rules-date" type="date" label={w.date} hint={w.dateHint} value={dateDraft} onChange={(e) => changeDate(e.target.value)} />
        </div>
        <p className="muted">{fmt(w.showing, { date: formatDate(date, lang) })}</p>

        {selectedKey && (
          <section className="indent">
            <h3 id="history-title" tabIndex={-1} ref={historyHeading}>{fmt(w.historyOf, { key: selectedKey })}</h3>
            <LoadState loading={history.loading && !versions} error={history.error} />
            {versions && (
              <>
                <p>{w.historyIntro}</p>
                <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="history-title">
                  <table>
                    <thead><tr><th scope="col">{w.validFrom}</th><th scope="col">{w.validTo}</th><th scope="col" className="num">{w.value}</th><th scope="col">{w.legalBasis}</th><th scope="col">{w.note}</th></tr></thead>
                    <tbody>
                      {versions.map((v) => (
                        <tr key={v.id}>
                          <th scope="row">{formatDate(v.validFrom, lang)}</th>
                          <td>{v.validTo ? formatDate(v.validTo, lang) : w.open}</td>
                          <td className="num amount">{formatValue(v.value, v.unit, lang, w)}</td>
                          <td>{v.legalBasis}</td>
                          <td>{v.productDefault && <><DefaultBadge w={w} /> </>}{v.note}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <div className="actions">
                  {isAdmin && versions[0] && <button type="button" onClick={() => proposeFor(selectedKey, versions[0]!.unit)}>{w.proposeForKey}</button>}
                  <Link to={linkTo({ kunci: null })} replace>{w.closeHistory}</Link>
                </div>
              </>
            )}
          </section>
        )}

        <LoadState loading={inForce.loading && !inForce.data} error={inForce.error} />
        {inForce.data && (inForce.data.groups.length === 0 ? <p>{w.none}</p> : inForce.data.groups.map((g) => (
          <section key={g.prefix}>
            <h3 id={`group-${g.prefix}`}>{groupTitle(g.prefix, w)}</h3>
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`group-${g.prefix}`}>
              <table>
                <thead><tr><th scope="col">{w.key}</th><th scope="col" className="num">{w.value}</th><th scope="col">{w.validFrom}</th><th scope="col">{w.validTo}</th><th scope="col">{w.legalBasis}</th><th scope="col">{w.note}</th></tr></thead>
                <tbody>
                  {g.parameters.map((p) => (
                    <tr key={p.key}>
                      <th scope="row"><Link to={linkTo({ kunci: p.key })} aria-current={p.key === selectedKey ? 'true' : undefined}>{p.key}</Link></th>
                      <td className="num amount">{formatValue(p.value, p.unit, lang, w)}</td>
                      <td>{formatDate(p.validFrom, lang)}</td>
                      <td>{p.validTo ? formatDate(p.validTo, lang) : w.open}</td>
                      <td>{p.legalBasis}</td>
                      <td>
                        {p.productDefault && <><DefaultBadge w={w} /> </>}
                        {p.note}
                        {p.nextFrom && <span className="detail muted">{fmt(w.next, { date: formatDate(p.nextFrom, lang) })}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )))}
      </section>

      {isAdmin && (
        <section aria-labelledby="propose-title" className="narrow">
          <h2 id="propose-title">{w.proposeTitle}</h2>
          <p>{w.proposeIntro}</p>
          <ErrorSummary errors={formErrors} general={formGeneral} labels={{ key: w.key, validFrom: w.validFromField, value: w.value, unit: w.unit, legalBasis: w.legalBasis, note: w.noteField }} />
          <form onSubmit={propose} noValidate>
            <Field id="key" label={w.key} hint={w.keyHint} value={form.key} list="rule-keys" autoComplete="off" autoCapitalize="none" spellCheck={false}
              onChange={(e) => setField('key', e.target.value)} error={formErrors.find((x) => x.field === 'key')?.message} maxLength={100} />
            <datalist id="rule-keys">{[...knownUnits.keys()].sort().map((k) => <option key={k} value={k} />)}</datalist>
            <Field id="validFrom" type="date" label={w.validFromField} value={form.validFrom} onChange={(e) => setField('validFrom', e.target.value)} error={formErrors.find((x) => x.field === 'validFrom')?.message} />
            <Field id="value" label={w.value} hint={w.valueHint} inputMode="decimal" autoComplete="off" value={form.value} onChange={(e) => setField('value', e.target.value)} error={formErrors.find((x) => x.field === 'value')?.message} maxLength={40} />
            <div className={`field${formErrors.some((x) => x.field === 'unit') ? ' field-error' : ''}`}>
              <label htmlFor="unit">{w.unit}</label>
              {formErrors.find((x) => x.field === 'unit') && <p className="error-message" id="unit-error">{formErrors.find((x) => x.field === 'unit')!.message}</p>}
              <select id="unit" value={form.unit} onChange={(e) => setField('unit', e.target.value)} aria-describedby={formErrors.some((x) => x.field === 'unit') ? 'unit-error' : undefined}>
                {UNITS.map((u) => <option key={u} value={u}>{w[`unit_${u}`]}</option>)}
              </select>
            </div>
            <Field id="legalBasis" label={w.legalBasis} hint={w.legalBasisHint} value={form.legalBasis} onChange={(e) => setField('legalBasis', e.target.value)} error={formErrors.find((x) => x.field === 'legalBasis')?.message} maxLength={500} />
            <label className="choice"><input type="checkbox" checked={productDefault} onChange={(e) => setProductDefault(e.target.checked)} /> {w.productDefault}</label>
            <Field id="note" label={w.noteField} value={form.note} onChange={(e) => setField('note', e.target.value)} error={formErrors.find((x) => x.field === 'note')?.message} maxLength={500} />
            <button type="submit" className="primary" disabled={sending}>{sending ? w.sending : w.submit}</button>
          </form>
        </section>
      )}
    </>
  );
}
