/**
 * The branch's queue of possible duplicates: people with the same name and birth date under
 * different NIKs, and one phone number used by many people. An officer opens the records, compares
 * them, and decides; the decision is audited and the candidate leaves the queue.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { LoadState } from '../components/Status.tsx';
import { fmt, useI18n, useWords } from '../i18n.tsx';
import { useApi } from '../useApi.ts';
import { formatDate, problemOf } from './MyFamily.tsx';

interface Candidate {
  id: number; kind: string; regencyCode: string; regencyName: string | null; status: string; createdAt: string;
  people: { id: number; name: string; nikMasked: string; birthYear: string; phoneMasked: string | null }[];
}

const WORDS = {
  title: { id: 'Kemungkinan data ganda', en: 'Possible duplicates' },
  intro: { id: 'Buka setiap data, bandingkan, lalu putuskan. Data yang memang milik satu orang ditangani dahulu (misalnya KPJ digabung), baru ditandai "Sudah ditangani". Setiap keputusan tercatat dalam jejak audit.', en: 'Open each record, compare them, then decide. Records that really belong to one person are dealt with first (merging KPJ numbers, for example), then marked "Dealt with". Every decision is recorded in the audit trail.' },
  readOnly: { id: 'Hanya petugas dan supervisor cabang yang dapat memutuskan. Anda dapat melihat antrean ini.', en: 'Only branch officers and supervisors can decide. You can see this queue.' },
  same_name_birth: { id: 'Nama dan tanggal lahir sama', en: 'Same name and date of birth' },
  shared_phone: { id: 'Satu nomor HP dipakai banyak orang', en: 'One mobile number used by many people' },
  found: { id: 'Ditemukan {date}', en: 'Found on {date}' },
  people: { id: '{n} orang', en: '{n} people' },
  born: { id: 'lahir {year}', en: 'born {year}' },
  phone: { id: 'HP {phone}', en: 'mobile {phone}' },
  notDuplicate: { id: 'Bukan data ganda', en: 'Not a duplicate' },
  resolved: { id: 'Sudah ditangani', en: 'Dealt with' },
  markedNot: { id: 'Ditandai bukan data ganda: {what}.', en: 'Marked as not a duplicate: {what}.' },
  markedResolved: { id: 'Ditandai sudah ditangani: {what}.', en: 'Marked as dealt with: {what}.' },
  none: { id: 'Tidak ada kemungkinan data ganda yang menunggu di wilayah kerja Anda.', en: 'No possible duplicates are waiting in your area.' },
  count: { id: '{n} menunggu keputusan.', en: '{n} waiting for a decision.' },
};

export function Duplicates() {
  const w = useWords(WORDS);
  const { lang, t } = useI18n();
  const { me } = useAuth();
  const queue = useApi<{ items: Candidate[] }>('/api/v1/duplicates?status=open');
  const [busy, setBusy] = useState<number>();
  const [message, setMessage] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const canDecide = me?.role === 'officer' || me?.role === 'supervisor';
  const kindText = (kind: string) => (kind === 'same_name_birth' ? w.same_name_birth : kind === 'shared_phone' ? w.shared_phone : kind);

  async function decide(c: Candidate, outcome: 'not_duplicate' | 'resolved') {
    setBusy(c.id);
    setMessage(undefined);
    setProblem(undefined);
    try {
      await api(`/api/v1/duplicates/${c.id}`, { method: 'POST', body: { outcome } });
      const what = `${kindText(c.kind)} (${c.people.map((p) => p.name).join(', ')})`;
      setMessage(fmt(outcome === 'not_duplicate' ? w.markedNot : w.markedResolved, { what }));
      queue.reload();
    } catch (err) {
      setProblem(problemOf(err, t('networkError')).general);
    } finally {
      setBusy(undefined);
    }
  }

  const items = queue.data?.items;
  return (
    <>
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      {!canDecide && <p className="notice">{w.readOnly}</p>}
      {problem && <div className="error-summary" role="alert"><p>{problem}</p></div>}
      <div role="status">{message && <p className="notice">{message}</p>}</div>
      <LoadState loading={queue.loading && !items} error={queue.error} />
      {items && (items.length === 0 ? <p>{w.none}</p> : (
        <>
          <p>{fmt(w.count, { n: items.length })}</p>
          <ul className="queue">
            {items.map((c) => (
              <li key={c.id} className="candidate">
                <h2 id={`dup-${c.id}`}>{kindText(c.kind)}</h2>
                <p className="muted">{c.regencyName ?? c.regencyCode} · {fmt(w.found, { date: formatDate(c.createdAt, lang) })} · {fmt(w.people, { n: c.people.length })}</p>
                <ul className="people-list" id={`dup-${c.id}-people`}>
                  {c.people.map((p) => (
                    <li key={p.id}>
                      <Link to={`/orang/${p.id}`}>{p.name}</Link>{' '}
                      <span className="muted detail">NIK {p.nikMasked} · {fmt(w.born, { year: p.birthYear })}{p.phoneMasked ? ` · ${fmt(w.phone, { phone: p.phoneMasked })}` : ''}</span>
                    </li>
                  ))}
                </ul>
                {canDecide && (
                  <div className="actions">
                    <button type="button" aria-describedby={`dup-${c.id} dup-${c.id}-people`} disabled={busy === c.id} onClick={() => void decide(c, 'not_duplicate')}>{w.notDuplicate}</button>
                    <button type="button" aria-describedby={`dup-${c.id} dup-${c.id}-people`} disabled={busy === c.id} onClick={() => void decide(c, 'resolved')}>{w.resolved}</button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      ))}
    </>
  );
}
