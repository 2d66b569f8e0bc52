/**
 * The officer's one search box: a NIK, KPJ or NPP finds one record exactly; any other text searches
 * names. Results are masked and limited to the officer's branch; opening a person is audited.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth.tsx';
import { ErrorSummary, type FormError } from '../components/Form.tsx';
import { LoadState } from '../components/Status.tsx';
import { fmt, useWords } from '../i18n.tsx';
import { useApi } from '../useApi.ts';

interface Hit { kind: 'person' | 'employer'; id: number; title: string; detail: string; regencyName: string | null }

const LIMIT = 20;
const MIN = 3;

const WORDS = {
  title: { id: 'Cari peserta dan perusahaan', en: 'Find participants and employers' },
  intro: { id: 'Hasil hanya dari wilayah kerja Anda dan ditampilkan tersamar. Buka satu data untuk melihatnya utuh; pembukaan itu tercatat dalam jejak audit.', en: 'Results come from your area only and are shown masked. Open one record to see it whole; opening it is recorded in the audit trail.' },
  label: { id: 'NIK, KPJ, NPP, atau nama', en: 'NIK, KPJ, NPP or name' },
  hint: { id: 'Paling sedikit 3 huruf atau angka. NIK 16 angka, KPJ 11 angka, dan NPP 8 angka dicari tepat; nama boleh sebagian, misalnya "siti rahma".', en: 'At least 3 letters or digits. A 16-digit NIK, 11-digit KPJ or 8-digit NPP is matched exactly; a name may be partial, for example "siti rahma".' },
  tooShort: { id: 'Ketik paling sedikit 3 huruf atau angka.', en: 'Type at least 3 letters or digits.' },
  search: { id: 'Cari', en: 'Search' },
  results: { id: 'Hasil pencarian', en: 'Search results' },
  count: { id: '{n} hasil untuk "{q}"', en: '{n} results for "{q}"' },
  more: { id: 'Hanya {n} hasil pertama yang ditampilkan. Persempit pencarian, misalnya dengan nama lengkap atau NIK.', en: 'Only the first {n} results are shown. Narrow the search, for example with the full name or the NIK.' },
  none: { id: 'Tidak ada orang atau perusahaan yang cocok dengan "{q}" di wilayah kerja Anda. Periksa ejaannya, atau cari dengan NIK, KPJ, atau NPP.', en: 'No person or employer in your area matches "{q}". Check the spelling, or search by NIK, KPJ or NPP.' },
  person: { id: 'Orang', en: 'Person' },
  employer: { id: 'Perusahaan', en: 'Employer' },
};

export function Search() {
  const w = useWords(WORDS);
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const [query, setQuery] = useState(q);
  const [errors, setErrors] = useState<FormError[]>([]);
  useEffect(() => { setQuery(q); }, [q]);
  const valid = q.length >= MIN;
  const results = useApi<{ items: Hit[] }>(valid ? `/api/v1/search?q=${encodeURIComponent(q)}&limit=${LIMIT}` : null);
  // a case manager cannot open employer pages, so employers are listed without a link for them
  const employerLinks = me?.role !== 'case_manager';

  function search(e: FormEvent) {
    e.preventDefault();
    const text = query.trim();
    if (text.length < MIN) { setErrors([{ field: 'q', message: w.tooShort }]); return; }
    setErrors([]);
    setParams({ q: text });
  }

  const error = errors[0]?.message;
  return (
    <>
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      <ErrorSummary errors={errors} labels={{ q: w.label }} />
      <form role="search" onSubmit={search} className="search" noValidate>
        <div className={`field${error ? ' field-error' : ''}`}>
          <label htmlFor="q">{w.label}</label>
          <p className="hint" id="q-hint">{w.hint}</p>
          {error && <p className="error-message" id="q-error">{error}</p>}
          <div className="inline">
            <input id="q" type="search" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)}
              aria-describedby={`q-hint${error ? ' q-error' : ''}`} aria-invalid={error ? true : undefined} />
            <button type="submit" className="primary">{w.search}</button>
          </div>
        </div>
      </form>

      {valid && (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{w.results}</h2>
          <LoadState loading={results.loading} error={results.error} />
          {results.data && !results.loading && (results.data.items.length === 0 ? <p className="notice" role="status">{fmt(w.none, { q })}</p> : (
            <>
              <p role="status">{fmt(w.count, { n: results.data.items.length, q })}</p>
              <ul className="results">
                {results.data.items.map((h) => (
                  <li key={`${h.kind}-${h.id}`}>
                    <span className="kind">{h.kind === 'person' ? w.person : w.employer}</span>
                    {h.kind === 'person' || employerLinks
                      ? <Link to={h.kind === 'person' ? `/orang/${h.id}` : `/perusahaan/${h.id}`} className="result-title">{h.title}</Link>
                      : <span className="result-title">{h.title}</span>}
                    <span className="muted">{h.detail}{h.regencyName ? ` · ${h.regencyName}` : ''}</span>
                  </li>
                ))}
              </ul>
              {results.data.items.length >= LIMIT && <p className="hint">{fmt(w.more, { n: LIMIT })}</p>}
            </>
          ))}
        </section>
      )}
    </>
  );
}
