/** Choose a village by typing part of its name; results are radio buttons (works on any phone and screen reader). */
import { useState } from 'react';
import { api } from '../api.ts';
import { useWords } from '../i18n.tsx';

export interface VillageChoice {
  code: string;
  name: string;
  path: string;
}

const WORDS = {
  label: { id: 'Desa/kelurahan tempat tinggal', en: 'Village where you live' },
  hint: { id: 'Ketik sebagian nama desa atau kelurahan, lalu pilih.', en: 'Type part of the village name, then choose.' },
  find: { id: 'Cari desa', en: 'Find village' },
  none: { id: 'Tidak ada desa dengan nama itu. Coba ejaan lain.', en: 'No village has that name. Try another spelling.' },
  choose: { id: 'Pilih desa/kelurahan', en: 'Choose the village' },
  chosen: { id: 'Dipilih', en: 'Chosen' },
};

/** `label` names what the village is for (where a person lives, where an employer is); the default is a home. */
export function VillagePicker({ value, onChange, error, label }: { value: VillageChoice | null; onChange(v: VillageChoice): void; error?: string; label?: string }) {
  const w = useWords(WORDS);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<VillageChoice[] | null>(null);
  async function find() {
    if (query.trim().length < 2) return;
    const r = await api<{ items: VillageChoice[] }>(`/api/v1/regions/search?q=${encodeURIComponent(query.trim())}&level=4&limit=15`);
    setResults(r.items);
  }
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor="villageCode">{label ?? w.label}</label>
      <p className="hint" id="villageCode-hint">{w.hint}</p>
      {error && <p className="error-message" id="villageCode-error">{error}</p>}
      <div className="inline">
        <input id="villageCode" type="search" value={query} onChange={(e) => setQuery(e.target.value)} aria-describedby={`villageCode-hint${error ? ' villageCode-error' : ''}`}
          aria-invalid={error ? true : undefined} onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); void find(); } }} />
        <button type="button" onClick={find}>{w.find}</button>
      </div>
      {value && <p className="notice" role="status">{w.chosen}: <strong>{value.name}</strong>, {value.path}</p>}
      {results && (results.length === 0 ? <p role="status">{w.none}</p> : (
        <fieldset className="choices">
          <legend>{w.choose}</legend>
          {results.map((r) => (
            <label key={r.code} className="choice">
              <input type="radio" name="village" value={r.code} checked={value?.code === r.code} onChange={() => onChange(r)} />
              <span><strong>{r.name}</strong> <span className="muted">{r.path}</span></span>
            </label>
          ))}
        </fieldset>
      ))}
    </div>
  );
}
