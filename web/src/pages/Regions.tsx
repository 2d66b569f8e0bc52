import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { LoadState } from '../components/Status.tsx';
import { useI18n, type WordKey } from '../i18n.tsx';
import { useApi } from '../useApi.ts';

interface Region {
  code: string;
  parentCode: string | null;
  level: number;
  kind: string;
  name: string;
}

export function Regions() {
  const { t } = useI18n();
  const { code } = useParams();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [query, setQuery] = useState(q);
  const region = useApi<{ region: Region; ancestors: Region[] }>(code ? `/api/v1/regions/${code}` : null);
  const children = useApi<{ items: Region[] }>(code ? (region.data?.region.level === 4 ? null : `/api/v1/regions?parent=${code}`) : '/api/v1/regions');
  const branch = useApi<{ name: string; address: string }>(code && code.length > 2 ? `/api/v1/regions/${code}/branch` : null);
  const results = useApi<{ items: (Region & { path: string })[] }>(q.length >= 2 ? `/api/v1/regions/search?q=${encodeURIComponent(q)}&limit=20` : null);

  function search(e: FormEvent) {
    e.preventDefault();
    setParams(query.trim() ? { q: query.trim() } : {});
  }

  const current = code ? region.data?.region : undefined;
  const title = current ? current.name : t('allProvinces');
  return (
    <>
      <nav aria-label={t('breadcrumb')} className="breadcrumb">
        <ol>
          <li><Link to="/wilayah">{t('allProvinces')}</Link></li>
          {region.data?.ancestors.map((a) => <li key={a.code}><Link to={`/wilayah/${a.code}`}>{a.name}</Link></li>)}
          {current && <li aria-current="page">{current.name}</li>}
        </ol>
      </nav>
      <h1>{title}</h1>
      {current && <p className="muted">{t(current.kind as WordKey)} · {t('code_')} {current.code}</p>}
      {branch.data && <p className="notice">{t('servedBy', { branch: branch.data.name })}</p>}

      <form role="search" onSubmit={search} className="search">
        <label htmlFor="q">{t('findRegion')}</label>
        <p className="hint" id="q-hint">{t('searchRegions')}</p>
        <div className="inline">
          <input id="q" type="search" value={query} onChange={(e) => setQuery(e.target.value)} aria-describedby="q-hint" minLength={2} />
          <button type="submit" className="primary">{t('search')}</button>
        </div>
      </form>

      {q.length >= 2 && (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{t('searchResults')}</h2>
          <LoadState loading={results.loading} error={results.error} />
          {results.data && (results.data.items.length === 0 ? <p>{t('noResults')}</p> : (
            <ul className="list">
              {results.data.items.map((r) => (
                <li key={r.code}><Link to={`/wilayah/${r.code}`}>{r.name}</Link> <span className="muted">{t(r.kind as WordKey)}{r.path ? ` · ${r.path}` : ''}</span></li>
              ))}
            </ul>
          ))}
        </section>
      )}

      <LoadState loading={region.loading || children.loading} error={region.error ?? children.error} />
      {children.data && children.data.items.length > 0 && (
        <section aria-labelledby="children-title">
          <h2 id="children-title">{current ? t('areasIn', { name: current.name }) : t('allProvinces')}</h2>
          <ul className="list columns">
            {children.data.items.map((r) => (
              <li key={r.code}><Link to={`/wilayah/${r.code}`}>{r.name}</Link> <span className="muted">{r.code}</span></li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
