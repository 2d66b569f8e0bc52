import type { ApiProblem } from '../api.ts';
import { useI18n } from '../i18n.tsx';

/** Loading and failure states every page shows the same way. */
export function LoadState({ loading, error }: { loading: boolean; error?: ApiProblem }) {
  const { t } = useI18n();
  if (error) {
    return <div className="error-summary" role="alert"><p>{error.code === 'network' ? t('networkError') : `${error.title}. ${error.detail}`}</p></div>;
  }
  return loading ? <p role="status" className="muted">{t('loading')}</p> : null;
}
