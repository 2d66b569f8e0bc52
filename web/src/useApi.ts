import { useCallback, useEffect, useState } from 'react';
import { api, ApiProblem } from './api.ts';
import { useI18n } from './i18n.tsx';

/** Loads an API resource for a page; reloads when the path or the language changes. */
export function useApi<T>(path: string | null) {
  const { lang } = useI18n();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiProblem>();
  const [loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setLoading(true);
    setError(undefined);
    api<T>(path)
      .then((d) => { if (live) setData(d); })
      .catch((e: unknown) => { if (live) { setData(undefined); setError(e instanceof ApiProblem ? e : new ApiProblem(0, 'network', '', '')); } })
      .finally(() => { if (live) setLoading(false); });
    return () => { live = false; };
  }, [path, lang, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload };
}
